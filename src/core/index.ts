// The single public entry of the pure core. The console, the CLI and the reference server import from here.

export type * from './types.ts';

export {
  bytesEqual,
  decodeBase64,
  decodeBase64url,
  decodeUtf8Strict,
  describeCharacter,
  encodeBase64,
  encodeBase64url,
  explainBase64urlCharacter,
  findInvalidBase64Chars,
  findInvalidBase64urlChars,
  formatInvalidCharacters,
} from './token/base64url.ts';
export type {
  Base64DecodeOptions,
  Base64DecodeResult,
  Base64ErrorCode,
  InvalidCharacter,
} from './token/base64url.ts';

export { cleanTokenInput } from './token/clean.ts';
export type { CleanTokenOptions, CleanTokenResult } from './token/clean.ts';

export {
  analyzeToken,
  DEFAULT_REQUIRED_CLAIMS,
  isWellFormed,
  KNOWN_JWS_ALGORITHMS,
} from './token/analyze.ts';

export { formatDuration, formatLocalDateTime, formatRelative, formatWallClock } from './time/relative.ts';

export {
  decodeSecret,
  describeSecretProblems,
  HS256_MIN_SECRET_BYTES,
  parseEnvSecret,
} from './jws/secret.ts';
export type { DecodeSecretResult, EnvSecret } from './jws/secret.ts';

export { INSECURE_CONTEXT_MESSAGE, webCryptoAvailability } from './jws/webcrypto.ts';
export type { WebCryptoAvailability, WebCryptoScope } from './jws/webcrypto.ts';

export { HMAC_ALGORITHMS } from './jws/algorithms.ts';
export { verifyToken } from './jws/verify.ts';
export type { VerifyTokenOptions } from './jws/verify.ts';

export { defaultPayload } from './jws/default-payload.ts';
export type { DefaultPayload } from './jws/default-payload.ts';
export { mintToken, parsePayloadJson } from './jws/mint.ts';
export type { MintResult, ParsePayloadResult } from './jws/mint.ts';

export { MAX_TRIAGE_VERIFICATIONS, triageSecret } from './jws/triage.ts';

export {
  buildConnectionUrl,
  DEFAULT_TOKEN_PARAM,
  redactToken,
  redactUrlToken,
} from './url/connection-url.ts';
export type { ConnectionUrlInput } from './url/connection-url.ts';
export {
  buildDeepLink,
  DEEP_LINK_PROTOCOLS,
  DEEP_LINK_REFUSED_PARAMS,
  DEEP_LINK_SUPPORT_TODAY,
  DEEP_LINK_TRAVELS,
  readDeepLink,
} from './url/deep-link.ts';
export type {
  DeepLink,
  DeepLinkNotice,
  DeepLinkNoticeCode,
  DeepLinkProtocol,
  DeepLinkSupport,
  DeepLinkTarget,
  DeepLinkTravel,
} from './url/deep-link.ts';

export { closeCodeInfo, closeRetryClass, httpRefusalRetryClass, isErrorClose } from './close-codes/index.ts';
export type { RetryClass } from './close-codes/index.ts';

export { formatBytes, hexPreview } from './bytes.ts';

// event log tools: filter, export (redacted), composer parsing
export { compileLogFilter, NO_LOG_FILTER } from './log/filter.ts';
export type { LogFilter } from './log/filter.ts';
export { exportEntry, logExportFileName, makeRedactor, serializeLogExport } from './log/export.ts';
export type { LogExportMeta, LogRecord, RedactionInputs } from './log/export.ts';
export {
  COMPOSER_MODES,
  composeMessage,
  hexDump,
  parseBase64Bytes,
  parseHexBytes,
  prettyJson,
} from './log/compose.ts';
export type {
  ComposedMessage,
  ComposeErrorCode,
  ComposeResult,
  ComposerMode,
  ParseBytesResult,
} from './log/compose.ts';

