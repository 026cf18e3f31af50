// The console's Content-Security-Policy and the headers that go with it: the one source for the built
// index.html (meta tag), `vite preview` and the console server behind `npm start` (headers).
//
// No inline script, no eval, no plugins, no <base>, no form posts; styles and fonts from the console's own
// origin only. connect-src stays open to any ws:/wss:/http:/https: target, because the user chooses the
// server to debug (the socket, GET /health, the reachability check, a JWKS URL).

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

/** No page may frame the console (clickjacking a page that holds secrets); only a header can say so. */
export const FRAME_ANCESTORS = "frame-ancestors 'none'";

/** The policy as a header: the same, plus what only a header can say. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; ${FRAME_ANCESTORS}`;

/** Every response of a server that serves the built console (preview, `npm start`) carries these. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The dev server (`npm run dev`, contributors only) cannot carry the policy — React refresh injects inline
 * scripts — but it can still refuse to be framed.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': FRAME_ANCESTORS,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
