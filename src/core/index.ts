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

export { analyzeToken, GUIDE_REQUIRED_CLAIMS, KNOWN_JWS_ALGORITHMS } from './token/analyze.ts';

export { formatDuration, formatRelative, formatWallClock } from './time/relative.ts';

export {
  decodeSecret,
  describeSecretProblems,
  HS256_MIN_SECRET_BYTES,
  parseEnvSecret,
} from './jws/secret.ts';
export type { DecodeSecretResult, EnvSecret } from './jws/secret.ts';

export { INSECURE_CONTEXT_MESSAGE, webCryptoAvailability } from './jws/webcrypto.ts';
export type { WebCryptoAvailability, WebCryptoScope } from './jws/webcrypto.ts';

export { HMAC_ALGORITHMS, verifyToken } from './jws/verify.ts';
export type { VerifyTokenOptions } from './jws/verify.ts';

export { guidePayload, mintToken, parsePayloadJson } from './jws/mint.ts';
export type { GuidePayload, MintResult, ParsePayloadResult } from './jws/mint.ts';

export { MAX_TRIAGE_VERIFICATIONS, triageSecret } from './jws/triage.ts';

export {
  buildConnectionUrl,
  DEFAULT_TOKEN_PARAM,
  redactToken,
  redactUrlToken,
} from './url/connection-url.ts';
export type { ConnectionUrlInput } from './url/connection-url.ts';

export { closeCodeInfo, isErrorClose } from './close-codes.ts';

export { formatBytes, hexPreview } from './bytes.ts';

export type * from './diagnosis/types.ts';
export { CAUSE_IDS } from './diagnosis/types.ts';
// diagnosis
export {
  CAUSE_CATALOG,
  CAUSE_TITLES,
  causeFix,
  clockSkew,
  diagnose,
  interpretCloseReason,
  interpretServerMessage,
  quickFixChecklist,
} from './diagnosis/index.ts';