export type * from './diagnosis/types.ts';
export { CAUSE_IDS } from './diagnosis/types.ts';
export type { FixContext } from './diagnosis/wording.ts';
export type { Surface } from './diagnosis/surface.ts';
// diagnosis
export {
  CAUSE_CATALOG,
  CAUSE_TITLES,
  causeFix,
  clockSkew,
  cliText,
  diagnose,
  fitFix,
  forSurface,
  interpretCloseReason,
  interpretServerMessage,
  quickFixChecklist,
} from './diagnosis/index.ts';
// matrix
export {
  buildMatrixVariants,
  describeMatrixOutcome,
  judgeMatrixOutcome,
  matrixAccepted,
  MATRIX_MAX_CONNECT_TIMEOUT_MS,
  MATRIX_OBSERVE_MS,
  MATRIX_WRONG_SECRET,
  summarizeMatrix,
} from './matrix/index.ts';
export type {
  MatrixInconclusiveReason,
  MatrixInput,
  MatrixJudgeContext,
  MatrixOutcome,
  MatrixPlan,
  MatrixSkippedVariant,
  MatrixSummary,
  MatrixUpgradeEvidence,
  MatrixVariant,
  MatrixVariantKind,
  MatrixVerdict,
  MatrixVerdictState,
} from './matrix/index.ts';
// redaction: one family for what is stored, copied, exported or printed
export {
  containsJwt,
  describeRemovedCredentials,
  isCredentialParamName,
  joinWithAnd,
  redactUrlCredentials,
  redactUrlForStorage,
} from './redact/index.ts';
export type { UrlCredential, UrlRedaction, UrlRedactionOptions } from './redact/index.ts';
// support
export { buildSupportBundle, createRedactor, protocolOutcomeOfEvents } from './support/index.ts';
export type {
  SupportBundleAttempt,
  SupportBundleInput,
  SupportBundleMatrixRow,
  SupportBundleTravel,
} from './support/index.ts';
// command
export {
  buildCopyCommands,
  COMMAND_TOKEN_PLACEHOLDER,
  shellQuote,
  urlWithoutToken,
} from './command/copy-command.ts';
export type { CopyCommandInput, CopyCommands } from './command/copy-command.ts';
// pictures
export {
  lifetimeGeometry,
  socketCarriedToken,
  EXPIRY_CLOSE_EARLY_MS,
  EXPIRY_CLOSE_LATE_MS,
} from './pictures/lifetime.ts';
export type {
  CloseVerdict,
  CloseVerdictKind,
  LifetimeGeometry,
  LifetimeInput,
  LifetimeLabel,
  LifetimeSegment,
  LifetimeSegmentKind,
  LifetimeState,
} from './pictures/lifetime.ts';
export { DensityHistogram, DENSITY_BUCKETS, DENSITY_INITIAL_BUCKET_MS } from './pictures/density.ts';
export type { DensitySnapshot } from './pictures/density.ts';
export { timelineGeometry } from './pictures/timeline.ts';
export type {
  TimelineBar,
  TimelineClose,
  TimelineGeometry,
  TimelineInput,
  TimelineLabel,
  TimelineMarker,
  TimelinePhase,
  TimelineState,
} from './pictures/timeline.ts';

// keys beyond a shared secret: PEM / X.509 / JWK / JWKS verification, private-key minting, key pairs
export type * from './keys/types.ts';
export {
  ASYMMETRIC_ALGORITHMS,
  algorithmsForKey,
  checkAlgorithmFits,
  isAsymmetricAlg,
  MIN_RSA_BITS,
} from './keys/algorithms.ts';
export { inspectKeyText, publicJwk } from './keys/parse-key.ts';
export type { JwkObject, KeyInspection, KeyMaterial, ParsedKey } from './keys/parse-key.ts';
export { importSigningKey, importVerificationKey } from './keys/import-key.ts';
export type { ImportKeyOptions, ImportKeyResult, VerificationKey } from './keys/import-key.ts';
export { keyOutcomeToTriage, triageKey, verifyWithKey } from './keys/verify-key.ts';
export type { KeyVerifyOutcome } from './keys/verify-key.ts';
export { generateKeyPairPem } from './keys/generate.ts';
export type { GeneratedKeyPair } from './keys/generate.ts';
export { mintWithPrivateKey } from './keys/mint-key.ts';
export type { KeyMintResult } from './keys/mint-key.ts';
export { checkJwksUrl, explainJwksFetchFailure, readJwksResponse } from './keys/jwks-url.ts';
export type { JwksFetchFailure, JwksFetchFailureKind, JwksResponse, JwksUrlCheck } from './keys/jwks-url.ts';

