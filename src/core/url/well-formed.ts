// Lone UTF-16 surrogates (half an emoji, from a cut string) cannot be percent-encoded: encodeURIComponent
// throws on them, and URL parsers turn them into U+FFFD. The URL builders replace them the same way first.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type Es2024String = { isWellFormed?: () => boolean; toWellFormed?: () => string };

/** Whether `text` has a lone surrogate (String#isWellFormed, ES2024: one native scan where it exists). */
export function hasLoneSurrogate(text: string): boolean {
  const native = (text as Es2024String).isWellFormed;
  if (typeof native === 'function') return !native.call(text);
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/** `text` with every lone surrogate replaced by U+FFFD (String#toWellFormed, ES2024). */
export function toWellFormed(text: string): string {
  return hasLoneSurrogate(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** encodeURIComponent that never throws: lone surrogates are sent as U+FFFD, as a URL parser would. */
export function encodeComponent(text: string): string {
  return encodeURIComponent(toWellFormed(text));
}
