// Who may use the x-ray endpoint: only the console's own page, on this machine. The endpoint opens
// WebSockets on behalf of its caller, so a foreign web page must not be able to drive it:
// - the TCP peer is loopback (the dev server binds to localhost; this holds even if someone binds it wider);
// - the Host header names a loopback host — a DNS-rebinding page reaches us under ITS host name, so it fails
//   here even though its requests come from this machine;
// - the Origin header is present and is exactly http(s):// + that Host — the console's own origin. Browsers
//   always send Origin on POST and cannot forge it; other pages (and no-cors tricks) carry their own origin.
//   (A GET without Origin — how a browser sends a same-origin GET — may ask "is the x-ray here?" only.)
// Pure: tested as a table.

export interface XrayRequestFacts {
  method: string | undefined;
  /** The Host header. */
  host: string | undefined;
  /** The Origin header. */
  origin: string | undefined;
  /** The TCP peer (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
}

export type XrayCheck = { ok: true; origin: string } | { ok: false; status: 403 | 405; error: string };

/** Methods the endpoint serves: GET (is the x-ray here?) and POST (run it). */
export const XRAY_METHODS: readonly string[] = ['GET', 'POST'];

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined || address === '') return false;
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** localhost, 127.0.0.1 or [::1], with an optional port; nothing else (no other names that resolve to 127.*). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/i.exec(host.trim());
  if (match === null) return false;
  return match[2] === undefined || Number(match[2]) <= 65535;
}

export function checkXrayRequest(facts: XrayRequestFacts): XrayCheck {
  if (!isLoopbackAddress(facts.remoteAddress)) {
    return { ok: false, status: 403, error: 'The x-ray answers only requests from this machine (loopback).' };
  }
  const host = facts.host?.trim();
  if (host === undefined || !isLoopbackHostHeader(host)) {
    return {
      ok: false,
      status: 403,
      error: 'The x-ray answers only the console opened as localhost, 127.0.0.1 or [::1].',
    };
  }
  const method = (facts.method ?? '').toUpperCase();
  const origin = facts.origin?.trim();
  // A same-origin GET carries no Origin header in browsers; it only says whether the x-ray is here (no CORS
  // grant, so no other page can read the answer, and the Host check above stops DNS rebinding). Running a
  // probe (POST) always needs the console's own Origin.
  if (method === 'GET' && origin === undefined) return { ok: true, origin: `http://${host}` };
  if (origin === undefined || origin === '' || origin === 'null') {
    return { ok: false, status: 403, error: "The x-ray needs the console's Origin header." };
  }
  const lowerOrigin = origin.toLowerCase();
  const lowerHost = host.toLowerCase();
  if (lowerOrigin !== `http://${lowerHost}` && lowerOrigin !== `https://${lowerHost}`) {
    return {
      ok: false,
      status: 403,
      error: "The x-ray answers only the console's own page (Origin must match Host).",
    };
  }
  if (!XRAY_METHODS.includes(method)) {
    return { ok: false, status: 405, error: 'Use GET to check the x-ray is here, POST to run it.' };
  }
  return { ok: true, origin };
}
