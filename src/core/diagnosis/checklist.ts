// The guide's "Quick Fix Checklist", checked live against the evidence: each line passes, fails or is
// unknown, with the fact that decided it.
import { isWellFormed } from '../token/analyze.ts';
import { laxServerFinding } from './lax-server.ts';
import { readFacts, rawQueryValues, decodeQueryValue, type Facts } from './facts.ts';
import { formatClaimTime, formatElapsed, listWords, quote } from './format.ts';
import type { ChecklistItem, DiagnosisEvidence, ReasonInterpretation } from './types.ts';

const SIGNATURE_FIRST = new Set(['jsonwebtoken', 'jose', 'guide-server']);

function spoke(facts: Facts, ...causes: ReasonInterpretation['cause'][]): ReasonInterpretation | undefined {
  return facts.said.find((i) => causes.includes(i.cause));
}

function serverRunning(ev: DiagnosisEvidence, facts: Facts): ChecklistItem {
  const label = `Server is running on port ${facts.port ?? '3000'}`;
  const item = (state: ChecklistItem['state'], evidence: string): ChecklistItem => ({
    id: 'server-running',
    label,
    state,
    evidence,
  });
  if (!ev.url.ok) return item('fail', `Server URL: ${ev.url.message}`);
  if (facts.open) return item('pass', `The socket opened ${formatElapsed(facts.open.at)} after Connect`);
  if (facts.unexpected?.status !== undefined)
    return item('pass', `It answered HTTP ${facts.unexpected.status} to the upgrade`);
  if (ev.xray && ev.xray.status > 0)
    return item('pass', `It answered HTTP ${ev.xray.status} to the upgrade (x-ray)`);
  if (ev.health?.ok === true) return item('pass', 'GET /health answered');
  if (facts.reach === 'reachable')
    return item('pass', `Reachable: ${facts.reachDetail ?? 'it answered HTTP'}`);
  const words = facts.error?.message ?? '';
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/i.test(words))
    return item('fail', quote(words));
  if (facts.reach === 'unreachable')
    return item('fail', `Not reachable: ${facts.reachDetail ?? 'no answer'}`);
  const health = `curl ${facts.fixVars.origin ?? 'http://localhost:3000'}/health`;
  if (facts.timeout) return item('unknown', `No answer to the upgrade in time; check with ${health}`);
  if (facts.close || facts.error)
    return item(
      'unknown',
      `The connection failed before open and the browser hides why; check with ${health}`,
    );
  return item('unknown', `Not checked yet: press Connect, or run ${health}`);
}

function secretSet(ev: DiagnosisEvidence, facts: Facts): ChecklistItem {
  const base = { id: 'secret-set' as const, label: 'JWT_SECRET is set in .env file' };
  const noSecret = facts.said.find((i) => /secret or public key must be provided/i.test(i.quoted));
  if (noSecret) return { ...base, state: 'fail', evidence: `The server says ${quote(noSecret.quoted)}` };
  if (ev.health?.jwtSecretSet === true)
    return { ...base, state: 'pass', evidence: 'GET /health says jwtSecretSet: true' };
  if (ev.health?.jwtSecretSet === false)
    return { ...base, state: 'fail', evidence: 'GET /health says jwtSecretSet: false' };
  const verified = facts.said.find(
    (i) =>
      i.cause === 'token-expired' ||
      i.cause === 'token-not-yet-valid' ||
      i.cause === 'missing-claims' ||
      i.cause === 'secret-mismatch',
  );
  if (verified && SIGNATURE_FIRST.has(verified.dialect)) {
    return {
      ...base,
      state: 'pass',
      evidence: `The server verifies signatures (it said ${quote(verified.quoted)}), so it has a secret`,
    };
  }
  return { ...base, state: 'unknown', evidence: 'The server did not say (GET /health)' };
}

