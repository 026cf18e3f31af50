// Travel discovery: when a server refuses a token as if it never saw it, the same token is tried in a few
// other places — the Authorization header, a cookie, the subprotocol, other query parameter names, the
// protocol's first message — to find the place the server does read it. This module plans those attempts
// (bounded, the same target only); discovery-read.ts turns what each attempt saw into evidence. Pure.
import type { AppProtocolId } from '../protocol/types.ts';
import { PLACEMENTS, type TokenPlacement } from './placements.ts';
import { DEFAULT_SUBPROTOCOL_TEMPLATE } from './subprotocols.ts';

/** At most this many other places are tried. */
export const DISCOVERY_MAX_ATTEMPTS = 8;
/** Query parameter names servers commonly read a token from. */
export const DISCOVERY_QUERY_NAMES: readonly string[] = ['token', 'access_token', 'jwt', 'auth'];
/** How long an accepted socket is watched: a server that accepts, then closes 1008/4401, refused it. */
export const DISCOVERY_SETTLE_MS = 500;
/** Each attempt's handshake timeout. */
export const DISCOVERY_ATTEMPT_TIMEOUT_MS = 2000;
/** All attempts together. */
export const DISCOVERY_TOTAL_MS = 15_000;

/** One place a token can travel in: a placement and, for the query and a cookie, its name. */
export interface DiscoveryPlace {
  placement: TokenPlacement;
  /** The query parameter's or the cookie's name. */
  name?: string;
}

export interface DiscoveryStep extends DiscoveryPlace {
  /** How the place is named in evidence: "?access_token=", "the Authorization header (Bearer)"… (no token). */
  label: string;
}

export interface DiscoveryInput {
  /** Where the token was sent. */
  used: TokenPlacement;
  /** The query parameter (or cookie) name it was sent as. */
  paramName: string;
  protocol: AppProtocolId;
  /** The token never reached the used place (the browser could not set the cookie): try it there too. */
  usedNotSent?: boolean;
}

/**
 * What the page asks the x-ray to try (POST /__wsjwt/xray `{ url, discover }`): the token, where it was sent,
 * and the protocol's first-message template.
 */
export interface DiscoveryRequest {
  token: string;
  placement: TokenPlacement;
  paramName: string;
  protocol: AppProtocolId;
  payload?: string;
  /** The page could not send the token where it meant to (a cookie for another site): try it there too. */
  notSent?: boolean;
}

/** The place in words, never with the token in it. */
export function placeLabel(place: DiscoveryPlace): string {
  switch (place.placement) {
    case 'query':
      return `?${place.name ?? 'token'}=`;
    case 'cookie':
      return `a cookie ${place.name ?? 'token'}=`;
    case 'subprotocol':
      return `the Sec-WebSocket-Protocol header (${DEFAULT_SUBPROTOCOL_TEMPLATE.replace('{token}', '<token>')})`;
    default:
      return PLACEMENTS[place.placement].where;
  }
}

function step(placement: TokenPlacement, name?: string): DiscoveryStep {
  const place: DiscoveryPlace = name === undefined ? { placement } : { placement, name };
  return { ...place, label: placeLabel(place) };
}

/** The place the token was sent to, as a step (for the evidence's "sent in …"). */
export function usedStep(input: DiscoveryInput): DiscoveryStep {
  const named = input.used === 'query' || input.used === 'cookie';
  return step(input.used, named ? input.paramName.trim() || 'token' : undefined);
}

export function samePlace(a: DiscoveryPlace, b: DiscoveryPlace): boolean {
  return a.placement === b.placement && (a.name ?? '') === (b.name ?? '');
}

/**
 * The other places to try, most telling first: the Authorization header (what a browser cannot send), a
 * cookie, the subprotocol, the common query names, then the protocol's first message. Never the place
 * already used (unless the token never got there: usedNotSent), never more than DISCOVERY_MAX_ATTEMPTS.
 */
export function planDiscovery(input: DiscoveryInput): DiscoveryStep[] {
  const param = input.paramName.trim() || 'token';
  const used = usedStep(input);
  // A place the browser could not use is tried first: the server may well read it there.
  const candidates: DiscoveryStep[] = input.usedNotSent === true ? [used, step('header')] : [step('header')];
  for (const name of [param, 'token']) candidates.push(step('cookie', name));
  candidates.push(step('subprotocol'));
  for (const name of [param, ...DISCOVERY_QUERY_NAMES]) candidates.push(step('query', name));
  if (input.protocol !== 'plain') candidates.push(step('first-message'));
  const out: DiscoveryStep[] = [];
  for (const c of candidates) {
    if ((c !== used && samePlace(c, used)) || out.some((o) => samePlace(o, c))) continue;
    // A cookie name must be an HTTP token: a parameter name like "a b" is not tried as a cookie.
    if (c.placement === 'cookie' && !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(c.name ?? '')) continue;
    out.push(c);
  }
  // The first message comes last in the candidates but is the protocol's own place: keep it within bounds.
  if (out.length > DISCOVERY_MAX_ATTEMPTS) {
    const first = out.find((s) => s.placement === 'first-message');
    const kept = out.filter((s) => s !== first).slice(0, DISCOVERY_MAX_ATTEMPTS - (first ? 1 : 0));
    return first ? [...kept, first] : kept;
  }
  return out;
}
