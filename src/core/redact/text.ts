// Redaction of free text that leaves the console or is printed by the CLI (support bundle, log export, a
// copied entry, probe output): the token, every JWT's signature, the secret and the credentials of the
// URLs the user typed are replaced wherever they turn up — a server echoing the URL in its refusal page, a
// close reason quoting the secret, a diagnosis line quoting a body cut in the middle of the token.
import { containsJwt, isCredentialParamName } from './credentials.ts';
import { redactUrlCredentials, URL_CREDENTIAL_PLACEHOLDER } from './url.ts';

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
/** A cut token is recognised by its header, the dot and this many characters of its payload. */
const CUT_TOKEN_PAYLOAD_CHARS = 8;
/** A secret or key longer than this + 4 is recognised cut after this many characters (a clipped reason). */
const CUT_SECRET_CHARS = 12;

/** Anything shaped like a compact JWS: base64url JSON header ("eyJ…"), payload, non-empty signature. */
const JWT_LIKE = /(eyJ[A-Za-z0-9_-]*)\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)/g;
/** `scheme://userinfo@` in text. */
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^\s/?#@"'<>`]+)@/g;
/** `?name=value`, `&name=value`, `#name=value` in text (a URL, a query string, a form body). */
const URL_PARAM = /([?&#;])([^=&#;\s"'<>`?]{1,80})=([^&#;\s"'<>`]+)/g;

export interface RedactionInput {
  /** Tokens to remove whole (the current token, as cleaned and as typed). */
  tokens: readonly string[];
  /** Secrets to remove (the Secret as typed). */
  secrets: readonly string[];
  /** URLs the user typed (Server URL, Connection URL): their credentials go wherever they turn up. */
  urls?: readonly string[];
  /** The token's query parameter names: their values in any URL in the text are redacted. */
  tokenParams?: readonly string[];
  /** The user asked to see the token (`--show-token`): the tokens stay; the secret and the rest do not. */
  revealTokens?: boolean;
}

interface Needle {
  text: string;
  /** Characters that must match before a cut copy counts (the whole text: only whole copies). */
  stem: number;
  placeholder: string;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
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

function placeholderFor(value: string, preferred: string): string {
  // The placeholder must not itself contain the value (a secret like "redacted").
  for (const candidate of [preferred, '<redacted>', '[removed]', '***', '▒▒▒']) {
    if (!candidate.includes(value)) return candidate;
  }
  return '';
}

/** What follows a cut copy: the end of the text, the ellipsis a clip adds, a space or a closing quote. */
const CUT_END = /[\s…"'`<>)\]}]/;

/**
 * Replaces every copy of `needle` and every cut copy (at least `stem` characters of it, ending where a
 * clipped body or reason ends) by the placeholder. A copy that goes on differently is another value.
 */
function replaceNeedle(text: string, { text: needle, stem, placeholder }: Needle): string {
  const head = needle.slice(0, stem);
  let at = text.indexOf(head);
  if (at === -1) return text;
  let out = '';
  let from = 0;
  while (at !== -1) {
    let end = at + head.length;
    while (end - at < needle.length && text[end] === needle[end - at]) end++;
    const whole = end - at === needle.length;
    if (whole || end === text.length || CUT_END.test(text[end] ?? '')) {
      out += text.slice(from, at) + placeholder;
      from = end;
    }
    at = text.indexOf(head, Math.max(from, at + 1));
  }
  return out + text.slice(from);
}

function tokenNeedles(tokens: readonly string[]): { needles: Needle[]; signatures: Set<string> } {
  const needles: Needle[] = [];
  const signatures = new Set<string>();
  for (const token of tokens) {
    const parts = token.split('.');
    const signature = parts.length === 3 ? (parts[2] ?? '') : '';
    if (signature.length >= MIN_SCRUBBED_SIGNATURE_CHARS) signatures.add(signature);
    if (/^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token)) {
      // base64url survives JSON and URL encoding unchanged; a cut copy is known by header + payload start.
      const header = parts[0] ?? '';
      const stem = header.length + 1 + Math.min(CUT_TOKEN_PAYLOAD_CHARS, (parts[1] ?? '').length);
      needles.push({ text: token, stem, placeholder: TOKEN_PLACEHOLDER });
      continue;
    }
    for (const form of forms(token))
      needles.push({ text: form, stem: form.length, placeholder: TOKEN_PLACEHOLDER });
  }
  return { needles, signatures };
}

/** A secret-like value: removed whole, and cut when it is long enough for its start to be its own. */
function cuttable(text: string, placeholder: string): Needle {
  return { text, stem: text.length > CUT_SECRET_CHARS + 4 ? CUT_SECRET_CHARS : text.length, placeholder };
}

function secretNeedles(secrets: readonly string[]): Needle[] {
  const needles: Needle[] = [];
  for (const secret of secrets) {
    for (const candidate of new Set([secret, secret.trim()])) {
      if (candidate.length < MIN_SCRUBBED_SECRET_CHARS) continue;
      const placeholder = placeholderFor(candidate, SECRET_PLACEHOLDER);
      for (const form of forms(candidate)) needles.push(cuttable(form, placeholder));
    }
  }
  return needles;
}

/** The credential values of the typed URLs (the userinfo's password, api_key's value…), in their forms. */
function urlNeedles(input: RedactionInput): Needle[] {
  const needles: Needle[] = [];
  const tokenParams = new Set((input.tokenParams ?? []).map((p) => p.trim()));
  for (const url of input.urls ?? []) {
    if (typeof url !== 'string' || url === '') continue;
    for (const c of redactUrlCredentials(url, { tokenParams: [...tokenParams] }).removed) {
      if (input.revealTokens === true && tokenParams.has(c.name.trim())) continue;
      const values = new Set([c.raw, c.value]);
      if (c.place === 'userinfo') {
        const colon = c.value.indexOf(':');
        if (colon !== -1) values.add(c.value.slice(colon + 1)).add(c.raw.slice(c.raw.indexOf(':') + 1));
      }
      for (const value of values) {
        if (value.length < MIN_SCRUBBED_SECRET_CHARS) continue;
        const placeholder = placeholderFor(value, URL_CREDENTIAL_PLACEHOLDER);
        for (const form of forms(value)) needles.push(cuttable(form, placeholder));
      }
    }
  }
  return needles;
}

/**
 * A function that scrubs text: the given tokens (whole or cut, then their signatures alone), every other
 * JWT's signature, the given secrets (plain, JSON-escaped and URL-encoded; cut too when long), the
 * credentials of the given URLs, and in any URL of the text its userinfo and the values of parameters whose
 * name means a credential or whose value is a JWT. Longest first, so a token holding a secret-like
 * substring goes whole. With `revealTokens`, the given tokens stay, nothing else does.
 */
export function createRedactor(input: RedactionInput): (text: string) => string {
  const reveal = input.revealTokens === true;
  const tokens = [...new Set(input.tokens.map((t) => t.trim()).filter((t) => t.length > 0))];
  const { needles: tokenForms, signatures } = tokenNeedles(tokens);
  const needles = [...(reveal ? [] : tokenForms), ...secretNeedles(input.secrets), ...urlNeedles(input)];
  needles.sort((a, b) => b.text.length - a.text.length);
  const signatureNeedles = reveal
    ? []
    : [...signatures]
        .sort((a, b) => b.length - a.length)
        .map((s) => ({ text: s, stem: s.length, placeholder: SIGNATURE_PLACEHOLDER }));
  const tokenParams = new Set((input.tokenParams ?? []).map((p) => p.trim()).filter((p) => p !== ''));
  const revealed = (text: string) => reveal && tokens.some((t) => t.startsWith(text));

  return (text: string): string => {
    let out = text;
    // Whole copies first, then cut ones: a cut match must not eat the start of another form (JSON-escaped).
    for (const needle of needles) out = replaceNeedle(out, { ...needle, stem: needle.text.length });
    for (const needle of needles) if (needle.stem < needle.text.length) out = replaceNeedle(out, needle);
    out = out.replace(URL_USERINFO, (_m, scheme: string) => `${scheme}${URL_CREDENTIAL_PLACEHOLDER}@`);
    out = out.replace(URL_PARAM, (m, sep: string, name: string, value: string) => {
      const decoded = decode(name).trim();
      const isTokenParam = tokenParams.has(decoded);
      if (reveal && (isTokenParam || revealed(decode(value)))) return m;
      if (!isTokenParam && !isCredentialParamName(decoded) && !containsJwt(decode(value))) return m;
      return `${sep}${name}=${URL_CREDENTIAL_PLACEHOLDER}`;
    });
    out = out.replace(JWT_LIKE, (m, header: string, payload: string) =>
      revealed(m) ? m : `${header}.${payload}.${SIGNATURE_PLACEHOLDER}`,
    );
    for (const needle of signatureNeedles) out = replaceNeedle(out, needle);
    return out;
  };
}
