// One redaction for everything that is stored, copied, exported or printed: the Server URL before it is
// persisted (and in profiles), the support bundle, the log export, the CLI's probe output.
export { containsJwt, isCredentialParamName } from './credentials.ts';
export {
  createRedactor,
  MIN_SCRUBBED_SECRET_CHARS,
  SECRET_PLACEHOLDER,
  SIGNATURE_PLACEHOLDER,
  TOKEN_PLACEHOLDER,
} from './text.ts';
export type { RedactionInput } from './text.ts';
export {
  describeRemovedCredentials,
  joinWithAnd,
  redactUrlCredentials,
  redactUrlForStorage,
  URL_CREDENTIAL_PLACEHOLDER,
} from './url.ts';
export type { UrlCredential, UrlRedaction, UrlRedactionOptions } from './url.ts';
