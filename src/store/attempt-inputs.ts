// A verdict belongs to an attempt. Each attempt carries the inputs it was made with (token, key, Server URL,
// placement); when the current inputs differ, the verdict is stale and what no longer applies is withdrawn:
// the server's answer is about the token it received, never about one it did not see.
import type { DiagnosisEvidence } from '../core/index.ts';
import { connectionPayloadTemplate } from './travel.ts';
import type { Attempt, AttemptInputs, ConsoleState, StaleInput } from './types.ts';

// derive() runs on every log flush: the token and key texts rarely change, so their hashes are memoised.
const memo = new Map<string, string>();

/** A 53-bit fingerprint (cyrb53), so the attempt holds no copy of the token or the secret. */
function fingerprint(text: string): string {
  const known = memo.get(text);
  if (known !== undefined) return known;
  const hash = cyrb53(text);
  if (memo.size >= 8) memo.clear();
  memo.set(text, hash);
  return hash;
}

function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

type InputState = Pick<
  ConsoleState,
  | 'analysis'
  | 'secretText'
  | 'secretEncoding'
  | 'verifyKeyMode'
  | 'publicKeyText'
  | 'jwksUrl'
  | 'serverUrl'
  | 'paramName'
  | 'tokenTravel'
  | 'subprotocolTemplate'
  | 'appProtocol'
  | 'connectionPayload'
>;

/** The inputs an attempt made now would be made with. */
export function attemptInputs(s: InputState): AttemptInputs {
  const key =
    s.verifyKeyMode === 'secret'
      ? `secret\u0000${s.secretEncoding}\u0000${s.secretText}`
      : `${s.verifyKeyMode}\u0000${s.verifyKeyMode === 'jwks-url' ? s.jwksUrl : s.publicKeyText}`;
  // The protocol, the placement and what shapes it: the parameter (query, cookie), the subprotocol
  // template, the first message's payload template.
  const detail =
    s.tokenTravel === 'subprotocol'
      ? s.subprotocolTemplate
      : s.tokenTravel === 'query' || s.tokenTravel === 'cookie'
        ? s.paramName
        : s.tokenTravel === 'first-message'
          ? connectionPayloadTemplate(s)
          : '';
  const placement = `${s.appProtocol}\u0000${s.tokenTravel}\u0000${detail}`;
  return {
    token: fingerprint(s.analysis.token),
    key: fingerprint(key),
    serverUrl: s.serverUrl.trim(),
    placement,
  };
}

/** Which inputs differ from the attempt's; empty when the verdict is current (or there is no attempt). */
export function staleInputs(attempt: Attempt | null, s: InputState): StaleInput[] {
  const then = attempt?.inputs;
  if (!then) return [];
  const now = attemptInputs(s);
  const out: StaleInput[] = [];
  if (then.token !== now.token) out.push('token');
  if (then.key !== now.key) out.push('secret');
  if (then.serverUrl !== now.serverUrl) out.push('server-url');
  if (then.placement !== now.placement) out.push('placement');
  return out;
}

/**
 * The evidence with what a stale attempt can no longer tell withdrawn. Another token or placement: the
 * server's answer is about something else (its events go; /health and reachability still describe the
 * server). Another Server URL: nothing of the attempt applies. Only another Secret: the server saw this very
 * token, so its answer stays, read against the new Secret.
 */
export function withdrawStale(evidence: DiagnosisEvidence, stale: readonly StaleInput[]): DiagnosisEvidence {
  if (stale.length === 0 || (stale.length === 1 && stale[0] === 'secret')) return evidence;
  const {
    xray: _xray,
    offeredProtocols: _offered,
    protocolRefusal: _refusal,
    travelDiscovery: _found,
    tokenNotSent: _notSent,
    ...rest
  } = evidence;
  const withdrawn: DiagnosisEvidence = { ...rest, events: [] };
  if (stale.includes('server-url')) {
    delete withdrawn.health;
    delete withdrawn.reachability;
  }
  return withdrawn;
}

const INPUT_WORDS: Readonly<Record<StaleInput, string>> = {
  token: 'token',
  secret: 'Secret',
  'server-url': 'Server URL',
  placement: 'token placement',
};

/** "This was for the previous token — Connect again.", naming every input that changed. */
export function staleSentence(stale: readonly StaleInput[]): string {
  const words = stale.map((k) => INPUT_WORDS[k]);
  const list = words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  return `This was for the previous ${list} — Connect again.`;
}
