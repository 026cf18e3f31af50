import {
  analyzeToken,
  buildConnectionUrl,
  diagnose,
  quickFixChecklist,
  type DiagnosisEvidence,
} from '../core/index.ts';
import type { ConsoleState } from './types.ts';

/** The key a verification result belongs to: a result for other inputs is never shown. */
export function verificationKey(s: Pick<ConsoleState, 'analysis' | 'secretText' | 'secretEncoding'>): string {
  return `${s.secretEncoding}\u0000${s.secretText}\u0000${s.analysis.token}`;
}

export function diagnosisEvidence(s: ConsoleState, pageProtocol?: string): DiagnosisEvidence {
  const triage = s.secretText !== '' && s.verification.key === verificationKey(s) ? s.verification.triage : undefined;
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
  const changed = <K extends keyof ConsoleState>(...keys: K[]) => all || keys.some((k) => next[k] !== state[k]);

  if (changed('tokenInput', 'requiredClaims', 'leewaySeconds', 'now')) {
    next.analysis = analyzeToken(next.tokenInput, {
      now: next.now,
      leewaySeconds: next.leewaySeconds,
      requiredClaims: next.requiredClaims,
    });
  }
  if (changed('serverUrl', 'paramName') || next.analysis.token !== state.analysis.token) {
    next.connection = buildConnectionUrl({
      serverUrl: next.serverUrl,
      paramName: next.paramName,
      token: next.analysis.token,
    });
  }
  const key = verificationKey(next);
  if (key !== next.verification.key) {
    next.verification = { key, state: next.secretText === '' ? 'idle' : 'checking' };
  }
  if (changed('analysis', 'verification', 'connection', 'attempt', 'timeoutMs', 'paramName')) {
    const evidence = diagnosisEvidence(next);
    next.causes = diagnose(evidence, next.now);
    next.checklist = quickFixChecklist(evidence, next.now);
  }
  return next;
}
