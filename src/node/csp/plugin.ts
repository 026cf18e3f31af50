// The console's Content-Security-Policy (SECURITY.md, promise 4) in Vite: the production build carries it
// as a <meta http-equiv> tag, so it holds wherever dist/ is hosted; `vite preview` also sends it as a header
// with frame-ancestors (which a meta tag cannot carry). The policy itself lives in policy.ts, shared with
// the console server behind `npm start` (src/node/console-server). The dev server gets no policy — Vite and
// React refresh inject inline scripts there — only frame-ancestors 'none'.
import type { Plugin } from 'vite';
import { CONSOLE_SECURITY_HEADERS, CONTENT_SECURITY_POLICY, DEV_SECURITY_HEADERS } from './policy.ts';

export {
  CONSOLE_SECURITY_HEADERS,
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  CSP_DIRECTIVES,
  DEV_SECURITY_HEADERS,
} from './policy.ts';

function sendHeaders(headers: Readonly<Record<string, string>>) {
  return (_req: unknown, res: { setHeader(name: string, value: string): unknown }, next: () => void) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  };
}

export function cspPlugin(): Plugin {
  return {
    name: 'wsjwt-csp',
    // The build and `vite preview`, never the dev server.
    apply: (_config, env) => env.command === 'build' || env.isPreview === true,
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
    configurePreviewServer(server) {
      server.middlewares.use(sendHeaders(CONSOLE_SECURITY_HEADERS));
    },
  };
}

/** The dev server: no policy (inline scripts), but never framed. */
export function devFramingPlugin(): Plugin {
  return {
    name: 'wsjwt-dev-framing',
    apply: (_config, env) => env.command === 'serve' && env.isPreview !== true,
    configureServer(server) {
      server.middlewares.use(sendHeaders(DEV_SECURITY_HEADERS));
    },
  };
}
