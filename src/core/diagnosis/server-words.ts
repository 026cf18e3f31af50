// The server's own words (a close reason, a refusal body, a message) turned into board entries, read against
// the local findings: a server that complains about exp got past the signature check.
import { isWellFormed } from '../token/analyze.ts';
import { closeCodeInfo } from '../close-codes/index.ts';
import type { Facts } from './facts.ts';
import { formatClaimTime } from './format.ts';
import { formatDuration } from './format.ts';
import { formatElapsed } from './format.ts';
import { listWords } from './format.ts';
import { quote } from './format.ts';
import { truncate } from './format.ts';
import { TOKEN_CAUSES } from './types.ts';
import type { CauseId } from './types.ts';
import type { Confidence } from './types.ts';
import type { ConnectionEvent } from './types.ts';
import type { DiagnosisEvidence } from './types.ts';
import type { ReasonInterpretation } from './types.ts';
import type { Board } from './board.ts';
import { lower } from './board.ts';
import type { Finding } from './findings/local.ts';
import { claimSeconds, expSeconds } from './findings/token.ts';
import { VARIANT_FIX } from './findings/secret.ts';

export function closeLine(close: ConnectionEvent, open: ConnectionEvent | undefined): string {
  const code = close.code;
  const name = code === undefined ? '' : closeName(code);
  const reason =
    close.reason !== undefined && close.reason !== '' ? ` ${quote(close.reason)}` : ' (no reason)';
  const when = open
    ? `${formatElapsed(close.at - open.at)} after open (${formatElapsed(close.at)} after Connect)`
    : `${formatElapsed(close.at)} after Connect`;
  return `The server closed the socket with ${code ?? '?'}${name !== '' ? ` ${name}` : ''}${reason}, ${when}`;
}

/** The registry's name for a code, the same one the log row, the timeline and the CLI print. */
export function closeName(code: number): string {
  return closeCodeInfo(code).name;
}

export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

export const DIALECT_LABELS: Readonly<Record<string, string>> = {
  'guide-server': "the guide's server",
  'socket.io': 'socket.io',
  actioncable: 'ActionCable',
  hasura: 'Hasura',
  centrifugo: 'Centrifugo',
  hocuspocus: 'Hocuspocus',
};

/** The interpretation as an evidence sentence, naming the library when the detail does not. */
export function explain(interp: ReasonInterpretation): string {
  if (interp.dialect === 'generic' || interp.dialect.startsWith('rfc')) return interp.detail;
  // Words identify a wording, not the library behind it (the reference server runs jose yet words its
  // refusals like jsonwebtoken): say whose words they are, never what the server is built on.
  const prefix = `${interp.dialect}: `;
  if (interp.detail.startsWith(prefix)) {
    const rest = interp.detail.slice(prefix.length).replace(/\.$/, '');
    return `${rest.charAt(0).toUpperCase()}${rest.slice(1)} (${interp.dialect}'s wording).`;
  }
  const label = DIALECT_LABELS[interp.dialect] ?? interp.dialect;
  return interp.detail.toLowerCase().includes(interp.dialect.toLowerCase()) ||
    interp.detail.toLowerCase().includes(label.toLowerCase())
    ? interp.detail
    : `${interp.detail} (${label})`;
}

/** Claims a server checks only after the signature verified: complaining about them means it verified. */
export const AFTER_SIGNATURE: ReadonlySet<CauseId> = new Set([
  'token-expired',
  'token-not-yet-valid',
  'missing-claims',
  'token-claims-rejected',
]);
export const SIGNATURE_FIRST_DIALECTS: ReadonlySet<string> = new Set([
  'jsonwebtoken',
  'jose',
  'guide-server',
]);

/** Local findings in the light of a specific server complaint. */
export function reconcile(local: readonly Finding[], interp: ReasonInterpretation): Finding[] {
  if (!AFTER_SIGNATURE.has(interp.cause) || !SIGNATURE_FIRST_DIALECTS.has(interp.dialect)) return [...local];
  return local.map((f) =>
    f.cause === 'secret-mismatch' && f.kind === 'secret'
      ? {
          ...f,
          confidence: 'low' as Confidence,
          evidence: [
            ...f.evidence,
            `The server got past the signature check (it complained about ${quote(interp.quoted, 60)}), so the signature is fine for the server: the Secret you entered is not the server's`,
          ],
        }
      : f,
  );
}

type Spoke = 'specific' | 'generic' | 'other';

/** One piece of the server's words, with everything a cause's reading needs. */
interface Words {
  board: Board;
  ev: DiagnosisEvidence;
  facts: Facts;
  interp: ReasonInterpretation;
  said: string;
  local: readonly Finding[];
  now: number;
  /** The quote and what it means, first in the evidence. */
  lines: string[];
  t: DiagnosisEvidence['token'];
  boost: number;
}

