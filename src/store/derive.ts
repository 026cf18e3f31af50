import {
  analyzeToken,
  buildConnectionUrl,
  buildSubprotocols,
  protocolInfo,
  type diagnose,
  type DiagnosisEvidence,
  type quickFixChecklist,
} from '../core/index.ts';
import { attemptInputs, staleInputs, withdrawStale } from './attempt-inputs.ts';
import type { Attempt, ConsoleState } from './types.ts';

/** The diagnosis rules and close-reason tables (~23 KB gzip): loaded right after the first paint. */
export interface DiagnosisEngine {
  diagnose: typeof diagnose;
  quickFixChecklist: typeof quickFixChecklist;
}

let engine: DiagnosisEngine | null = null;

/** Installs the loaded engine (store.ts loads it, then re-derives once). Until then there are no causes. */
export function setDiagnosisEngine(loaded: DiagnosisEngine): void {
  engine = loaded;
}

type KeyInputs = Pick<ConsoleState, 'analysis' | 'secretText' | 'secretEncoding'> &
  Partial<Pick<ConsoleState, 'verifyKeyMode' | 'publicKeyText' | 'jwksUrl' | 'jwks'>>;

/** Public-key modes: the key text verification uses ('' = none yet). JWKS URL: the fetched JWKS, if current. */
export function publicKeyMaterial(s: KeyInputs): string {
  if (s.verifyKeyMode === 'public-key') return s.publicKeyText ?? '';
  if (s.verifyKeyMode === 'jwks-url')
    return s.jwks?.state === 'done' && s.jwks.url === s.jwksUrl ? (s.jwks.text ?? '') : '';
  return '';
}

/** Whether there is something to verify with in the chosen mode. */
export function hasVerificationKey(s: KeyInputs): boolean {
  return (s.verifyKeyMode ?? 'secret') === 'secret' ? s.secretText !== '' : publicKeyMaterial(s) !== '';
}

/** The key a verification result belongs to: a result for other inputs is never shown. */
export function verificationKey(s: KeyInputs): string {
  const mode = s.verifyKeyMode ?? 'secret';
  if (mode !== 'secret') return `${mode}\u0000${publicKeyMaterial(s)}\u0000${s.analysis.token}`;
  return `${s.secretEncoding}\u0000${s.secretText}\u0000${s.analysis.token}`;
}

export function diagnosisEvidence(s: ConsoleState, pageProtocol?: string): DiagnosisEvidence {
  const current =
    hasVerificationKey(s) && s.verification.key === verificationKey(s) ? s.verification.triage : undefined;
  // A key that could not be used at all (unreadable, RSA under 2048 bits) says nothing about the token.
  const triage = current?.keyUsable === false ? undefined : current;
  return {
    token: s.analysis,
    secret: triage,
    url: s.connection,
    paramName: s.paramName,
    pageProtocol: pageProtocol ?? (typeof location === 'undefined' ? undefined : location.protocol),
    events: s.attempt?.events ?? [],
    reachability: s.attempt?.reachability,
    health: s.attempt?.health,
    xray: s.attempt?.xray,
    timeoutMs: s.timeoutMs,
    leewaySeconds: s.leewaySeconds,
    offeredProtocols: s.attempt?.offeredProtocols,
    tokenTravel: s.tokenTravel,
    travelDiscovery: s.attempt?.travelDiscovery,
    tokenNotSent: s.attempt?.tokenNotSent,
    ...protocolEvidence(s.attempt),
  };
}

/** A refusal the protocol spoke in a frame (Socket.IO CONNECT_ERROR, STOMP ERROR, connection_error): the
 * server's words, read like a close reason (src/node/cli/probe-travel.ts travelEvidence). A refusal carried
 * by a close (graphql-ws 4403) is already in the close event. */
function protocolEvidence(attempt: Attempt | null): Pick<DiagnosisEvidence, 'protocolRefusal'> {
  const p = attempt?.protocol;
  const o = p?.outcome;
  if (p === undefined || o?.kind !== 'auth-refused' || o.code !== undefined) return {};
  return {
    protocolRefusal: { protocol: p.label, words: o.words, summary: `${p.label} ${o.summary}`, at: o.at },
  };
}

/**
 * Applies a patch of user input or socket evidence and recomputes what depends on it, through the pure
 * core: token analysis, the Connection URL, the verification key, the diagnosis. One place, so nothing
 * derived can go stale.
 */
export function derive(
  state: ConsoleState,
  patch: Partial<ConsoleState>,
  { all = false }: { all?: boolean } = {},
): Partial<ConsoleState> {
  const next: ConsoleState = { ...state, ...patch };
  const changed = <K extends keyof ConsoleState>(...keys: K[]) =>
    all || keys.some((k) => next[k] !== state[k]);

  if (changed('tokenInput', 'requiredClaims', 'leewaySeconds', 'now')) {
    next.analysis = analyzeToken(next.tokenInput, {
      now: next.now,
      leewaySeconds: next.leewaySeconds,
      requiredClaims: next.requiredClaims,
    });
  }
  if (
    changed('serverUrl', 'paramName', 'tokenTravel', 'appProtocol') ||
    next.analysis.token !== state.analysis.token
  ) {
    // Socket.IO adds its Engine.IO path to a base URL; a URL it cannot read is reported as typed.
    const address = protocolInfo(next.appProtocol).connectionUrl(next.serverUrl);
    next.connection = buildConnectionUrl({
      serverUrl: address.ok ? address.url : next.serverUrl,
      paramName: next.paramName,
      // The URL carries the token only when it travels in the query.
      token: next.tokenTravel === 'query' ? next.analysis.token : '',
    });
  }
  if (changed('subprotocolTemplate') || next.analysis.token !== state.analysis.token) {
    next.subprotocols = buildSubprotocols(next.subprotocolTemplate, next.analysis.token);
  }
  // A new attempt records what it is made with; its verdict is read against the inputs from then on.
  if (next.attempt && next.attempt !== state.attempt && next.attempt.inputs === undefined)
    next.attempt = { ...next.attempt, inputs: attemptInputs(next) };
  const stale = staleInputs(next.attempt, next);
  if (stale.join() !== next.staleInputs.join()) next.staleInputs = stale;
  const key = verificationKey(next);
  if (key !== next.verification.key) {
    next.verification = { key, state: hasVerificationKey(next) ? 'checking' : 'idle' };
  }
  if (
    changed(
      'analysis',
      'verification',
      'connection',
      'attempt',
      'timeoutMs',
      'paramName',
      'tokenTravel',
      'appProtocol',
      'staleInputs',
    )
  ) {
    const evidence = withdrawStale(diagnosisEvidence(next), next.staleInputs);
    next.causes = engine ? engine.diagnose(evidence, next.now) : [];
    next.checklist = engine ? engine.quickFixChecklist(evidence, next.now) : [];
  }
  return next;
}
