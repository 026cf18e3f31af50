// Redaction for text that leaves the console (the support bundle): tokens, signatures and the secret are
// replaced wherever they turn up — a server echoing the token, a close reason quoting the secret.

export const TOKEN_PLACEHOLDER = '<token redacted>';
export const SIGNATURE_PLACEHOLDER = '<signature redacted>';
export const SECRET_PLACEHOLDER = '<secret redacted>';

/**
 * Secrets shorter than this are not searched for: one to three characters occur in ordinary words, and
 * replacing them everywhere would destroy the text while protecting nothing a guess would not find.
 */
export const MIN_SCRUBBED_SECRET_CHARS = 4;
/** Signatures shorter than this are not searched for on their own (the whole token still is). */
const MIN_SCRUBBED_SIGNATURE_CHARS = 8;

/** Anything shaped like a compact JWS: base64url JSON header ("eyJ…"), payload, non-empty signature. */
const JWT_LIKE = /(eyJ[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)/g;

export interface RedactionInput {
  /** Tokens to remove whole (the current token, as cleaned and as typed). */
  tokens: readonly string[];
  /** Secrets to remove (the Secret as typed). */
  secrets: readonly string[];
}

/** The forms a string takes once it has been through JSON or a URL. */
function forms(text: string): string[] {
  const out = new Set<string>([text]);
  out.add(JSON.stringify(text).slice(1, -1));
  try {
    out.add(encodeURIComponent(text));
  } catch {
    // A lone surrogate: encodeURIComponent throws; the text itself is still scrubbed.
  }
  return [...out];
}

function placeholderFor(secret: string): string {
  // The placeholder must not itself contain the secret (a secret like "redacted").
  for (const candidate of [SECRET_PLACEHOLDER, '<redacted>', '[removed]', '***', '▒▒▒']) {
    if (!candidate.includes(secret)) return candidate;
  }
  return '';
}

function replaceAll(text: string, needle: string, replacement: string): string {
  return needle === '' ? text : text.split(needle).join(replacement);
}

/**
 * A function that scrubs text: the given tokens (whole, then their signatures alone), every other JWT's
 * signature, and the given secrets (in their plain, JSON-escaped and URL-encoded forms). Longest first, so a
 * token containing a secret-like substring goes whole.
 */
export function createRedactor(input: RedactionInput): (text: string) => string {
  const tokens = [...new Set(input.tokens.map((t) => t.trim()).filter((t) => t.length > 0))];
  const signatures = new Set<string>();
  for (const token of tokens) {
    const parts = token.split('.');
    const signature = parts.length === 3 ? (parts[2] ?? '') : '';
    if (signature.length >= MIN_SCRUBBED_SIGNATURE_CHARS) signatures.add(signature);
  }
  const secrets = new Set<string>();
  for (const secret of input.secrets) {
    for (const candidate of [secret, secret.trim()]) {
      if (candidate.length >= MIN_SCRUBBED_SECRET_CHARS)
        for (const form of forms(candidate)) secrets.add(form);
    }
  }
  const tokenForms = [...new Set(tokens.flatMap(forms))].sort((a, b) => b.length - a.length);
  const signatureForms = [...signatures].sort((a, b) => b.length - a.length);
  const secretForms = [...secrets].sort((a, b) => b.length - a.length);

  return (text: string): string => {
    let out = text;
    for (const token of tokenForms) out = replaceAll(out, token, TOKEN_PLACEHOLDER);
    out = out.replace(
      JWT_LIKE,
      (_m, header: string, payload: string) => `${header}.${payload}.${SIGNATURE_PLACEHOLDER}`,
    );
    for (const signature of signatureForms) out = replaceAll(out, signature, SIGNATURE_PLACEHOLDER);
    for (const secret of secretForms) out = replaceAll(out, secret, placeholderFor(secret));
    return out;
  };
}