function onSecretMismatch({ board, ev, interp, said, local, lines, t, boost }: Words): Spoke {
  if (!isWellFormed(t) && t.format !== 'empty') {
    // A cut or broken token verifies with no secret: the server's "invalid signature" confirms it.
    board.add('token-malformed', 'high', [said, 'No secret verifies a broken signature'], {
      boost: boost + 10,
    });
    return 'specific';
  }
  const algFinding = local.find((f) => f.cause === 'algorithm-mismatch');
  if (algFinding)
    board.add('algorithm-mismatch', 'high', [...algFinding.evidence, said], { boost: boost + 20 });
  const extra: string[] = [];
  const fix: string[] = [];
  const triage = ev.secret;
  if (triage?.given.ok === true) {
    extra.push(
      "Your Secret verifies this token here, so the server's JWT_SECRET is different from yours (stray quotes or whitespace in .env, another .env, or the server decodes it, e.g. from base64)",
    );
  } else if (triage?.match) {
    extra.push(`A variant of your Secret verifies it (${triage.match.label}): ${triage.match.explanation}`);
    fix.push(VARIANT_FIX[triage.match.id]);
  } else if (triage !== undefined && !triage.given.ok) {
    extra.push(
      'It does not verify with your Secret either: find the secret the token was really signed with',
    );
  } else {
    extra.push("Enter the server's JWT_SECRET in Secret to check the signature here");
  }
  if (ev.health?.jwtSecretSet === false) extra.push('GET /health says jwtSecretSet: false');
  board.add('secret-mismatch', interp.confidence, [...lines, ...extra], { boost, fix });
  return 'specific';
}

function onTokenExpired({ board, ev, facts, interp, now, lines, t, boost }: Words): Spoke {
  const exp = expSeconds(ev);
  const extra: string[] = [];
  let confidence = interp.confidence;
  if (exp !== undefined) {
    // An expired token's local finding already carries the exp line.
    if (t.status !== 'expired') extra.push(formatClaimTime('exp', exp, now));
    if (exp * 1000 > now && t.status !== 'expired') {
      extra.push(
        `By your clock the token is still valid for ${formatDuration(exp * 1000 - now)}: the server's clock is ahead of yours${facts.skew ? ` (${facts.skew.sentence})` : ''}`,
      );
      if (interp.confidence !== 'high' && !(facts.skew && facts.skew.skewMs > 0))
        confidence = lower(interp.confidence);
    }
  } else if (!interp.claims?.includes('iat') && t.format === 'jws') {
    extra.push('The token has no exp here: the server may have read a different token');
  }
  board.add('token-expired', confidence, [...lines, ...extra], { boost });
  return 'specific';
}

function onTokenNotYetValid({ board, ev, facts, interp, now, lines, t, boost }: Words): Spoke {
  const extra: string[] = [];
  const nbf = claimSeconds(ev, 'nbf');
  const iat = claimSeconds(ev, 'iat');
  if (t.status !== 'not-yet-valid') {
    if (nbf !== undefined) extra.push(formatClaimTime('nbf', nbf, now));
    else if (iat !== undefined) extra.push(formatClaimTime('iat', iat, now));
  }
  if (t.status !== 'not-yet-valid')
    extra.push(
      `By your clock the token is already valid: the server's clock is behind yours${facts.skew ? ` (${facts.skew.sentence})` : ''}`,
    );
  board.add('token-not-yet-valid', interp.confidence, [...lines, ...extra], { boost });
  return 'specific';
}

function onTokenMalformed({ board, interp, said, lines, t, boost }: Words): Spoke {
  if (t.format === 'empty') {
    board.add('token-missing', 'high', [...lines, 'The Token field is empty'], { boost });
  } else if (isWellFormed(t)) {
    board.add(
      'token-not-encoded',
      'high',
      [
        ...lines,
        'The token is well-formed here, so it was changed on the way: encoding, a wrong parameter, or the server reads another field',
      ],
      {
        boost,
      },
    );
    board.add('token-malformed', 'low', [said]);
  } else {
    board.add('token-malformed', interp.confidence, lines, { boost });
  }
  return 'specific';
}

/** Where a token sent outside the URL went, for evidence sentences (the subprotocol has its own). */
const TRAVEL_WORDS: Readonly<Partial<Record<NonNullable<DiagnosisEvidence['tokenTravel']>, string>>> = {
  cookie: 'a cookie',
  'first-message': 'the first message after open',
  header: 'the Authorization header',
};

function onTokenMissing({ board, ev, lines, t, boost }: Words): Spoke {
  const param = ev.paramName || 'token';
  if (ev.tokenTravel === 'subprotocol' && t.format !== 'empty') {
    // The evidence follows the placement actually used: the token went in a header, not the query.
    board.add(
      'token-travel-mismatch',
      'high',
      [
        ...lines,
        `Your token was sent in the Sec-WebSocket-Protocol header (offered: ${offeredWords(ev)}), not in the URL — the server did not find it there: it reads the token from another place, most likely the query string (?${param}=)`,
      ],
      { boost },
    );
    return 'specific';
  }
  const sentIn = ev.tokenTravel === undefined ? undefined : TRAVEL_WORDS[ev.tokenTravel];
  if (sentIn !== undefined && t.format !== 'empty') {
    board.add(
      'token-travel-mismatch',
      'high',
      [
        ...lines,
        `Your token was sent in ${sentIn}, not in the URL — the server did not find it there: it reads the token from another place, most likely the query string (?${param}=)`,
      ],
      { boost },
    );
    return 'specific';
  }
  const extra =
    t.format === 'empty'
      ? ['The Token field is empty']
      : [
          `Your token was sent as ?${param}=… — the server did not find it: it reads ${param === 'token' ? 'another parameter or another place (Authorization header, connection_init payload)' : "another parameter name (the guide's server reads ?token=)"}`,
        ];
  board.add('token-missing', 'high', [...lines, ...extra], {
    boost,
    fix:
      param !== 'token' && t.format !== 'empty'
        ? ["Set Token parameter to the name the server reads (the guide's: token)"]
        : [],
  });
  return 'specific';
}