function sameSecret(ev: DiagnosisEvidence, facts: Facts): ChecklistItem {
  const base = { id: 'same-secret' as const, label: 'Client uses same JWT_SECRET to sign tokens' };
  const triage = ev.secret;
  // A malformed (e.g. cut) token verifies with no secret: its "invalid signature" says nothing of the secret.
  if (!isWellFormed(ev.token) && ev.token.format !== 'empty')
    return {
      ...base,
      state: 'unknown',
      evidence: 'The token is malformed: no secret verifies it until it is whole — fix the token first',
    };
  const badSig = spoke(facts, 'secret-mismatch');
  if (badSig && !/secret or public key must be provided/i.test(badSig.quoted)) {
    return {
      ...base,
      state: 'fail',
      evidence:
        triage?.given.ok === true
          ? `The token verifies with your Secret, but the server says ${quote(badSig.quoted)}: the server's JWT_SECRET differs`
          : `The server says ${quote(badSig.quoted)}`,
    };
  }
  const refusedAuth = facts.said.some(
    (i) =>
      i.cause !== 'secret-mismatch' &&
      i.cause !== 'server-error' &&
      i.cause !== 'protocol-error' &&
      i.cause !== 'message-too-big' &&
      i.cause !== 'connection-dropped',
  );
  const afterSignature = facts.said.find(
    (i) =>
      (i.cause === 'token-expired' || i.cause === 'token-not-yet-valid' || i.cause === 'missing-claims') &&
      SIGNATURE_FIRST.has(i.dialect),
  );
  if (afterSignature)
    return {
      ...base,
      state: 'pass',
      evidence: `The server checked the signature and moved on (it said ${quote(afterSignature.quoted)})`,
    };
  if (facts.open && !refusedAuth && ev.token.format === 'jws') {
    // Accepted, but it does not verify with the Secret: the server skips verification or has another key.
    if (triage !== undefined && !triage.given.ok && laxServerFinding(ev) !== undefined)
      return {
        ...base,
        state: 'unknown',
        evidence:
          'The server accepted a token that does not verify with your Secret: it skips verification, or its JWT_SECRET is not yours',
      };
    return { ...base, state: 'pass', evidence: 'The server accepted the token (the socket opened)' };
  }
  if (triage !== undefined && ev.token.format === 'jws') {
    if (triage.given.ok)
      return {
        ...base,
        state: 'pass',
        evidence: `The token verifies with the ${triage.keyKind === 'public-key' ? 'public key' : 'Secret'} you entered (${triage.given.alg})`,
      };
    if (!/ALG|NOT_SUPPORTED|ERR_JW[ST]_INVALID|ERR_NO_WEBCRYPTO|ERR_VERIFY_FAILED/i.test(triage.given.code)) {
      return {
        ...base,
        state: 'fail',
        evidence: triage.match
          ? `It does not verify with your Secret as given, only with a variant (${triage.match.label}): ${triage.match.explanation}`
          : 'The token does not verify with the Secret you entered',
      };
    }
  }
  return {
    ...base,
    state: 'unknown',
    evidence: "Enter the server's JWT_SECRET in Secret to check the signature",
  };
}

function notExpired(ev: DiagnosisEvidence, facts: Facts, now: number): ChecklistItem {
  const base = { id: 'not-expired' as const, label: 'Token is not expired' };
  const server = spoke(facts, 'token-expired');
  if (server) return { ...base, state: 'fail', evidence: `The server says ${quote(server.quoted)}` };
  const t = ev.token;
  const exp = t.times.exp?.seconds ?? (typeof t.payload?.exp === 'number' ? t.payload.exp : undefined);
  if (t.status === 'malformed')
    return {
      ...base,
      state: 'unknown',
      evidence:
        exp !== undefined
          ? `The token is malformed, so no server reads its exp (${formatClaimTime('exp', exp, now)})`
          : 'The token is malformed: no readable exp',
    };
  if (t.status === 'expired' && exp !== undefined)
    return { ...base, state: 'fail', evidence: formatClaimTime('exp', exp, now) };
  if (t.status === 'expired') return { ...base, state: 'fail', evidence: 'exp has passed' };
  if (t.status === 'no-expiry')
    return { ...base, state: 'pass', evidence: 'No exp claim: it never expires (the guide requires one)' };
  if ((t.status === 'valid' || t.status === 'not-yet-valid') && exp !== undefined) {
    return {
      ...base,
      state: 'pass',
      evidence: `${formatClaimTime('exp', exp, now)}${t.status === 'not-yet-valid' ? '; but nbf is in the future' : ''}`,
    };
  }
  if (t.status === 'valid') return { ...base, state: 'pass', evidence: 'Valid by your clock' };
  return {
    ...base,
    state: 'unknown',
    evidence: t.status === 'empty' ? 'No token' : 'No readable exp: the token does not decode',
  };
}

