// The support bundle: a redacted Markdown report of the console's findings, to paste into an issue.
export { buildSupportBundle, SUPPORT_MAX_EVENTS, SUPPORT_MESSAGE_CHARS } from './bundle.ts';
export { protocolOutcomeOfEvents } from './travel-section.ts';
export type { SupportBundleTravel } from './travel-section.ts';
export type { SupportBundleAttempt, SupportBundleInput, SupportBundleMatrixRow } from './bundle.ts';
export {
  createRedactor,
  MIN_SCRUBBED_SECRET_CHARS,
  SECRET_PLACEHOLDER,
  SIGNATURE_PLACEHOLDER,
  TOKEN_PLACEHOLDER,
} from '../redact/index.ts';
export type { RedactionInput } from '../redact/index.ts';
