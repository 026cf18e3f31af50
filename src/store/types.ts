import type {
  Cause,
  ChecklistItem,
  ConnectionEvent,
  ConnectionUrlResult,
  HandshakeXray,
  HealthInfo,
  HmacAlg,
  Reachability,
  SecretEncoding,
  SecretTriage,
  TokenAnalysis,
} from '../core/index.ts';

export type SocketState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

export interface TokenSlice {
  tokenInput: string;
  secretText: string;
  secretEncoding: SecretEncoding;
  requiredClaims: string[];
  leewaySeconds: number;
  /** Opt-in: keep the token across reloads (never the secret). */
  rememberToken: boolean;
  /** The local clock, ticked once a second so countdowns and statuses stay live. */
  now: number;
  analysis: TokenAnalysis;
  /** Verification of `analysis.token` with the secret. `key` says which inputs it belongs to. */
  verification: { key: string; state: 'idle' | 'checking' | 'done'; triage?: SecretTriage };
  setTokenInput: (value: string) => void;
  setSecretText: (value: string) => void;
  setSecretEncoding: (value: SecretEncoding) => void;
  setRequiredClaims: (claims: string[]) => void;
  setLeewaySeconds: (seconds: number) => void;
  setRememberToken: (value: boolean) => void;
  tick: (now: number) => void;
}

export interface MintSlice {
  payloadText: string;
  mintAlg: HmacAlg;
  mintError: string | null;
  minting: boolean;
  setPayloadText: (text: string) => void;
  setMintAlg: (alg: HmacAlg) => void;
  /** Resets the payload editor to the guide's payload with iat = now, exp = now + 24 h. */
  resetPayload: () => void;
}

export interface Attempt {
  id: number;
  url: string;
  startedAt: number;
  /** Events of this attempt (messages: only the first few, for the diagnosis). */
  events: ConnectionEvent[];
  reachability: Reachability;
  health?: HealthInfo;
  xray?: HandshakeXray;
}

export interface ConnectionSlice {
  serverUrl: string;
  paramName: string;
  timeoutMs: number;
  connection: ConnectionUrlResult;
  socketState: SocketState;
  attempt: Attempt | null;
  setServerUrl: (value: string) => void;
  setParamName: (value: string) => void;
  setTimeoutMs: (ms: number) => void;
}

export interface LogSlice {
  /** Bumped (at most once per animation frame) when the log buffer changed. */
  logVersion: number;
  logTotal: number;
  logDropped: number;
  logCap: number;
  /** Messages received in the last second, and bytes. */
  rate: { messages: number; bytes: number };
  setLogCap: (cap: number) => void;
}

export interface DiagnosisSlice {
  causes: Cause[];
  checklist: ChecklistItem[];
}

export type ConsoleState = TokenSlice & MintSlice & ConnectionSlice & LogSlice & DiagnosisSlice;
