// The x-ray as a Vite plugin: under `npm run dev` and `vite preview` (the e2e tests' server), POST
// /__wsjwt/xray runs the handshake probe for the console, and a WebSocket upgrade to /__wsjwt/relay opens
// the local relay (src/node/relay), under the same session token. A console hosted as static files has no such
// endpoint; it then says what it cannot see (the HTTP status of a refused upgrade).
//
// Reachable only on loopback: Vite binds the dev and preview servers to localhost/127.0.0.1 unless told
// otherwise (vite.config.ts pins host to loopback), and the handler refuses any request whose peer is not
// loopback, whose Host/Origin is not the console's own, or without this server start's session token. The
// token reaches the console's page as a <meta> tag: the dev server adds it in transformIndexHtml (never in
// a build — a token baked into dist/ would be the same for every launch); preview serves index.html
// itself to add it.
import type { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { CONSOLE_SECURITY_HEADERS } from '../csp/policy.ts';
import {
  createSessionToken,
  isAllowedHost,
  SESSION_META_NAME,
  withSessionMeta,
} from '../guard/local-request.ts';
import { answerRelayHttp, attachRelay, isRelayPath } from '../relay/relay.ts';
import type { Relay } from '../relay/relay.ts';
import { createXrayMiddleware } from './handler.ts';
import type { XrayHandlerOptions } from './handler.ts';
export { XRAY_PATH } from './handler.ts';

/** Preview: GET / and /index.html answered with the build's index.html plus the session token. */
function previewIndexWithSession(outDir: string, sessionToken: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '/').split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (path !== '/' && path !== '/index.html')) {
      next();
      return;
    }
    // Never hand the token to a rebinding page (Vite's own host check may run after this middleware).
    if (!isAllowedHost(req.headers.host, {})) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This console answers only as localhost, 127.0.0.1 or [::1].\n');
      return;
    }
    readFile(resolve(outDir, 'index.html'), 'utf8').then(
      (html) => {
        const body = withSessionMeta(html, sessionToken);
        res.writeHead(200, {
          ...CONSOLE_SECURITY_HEADERS,
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': String(Buffer.byteLength(body)),
          'Cache-Control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => next(),
    );
  };
}

/** The relay on a Vite server's upgrades (none in middleware mode), and a 426 for a plain GET of its path. */
function serveRelay(
  server: { httpServer: EventEmitter | null; middlewares: { use(fn: Middleware): unknown } },
  sessionToken: string,
): void {
  server.middlewares.use((req, res, next) => (isRelayPath(req.url) ? answerRelayHttp(res) : next()));
  if (server.httpServer === null) return;
  const relay: Relay = attachRelay(server.httpServer, { sessionToken });
  // Relayed sockets are no longer the HTTP server's to close.
  server.httpServer.once('close', () => relay.close());
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function xrayPlugin(options: XrayHandlerOptions = {}): Plugin {
  let devSessionToken: string | undefined;
  return {
    name: 'wsjwt-xray',
    configureServer(server) {
      devSessionToken = createSessionToken();
      server.middlewares.use(createXrayMiddleware({ sessionToken: devSessionToken }, options));
      serveRelay(server, devSessionToken);
    },
    transformIndexHtml: {
      order: 'post',
      // Only the dev server (ctx.server): the build must not carry a token.
      handler: (_html, ctx) =>
        ctx.server !== undefined && devSessionToken !== undefined
          ? [{ tag: 'meta', attrs: { name: SESSION_META_NAME, content: devSessionToken }, injectTo: 'head' }]
          : [],
    },
    configurePreviewServer(server) {
      const sessionToken = createSessionToken();
      server.middlewares.use(createXrayMiddleware({ sessionToken }, options));
      serveRelay(server, sessionToken);
      server.middlewares.use(
        previewIndexWithSession(resolve(server.config.root, server.config.build.outDir), sessionToken),
      );
    },
  };
}
