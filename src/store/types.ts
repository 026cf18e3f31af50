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
import type {
  AppProtocolId,
  AsymmetricAlg,
  KeyVerifyOutcome,
  ProtocolOutcome,
  SubprotocolResult,
  TokenPlacement,
  TravelDiscovery,
} from '../core/index.ts';
import type {
  MatrixOutcome,
  MatrixPlan,
  MatrixSkippedVariant,
  MatrixSummary,
  MatrixVariant,
  MatrixVerdict,
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
  verification: {
    key: string;
    state: 'idle' | 'checking' | 'done' | 'failed';
    /** failed: why the check could not run (its code did not load…), for the user. */
    error?: string;
    triage?: SecretTriage;
    /** Public-key modes: the full check (what the key is, its warnings), besides the triage. */
    keyCheck?: KeyVerifyOutcome;
  };
  /** Which key verifies: the HMAC secret (default), a pasted public key (PEM, X.509, JWK, JWKS), or a JWKS URL. */
  verifyKeyMode: VerifyKeyMode;
  /** PEM / X.509 / JWK / JWKS text (never persisted: people paste private keys too). */
  publicKeyText: string;
  jwksUrl: string;
  /** The last fetch of jwksUrl (fetched by the store, explained by the core). */
  jwks: JwksFetch;
  setVerifyKeyMode: (mode: VerifyKeyMode) => void;
  setPublicKeyText: (text: string) => void;
  setJwksUrl: (url: string) => void;
  setTokenInput: (value: string) => void;
  setSecretText: (value: string) => void;
  setSecretEncoding: (value: SecretEncoding) => void;
  setRequiredClaims: (claims: string[]) => void;
  setLeewaySeconds: (seconds: number) => void;
  setRememberToken: (value: boolean) => void;
  tick: (now: number) => void;
}

export type VerifyKeyMode = 'secret' | 'public-key' | 'jwks-url';

export interface JwksFetch {
  /** The URL this state belongs to. */
  url: string;
  state: 'idle' | 'fetching' | 'done' | 'failed';
  /** done: the JWKS JSON as fetched (pretty-printed). */
  text?: string;
  /** done: where it came from when a discovery document pointed to it; failed: why, in plain language. */
  message?: string;
}

export interface MintSlice {
  /** Sign with the Secret (HMAC) or with a private key. */
  mintSigner: 'secret' | 'private-key';
  /** The algorithm when signing with a private key (mintAlg stays the HMAC one). */
  mintKeyAlg: AsymmetricAlg;
  /** PEM / JWK private key for minting (never persisted). */
  privateKeyText: string;
  generatingKeys: boolean;
  setMintSigner: (signer: 'secret' | 'private-key') => void;
  setMintKeyAlg: (alg: AsymmetricAlg) => void;
  setPrivateKeyText: (text: string) => void;
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
  /** The Sec-WebSocket-Protocol values offered by this attempt (token travelling as a subprotocol). */
  offeredProtocols?: string[];
  /** The application protocol this attempt spoke (absent: a plain socket with no first message), and
   * what it learnt about authentication. */
  protocol?: AttemptProtocol;
  /** After an unauthenticated refusal: the same token tried in other places (src/store/checks.ts). */
  travelDiscovery?: TravelDiscovery;
  /** The token never left: the travel cookie could not be set (src/store/cookie-travel.ts). */
  tokenNotSent?: { reason: string; fix: string };
  /** What this attempt was made with (stamped by derive when it starts): its verdict belongs to these. */
  inputs?: AttemptInputs;
  /** An auto-retry: the attempt whose checks (reachability, /health, x-ray) this one carries over, instead
   * of asking the server again (once per failure streak). */
  checksFrom?: number;
}

export interface AttemptProtocol {
  id: AppProtocolId;
  /** As shown in the Protocol select. */
  label: string;
  /** The first outcome that settled authentication (a frame's, or the close's), ms since Connect. */
  outcome?: ProtocolOutcome & { at: number };
}

/** Fingerprints of the token and the key, and the Server URL and placement, of one attempt. */
export interface AttemptInputs {
  token: string;
  key: string;
  serverUrl: string;
  placement: string;
}

/** An input that changed since the attempt whose verdict is shown. */
export type StaleInput = 'token' | 'secret' | 'server-url' | 'placement';

/** Where the token travels (src/core/travel/placements.ts): the query string (default), the
 * Sec-WebSocket-Protocol header, a cookie, the protocol's first message, or the Authorization header (relay). */
export type TokenTravel = TokenPlacement;