function urlEncoded(ev: DiagnosisEvidence, facts: Facts): ChecklistItem {
  const base = { id: 'url-encoded' as const, label: 'Token is properly URL-encoded' };
  const token = ev.token.token;
  if (token === '') return { ...base, state: 'unknown', evidence: 'No token' };
  if (!ev.url.ok) return { ...base, state: 'unknown', evidence: `No Connection URL: ${ev.url.message}` };
  if (ev.tokenTravel === 'subprotocol')
    return {
      ...base,
      state: 'pass',
      evidence:
        'The token travels in the Sec-WebSocket-Protocol header, not in the URL: nothing to URL-encode',
    };
  if (ev.tokenTravel !== undefined && ev.tokenTravel !== 'query')
    return {
      ...base,
      state: 'pass',
      evidence: 'The token does not travel in the URL: nothing to URL-encode',
    };
  const param = ev.paramName || 'token';
  const values = rawQueryValues(ev.url.url, param);
  const raw = values[values.length - 1];
  if (raw === undefined)
    return { ...base, state: 'fail', evidence: `The Connection URL carries no ?${param}=` };
  if (token.includes('%'))
    return {
      ...base,
      state: 'fail',
      evidence: "The token itself contains '%': it is already URL-encoded (encoding it again sends %25…)",
    };
  if (decodeQueryValue(raw) !== token)
    return { ...base, state: 'fail', evidence: `?${param}= does not decode back to the token` };
  const mangled = spoke(facts, 'token-malformed');
  if (mangled && isWellFormed(ev.token))
    return {
      ...base,
      state: 'fail',
      evidence: `Well-formed here, yet the server says ${quote(mangled.quoted)}: it received something else`,
    };
  return {
    ...base,
    state: 'pass',
    evidence:
      raw === encodeURIComponent(token)
        ? `The Connection URL carries ?${param}=encodeURIComponent(token)`
        : `?${param}= decodes back to exactly the token`,
  };
}

function requiredClaims(ev: DiagnosisEvidence, facts: Facts): ChecklistItem {
  const t = ev.token;
  const names = t.requiredClaims.length > 0 ? t.requiredClaims : ['userId', 'role', 'iat', 'exp'];
  const base = {
    id: 'required-claims' as const,
    label: `Token payload contains required fields (${names.join(', ')})`,
  };
  const server = spoke(facts, 'missing-claims');
  if (server) return { ...base, state: 'fail', evidence: `The server says ${quote(server.quoted)}` };
  if (t.format !== 'jws' || t.payload === undefined)
    return {
      ...base,
      state: 'unknown',
      evidence: t.format === 'empty' ? 'No token' : 'The payload does not decode',
    };
  if (!isWellFormed(t))
    return { ...base, state: 'unknown', evidence: 'The token is malformed: fix the token first' };
  if (t.missingClaims.length > 0)
    return { ...base, state: 'fail', evidence: `Missing ${listWords(t.missingClaims)}` };
  return { ...base, state: 'pass', evidence: `${listWords(names)} present` };
}

/** The guide's Quick Fix Checklist, in its order, each line checked against the evidence. */
export function quickFixChecklist(evidence: DiagnosisEvidence, now: number): ChecklistItem[] {
  const facts = readFacts(evidence, now);
  return [
    serverRunning(evidence, facts),
    secretSet(evidence, facts),
    sameSecret(evidence, facts),
    notExpired(evidence, facts, now),
    urlEncoded(evidence, facts),
    requiredClaims(evidence, facts),
  ];
}