// where the token travels: subprotocols, the encoding lab
export {
  buildSubprotocols,
  DEFAULT_SUBPROTOCOL_TEMPLATE,
  invalidProtocolCharacters,
  redactProtocols,
  TCHAR_DESCRIPTION,
  TOKEN_PLACEHOLDER,
} from './travel/subprotocols.ts';
export type { SubprotocolProblem, SubprotocolResult } from './travel/subprotocols.ts';
export { tokenEncodings } from './travel/encodings.ts';
export type { TokenEncoding, TokenEncodingId } from './travel/encodings.ts';
export {
  cookieHeader,
  isTokenPlacement,
  PLACEMENTS,
  placeToken,
  TOKEN_PLACEMENTS,
} from './travel/placements.ts';
export type {
  PlacedToken,
  PlacementInfo,
  PlacementInput,
  PlacementProblem,
  TokenPlacement,
} from './travel/placements.ts';
export { browserCookiePlan, COOKIE_MAX_AGE_S } from './travel/browser-cookie.ts';
export { parseHeaderLines } from './travel/header-lines.ts';
export type { HeaderLines } from './travel/header-lines.ts';
export type { BrowserCookieInput, BrowserCookiePlan } from './travel/browser-cookie.ts';
export {
  DISCOVERY_ATTEMPT_TIMEOUT_MS,
  DISCOVERY_MAX_ATTEMPTS,
  DISCOVERY_QUERY_NAMES,
  DISCOVERY_SETTLE_MS,
  DISCOVERY_TOTAL_MS,
  placeLabel,
  planDiscovery,
  usedStep,
} from './travel/discovery.ts';
export type { DiscoveryInput, DiscoveryPlace, DiscoveryRequest, DiscoveryStep } from './travel/discovery.ts';
export {
  looksUnauthenticated,
  readDiscoveryAttempt,
  serverReadTheToken,
  worthDiscovering,
} from './travel/discovery-read.ts';
export type {
  DiscoveryAttemptResult,
  DiscoveryObservation,
  DiscoveryVerdict,
  RefusalSigns,
  TravelDiscovery,
} from './travel/discovery-read.ts';

// application protocols spoken over the socket: graphql-ws, subscriptions-transport-ws, Socket.IO, STOMP
export {
  APP_PROTOCOL_IDS,
  DEFAULT_JSON_PAYLOAD,
  DEFAULT_STOMP_PAYLOAD,
  decodeSocketIoPacket,
  GRAPHQL_WS_CLOSE_CODES,
  graphqlWsSubscribe,
  isAppProtocolId,
  parseStompFrame,
  PROTOCOL_CLIENTS,
  PROTOCOL_CATALOG,
  protocolInfo,
  protocolClient,
  serializeStompFrame,
  socketIoAddress,
  socketIoEvent,
} from './protocol/index.ts';
export type {
  AppProtocolId,
  DecodedFrame,
  ProtocolClient,
  ProtocolOutcome,
  ProtocolInfo,
  ProtocolRead,
  ProtocolSession,
} from './protocol/index.ts';

// claim descriptions
export { describeClaim, describedClaimNames } from './claims/descriptions.ts';
export type { ClaimDescription } from './claims/descriptions.ts';

// auto-reconnect: when to retry, and when a serious client stops
export {
  credentialFingerprint,
  decideReconnect,
  describeFailure,
  failureRetryClass,
  NEW_STREAK,
  RECONNECT_BASE_MS,
  RECONNECT_CAP_MS,
  RECONNECT_JITTER,
  RECONNECT_STABLE_MS,
  reconnectDelay,
} from './reconnect/policy.ts';
export type {
  ReconnectDecision,
  ReconnectFailure,
  ReconnectMeans,
  ReconnectStreak,
} from './reconnect/policy.ts';

// ranges of inputs with a unit (timeout, leeway, interval)
export {
  checkRange,
  HEARTBEAT_MS_RANGE,
  inRangeOr,
  LEEWAY_S_RANGE,
  rangeSentence,
  TIMEOUT_MS_RANGE,
} from './bounds.ts';
export type { NumberRange, RangeCheck } from './bounds.ts';