export interface ConnectionSlice {
  /** The application protocol spoken over the socket (`Protocol` select): plain by default. */
  appProtocol: AppProtocolId;
  /** Switches the protocol; a token that travelled in the query moves to the protocol's first message. */
  setAppProtocol: (id: AppProtocolId) => void;
  /** The `Connection payload` template as the user edited it ({token} where the token goes); null: the
   * protocol's default for the current placement (connectionPayloadTemplate()). */
  connectionPayload: string | null;
  setConnectionPayload: (template: string | null) => void;
  /** Extra request headers the local relay adds (Token travels in the Authorization header): one
   * "Name: value" per line. Never stored: it may hold credentials. */
  relayHeaders: string;
  setRelayHeaders: (text: string) => void;
  tokenTravel: TokenTravel;
  /** Comma-separated subprotocols with a {token} placeholder, e.g. "access_token, {token}". */
  subprotocolTemplate: string;
  /** The subprotocols the template gives for the current token (derived). */
  subprotocols: SubprotocolResult;
  setTokenTravel: (travel: TokenTravel) => void;
  setSubprotocolTemplate: (template: string) => void;
  serverUrl: string;
  paramName: string;
  timeoutMs: number;
  connection: ConnectionUrlResult;
  socketState: SocketState;
  attempt: Attempt | null;
  /**
   * The Server URL as the last session left it, and what its stored copy did not keep (credentials: the
   * userinfo, the value of api_key…; names only, never values). Shown while the URL is unchanged.
   */
  restoredUrlNote: { url: string; notKept: string[] } | null;
  setServerUrl: (value: string) => void;
  setParamName: (value: string) => void;
  setTimeoutMs: (ms: number) => void;
  /** A command (Connect, Disconnect, Clear log…) could not run because the actions' code did not load. */
  commandError: string | null;
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
  /** "Pause log": the view stops following the buffer; recording and the counts go on. */
  logPaused: boolean;
  setLogPaused: (paused: boolean) => void;
  /** Round trips of messages the server echoed back (ms), since Connect. */
  echoRtt: EchoRtt | null;
  /** The composer's interval sender (an app-level heartbeat): its period while running. */
  heartbeatMs: number | null;
}

export interface EchoRtt {
  last: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

export interface DiagnosisSlice {
  causes: Cause[];
  checklist: ChecklistItem[];
  /** Inputs changed since the latest attempt (data-stale on the Diagnosis region); empty when current. */
  staleInputs: StaleInput[];
}

/** A saved connection setup. Never the secret; the token only when the user opted in when saving. */
export interface ConnectionProfile {
  name: string;
  serverUrl: string;
  paramName: string;
  requiredClaims: string[];
  /** The mint payload text. */
  claimsTemplate: string;
  /** The Protocol (a profile from before issue #15 has none: plain). */
  appProtocol?: AppProtocolId;
  /** Token travels in (none: query for plain, the first message for a protocol). */
  tokenTravel?: TokenPlacement;
  /** The Sec-WebSocket-Protocol template, {token} where the token goes (never the token itself). */
  subprotocolTemplate?: string;
  /** The Connection payload template, {token} where the token goes; null: the protocol's default. */
  connectionPayload?: string | null;
  /** Only when "include the token" was ticked (stored in plain text). */
  token?: string;
  /** Epoch ms. */
  savedAt: number;
}

export interface ProfilesSlice {
  profiles: ConnectionProfile[];
  // Saving and applying one: saveProfile / loadProfile in src/store/profile-actions.ts.
  deleteProfile: (name: string) => void;
}

/** One token variant of the server auth test matrix, and what the server did with it. */
export interface MatrixRow {
  variant: MatrixVariant;
  state: 'pending' | 'running' | 'done';
  outcome?: MatrixOutcome;
  verdict?: MatrixVerdict;
}

export interface MatrixRun {
  id: number;
  state: 'preparing' | 'running' | 'done' | 'cancelled' | 'error';
  /** Where the variants were sent, token redacted. */
  url: string;
  /** How they were sent: the protocol and where the token travelled, in words. */
  travel?: string;
  startedAt: number;
  rows: MatrixRow[];
  skipped: MatrixSkippedVariant[];
  base: MatrixPlan['base'];
  notes: string[];
  /** How long an opened socket was watched, and the upgrade timeout per variant (ms). */
  observeMs: number;
  connectTimeoutMs: number;
  summary?: MatrixSummary;
  /** Why the matrix could not run (no Server URL…). */
  error?: string;
}

export interface MatrixSlice {
  matrix: MatrixRun | null;
  /** How long each opened matrix socket is watched for a rejection (ms). */
  matrixObserveMs: number;
  setMatrixObserveMs: (ms: number) => void;
}

/** Optional auto-reconnect with backoff (off by default, never persisted). See reconnect.ts. */
export interface ReconnectSlice {
  autoReconnect: boolean;
  /** A retry is scheduled: which attempt, when (epoch ms), after what delay. */
  reconnect: { attempt: number; at: number; delayMs: number } | null;
  /** What auto-reconnect last did that the user should know (it re-minted an expired token...). */
  reconnectNote: string | null;
  /** Why auto-reconnect stopped on its own (an auth rejection it cannot change, a terminal refusal), on
   * which attempt, after how many retries. Cleared by the user's Connect and by the toggle. */
  reconnectStopped: { why: string; attempt: number; retries: number } | null;
  setAutoReconnect: (on: boolean) => void;
}

export type ConsoleState = TokenSlice &
  MintSlice &
  ConnectionSlice &
  LogSlice &
  DiagnosisSlice &
  ProfilesSlice &
  MatrixSlice &
  ReconnectSlice;