function onAlgorithmMismatch({ board, interp, said, lines, t, boost }: Words): Spoke {
  const extra: string[] = [];
  if (t.alg !== undefined) extra.push(`The token's header says alg = "${t.alg}"`);
  const sig = t.segments.find((s) => s.name === 'signature');
  if (
    /signature is required/i.test(interp.quoted) &&
    sig?.raw === '' &&
    t.alg !== undefined &&
    t.alg.toLowerCase() !== 'none'
  ) {
    board.add('token-malformed', 'high', [said, 'The signature part is empty: the token was cut off'], {
      boost: boost + 10,
    });
  }
  board.add('algorithm-mismatch', interp.confidence, [...lines, ...extra], { boost });
  return 'specific';
}

function onMissingClaims({ board, interp, lines, t, boost }: Words): Spoke {
  const extra: string[] = [];
  const named = interp.claims ?? [];
  const payload = t.payload ?? {};
  const absent = named.filter((c) => !(c in payload));
  const present = named.filter((c) => c in payload);
  if (absent.length > 0) extra.push(`Not in the token here either: ${absent.join(', ')}`);
  for (const c of present.slice(0, 3))
    extra.push(
      `The token has ${c} = ${truncate(JSON.stringify(payload[c]) ?? '', 80)}: the server expects another value`,
    );
  if (named.length === 0 && t.missingClaims.length > 0)
    extra.push(`The payload lacks ${listWords(t.missingClaims)}`);
  board.add('missing-claims', interp.confidence, [...lines, ...extra], { boost });
  return 'specific';
}

function onTokenClaimsRejected({ board, interp, lines, t, boost }: Words): Spoke {
  const payload = t.payload ?? {};
  const extra = (interp.claims ?? [])
    .slice(0, 3)
    .map((c) =>
      c in payload
        ? `The token has ${c} = ${truncate(JSON.stringify(payload[c]) ?? '', 80)}: the server expects another value`
        : `The token has no ${c} here: the server requires one it accepts`,
    );
  board.add('token-claims-rejected', interp.confidence, [...lines, ...extra], { boost });
  return 'specific';
}

function onAuthRejected({ board, ev, interp, local, lines, t }: Words): Spoke {
  const explaining = local.filter((f) => TOKEN_CAUSES.has(f.cause) && f.confidence !== 'low');
  board.add('auth-rejected', explaining.length > 0 ? lower(interp.confidence) : interp.confidence, lines, {
    boost: explaining.length > 0 ? -20 : 10,
  });
  if (explaining.length === 0 && ev.secret === undefined && t.format === 'jws') {
    board.add(
      'secret-mismatch',
      'low',
      [
        "The server did not say why; a secret mismatch is the most common reason — enter the server's JWT_SECRET in Secret to check the signature here",
      ],
      { boost: -10 },
    );
  }
  return 'generic';
}

const READERS: Partial<Record<CauseId, (w: Words) => Spoke>> = {
  'secret-mismatch': onSecretMismatch,
  'token-expired': onTokenExpired,
  'token-not-yet-valid': onTokenNotYetValid,
  'token-malformed': onTokenMalformed,
  'token-missing': onTokenMissing,
  'algorithm-mismatch': onAlgorithmMismatch,
  'missing-claims': onMissingClaims,
  'token-claims-rejected': onTokenClaimsRejected,
  'auth-rejected': onAuthRejected,
};

/** Words the server sent, turned into board entries; 'specific' when they name a token/auth cause. */
export function applyServerWords(
  board: Board,
  ev: DiagnosisEvidence,
  facts: Facts,
  interp: ReasonInterpretation,
  said: string,
  local: readonly Finding[],
  now: number,
): Spoke {
  const words: Words = {
    board,
    ev,
    facts,
    interp,
    said,
    local,
    now,
    lines: [said, explain(interp)],
    t: ev.token,
    boost: 50,
  };
  const read = READERS[interp.cause];
  if (read) return read(words);
  board.add(interp.cause, interp.confidence, words.lines, { boost: 20 });
  return 'other';
}

/** The offered subprotocols as evidence: a token travelling in one is named, not printed (it is long, and secret). */
export function offeredWords(ev: DiagnosisEvidence): string {
  const token = ev.token.token;
  return (ev.offeredProtocols ?? [])
    .map((p) =>
      token !== '' && p.includes(token) ? p.split(token).join(`<token: ${token.length} chars>`) : p,
    )
    .join(', ');
}
