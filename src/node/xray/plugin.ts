// The x-ray as a Vite plugin: under `npm start` / `vite` (dev) and `vite preview`, POST /__wsjwt/xray runs
// the handshake probe for the console. A console hosted as static files has no such endpoint; it then says
// what it cannot see (the HTTP status of a refused upgrade).
//
// Reachable only on loopback: Vite binds the dev and preview servers to localhost/127.0.0.1 unless told
// otherwise (vite.config.ts pins host to loopback), and the handler refuses any request whose peer is not
// loopback, or whose Host/Origin is not the console's own — even if someone runs `vite --host 0.0.0.0`.
import type { Plugin } from 'vite';
import { createXrayMiddleware } from './handler.ts';
import type { XrayHandlerOptions } from './handler.ts';

export { XRAY_PATH } from './handler.ts';

export function xrayPlugin(options: XrayHandlerOptions = {}): Plugin {
  return {
    name: 'wsjwt-xray',
    configureServer(server) {
      server.middlewares.use(createXrayMiddleware(options));
    },
    configurePreviewServer(server) {
      server.middlewares.use(createXrayMiddleware(options));
    },
  };
}
