// The console's Content-Security-Policy (SECURITY.md, promise 4). The production build carries it as a
// <meta http-equiv> tag, so it holds wherever dist/ is hosted; `vite preview` also sends it as a header
// with frame-ancestors (which a meta tag cannot carry). Not applied to the dev server: Vite and React
// refresh inject inline scripts there.
//
// No inline script, no eval, no plugins, no <base>, no form posts; styles and fonts from the console's own
// origin only. connect-src stays open to any ws:/wss:/http:/https: target, because the user chooses the
// server to debug (the socket, GET /health, the reachability check, a JWKS URL).
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self' ws: wss: http: https:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

/** The policy as written in the built index.html. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** The policy as `vite preview` sends it: the same, plus what only a header can say. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

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
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY_HEADER);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        next();
      });
    },
  };
}
