// The diagnosis engine's public entry: why a JWT-authenticated WebSocket connection fails, and what to do.
export { diagnose } from './diagnose.ts';
export { quickFixChecklist } from './checklist.ts';
export {
  interpretCloseReason,
  interpretServerMessage,
  matchLibraryReason,
  REASON_RULES,
  DIALECTS,
} from './dialects.ts';
export { readRefusal, parseWwwAuthenticate } from './refusal.ts';
export { CAUSE_CATALOG, CAUSE_TITLES, causeFix, fillFix } from './catalog.ts';
export type { CauseCatalogEntry, FixVars } from './catalog.ts';
export { clockSkew } from './clock.ts';
export { fitFix } from './wording.ts';
export type { FixContext } from './wording.ts';
export { CLI_STEPS, CLI_TERMS, cliText, forSurface } from './surface.ts';
export type { Surface } from './surface.ts';
export { CAUSE_IDS } from './types.ts';
export type {
  Cause,
  CauseId,
  ChecklistItem,
  ChecklistState,
  ClockSkew,
  Confidence,
  ConnectionEvent,
  ConnectionEventType,
  DiagnosisEvidence,
  HandshakeXray,
  HealthInfo,
  Reachability,
  ReasonInterpretation,
} from './types.ts';
