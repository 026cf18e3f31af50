import { describe, expect, it } from 'vitest';
import { diagnose, quickFixChecklist } from '../diagnosis/index.ts';
import type { ConnectionEvent, DiagnosisEvidence } from '../diagnosis/types.ts';
import { mintToken } from '../jws/mint.ts';
import { triageSecret } from '../jws/triage.ts';
import { analyzeToken } from '../token/analyze.ts';
import { plantedLeaks, plantSecrets } from '../redact/planted.test-helpers.ts';
import { buildConnectionUrl } from '../url/connection-url.ts';
import { buildSupportBundle, type SupportBundleInput } from './bundle.ts';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_SEC = NOW / 1000;
const SECRET = 'bundle-s3cret-"quoted"-value-0123456789';
const SIGNER_SECRET = 'the-other-secret-the-client-used-0123';

async function sign(payload: Record<string, unknown>, secret: string): Promise<string> {
  const r = await mintToken(payload, { text: secret, encoding: 'utf8' }, 'HS256');
  if (!r.ok) throw new Error(r.message);
  return r.token;
}

async function scenario(extra: { events?: ConnectionEvent[]; payload?: Record<string, unknown> } = {}) {
  const payload = extra.payload ?? {
    userId: '123',
    role: 'principal',
    iat: NOW_SEC - 60,
    exp: NOW_SEC + 3600,
  };
  const token = await sign(payload, SIGNER_SECRET);
  const analysis = analyzeToken(`Bearer ${token}\n`, { now: NOW });
  const connection = buildConnectionUrl({
    serverUrl: 'ws://localhost:3000/ws?room=1',
    paramName: 'token',
    token: analysis.token,
  });
  if (!connection.ok) throw new Error('url');
  const triage = await triageSecret(analysis.token, { text: SECRET, encoding: 'utf8' });
  const events: ConnectionEvent[] = extra.events ?? [
    { type: 'connecting', at: 0, time: NOW, data: 'ws://localhost:3000/ws?room=1&token=<redacted>' },
    { type: 'open', at: 4.2, time: NOW + 4 },
    { type: 'message', at: 5.1, time: NOW + 5, data: `{"type":"echo","token":"${token}"}`, size: 300 },
    {
      type: 'message',
      at: 5.5,
      time: NOW + 5,
      data: `another jwt: ${await sign({ a: 1 }, 'x-secret-y')}`,
      size: 120,
    },
    { type: 'message', at: 5.9, time: NOW + 5, data: 'y'.repeat(5000), size: 5000 },
    {
      type: 'close',
      at: 9.4,
      time: NOW + 9,
      code: 1008,
      reason: `invalid signature; expected ${SECRET}`,
      wasClean: true,
    },
  ];
  const evidence: DiagnosisEvidence = {
    token: analysis,
    secret: triage,
    url: connection,
    paramName: 'token',
    events,
    timeoutMs: 10_000,
    leewaySeconds: 0,
  };
  const input: SupportBundleInput = {
    now: NOW,
    version: '0.1.0',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140',
    pageOrigin: 'http://localhost:5173',
    serverUrl: `ws://localhost:3000/ws?room=1&token=${token}`,
    paramName: 'token',
    connection,
    analysis,
    secretText: SECRET,
    secretEncoding: 'utf8',
    triage,
    attempt: {
      url: connection.url,
      startedAt: NOW,
      events,
      reachability: { state: 'reachable', detail: 'http://localhost:3000 answered an HTTP request' },
      health: { ok: true, jwtSecretSet: true, serverTime: NOW + 2000, receivedAt: NOW },
      xray: {
        status: 401,
        statusText: 'Unauthorized',
        headers: { 'www-authenticate': `Bearer error="${SECRET}"` },
        body: `token ${token} rejected\n\`\`\`\nfence`,
      },
    },
    causes: diagnose(evidence, NOW),
    checklist: quickFixChecklist(evidence, NOW),
    requiredClaims: ['userId', 'role', 'iat', 'exp'],
    timeoutMs: 10_000,
    leewaySeconds: 0,
  };
  return { token, input, signature: token.split('.')[2] ?? '' };
}

describe('buildSupportBundle', () => {
  it('has the diagnosis, the decoded header and payload, the events, the environment', async () => {
    const { input } = await scenario();
    const md = buildSupportBundle(input);
    expect(md).toContain('secret-mismatch');
    expect(md).toContain('"alg": "HS256"');
    expect(md).toContain('"userId": "123"');
    expect(md).toContain('Status: **valid**');
    expect(md).toContain('code 1008 (Policy Violation)');
    expect(md).toContain('wasClean true');
    expect(md).toContain('HeadlessChrome/140');
    expect(md).toContain('`http://localhost:5173`');
    expect(md).toContain('wsjwt console 0.1.0');
    expect(md).toContain('`ws://localhost:3000/ws?room=1&token=<redacted>`');
    expect(md).toContain('Quick fix checklist');
    expect(md).toContain('HTTP 401 Unauthorized');
    expect(md).toContain('Signature: does not verify with the Secret');
    expect(md).toContain('JWT_SECRET set: yes');
  });

  it('never contains the secret, the token or its signature — wherever they turn up', async () => {
    const { input, token, signature } = await scenario();
    const md = buildSupportBundle(input);
    expect(md).not.toContain(SECRET);
    expect(md).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    expect(md).not.toContain(token);
    expect(md).not.toContain(signature);
    expect(md).toContain('<token redacted>'); // the server's echo of the token
    expect(md).toContain('<secret redacted>'); // the close reason quoting the secret
    expect(md).toContain('.<signature redacted>'); // another JWT in a message keeps only header.payload
  });

  it('scrubs the secret from the decoded payload too (JSON-escaped form included)', async () => {
    const { input } = await scenario({
      payload: { userId: '1', role: 'r', iat: NOW_SEC, exp: NOW_SEC + 60, leaked: SECRET },
    });
    const md = buildSupportBundle(input);
    expect(md).not.toContain(SECRET);
    expect(md).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    expect(md).toContain('"leaked": "<secret redacted>"');
  });

  it('cuts message data to 200 characters and keeps fences intact against backticks', async () => {
    const { input } = await scenario();
    const md = buildSupportBundle(input);
    expect(md).not.toContain('y'.repeat(201));
    expect(md).toContain(`${'y'.repeat(200)}…" (5000 characters, cut to 200)`);
    // The x-ray body has a ``` line inside: its block uses a longer fence.
    expect(md).toMatch(/^````http$/m);
  });

  it('without an attempt or a token it still says what there is', async () => {
    const analysis = analyzeToken('', { now: NOW });
    const connection = buildConnectionUrl({
      serverUrl: 'ws://localhost:3000',
      paramName: 'token',
      token: '',
    });
    const md = buildSupportBundle({
      now: NOW,
      version: '0.1.0',
      serverUrl: 'ws://localhost:3000',
      paramName: 'token',
      connection,
      analysis,
      secretText: '',
      causes: [],
      checklist: [],
    });
    expect(md).toContain('Status: **empty**');
    expect(md).toContain('No connection attempt yet');
    expect(md).toContain('Signature: not checked (no Secret entered)');
  });

  it('includes the test matrix when it has run', async () => {
    const { input } = await scenario();
    const md = buildSupportBundle({
      ...input,
      matrix: {
        url: 'ws://localhost:3000/?token=<redacted>',
        summary: {
          total: 1,
          passed: 0,
          failed: 1,
          inconclusive: 0,
          state: 'fail',
          sentence: 'The server accepted 1 token it must reject: expired.',
        },
        rows: [
          {
            variant: { id: 'expired', label: 'expired', expected: 'reject' },
            verdict: {
              state: 'fail',
              observed: 'opened | stayed open',
              sentence: 'FAIL: the server accepted an expired token.',
            },
          },
        ],
      },
    });
    expect(md).toContain('### Server auth test matrix');
    expect(md).toContain(
      '| expired | reject | opened \\| stayed open | fail: FAIL: the server accepted an expired token. |',
    );
  });
});

describe('buildSupportBundle: secrets planted in every input (issue 16, defect 6)', () => {
  it('finds none of them in the bundle: URL userinfo and keys, old and current token, secret, server replies, diagnosis', async () => {
    const p = await plantSecrets(NOW);
    const serverUrl = p.serverUrl('localhost:3000', '/ws');
    const analysis = analyzeToken(`Bearer ${p.token}`, { now: NOW });
    const connection = buildConnectionUrl({ serverUrl, paramName: 'token', token: analysis.token });
    if (!connection.ok) throw new Error(connection.message);
    const triage = await triageSecret(analysis.token, { text: p.secret, encoding: 'utf8' });
    // What a server that echoes the request sends back: the URL in its refusal page, headers, messages
    // and a close reason cut at 123 bytes (in the middle of a value).
    const events: ConnectionEvent[] = [
      { type: 'connecting', at: 0, time: NOW, data: connection.url },
      { type: 'error', at: 1, time: NOW, message: `WebSocket connection to '${connection.url}' failed` },
      { type: 'message', at: 2, time: NOW, data: `{"you":"${connection.url}","secret":"${p.secret}"}` },
      { type: 'close', at: 3, time: NOW, code: 4001, reason: `bad ${connection.url}`.slice(0, 123) },
      { type: 'close', at: 4, time: NOW, code: 4001, reason: `expected ${p.secret}`.slice(0, 20) },
    ];
    const xray = {
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'www-authenticate': `Bearer realm="${connection.url}"`, 'x-key': p.apiKey },
      body: `<html><p>Refused ${connection.url}</p><p>user alice:${p.password}</p></html>`,
    };
    const evidence: DiagnosisEvidence = {
      token: analysis,
      secret: triage,
      url: connection,
      paramName: 'token',
      events,
      xray,
      timeoutMs: 10_000,
      leewaySeconds: 0,
    };
    const causes = diagnose(evidence, NOW);
    // The diagnosis quotes the body (cut at 200 characters): planted values are in its evidence.
    expect(causes.flatMap((c) => c.evidence).join('\n')).toContain(p.password);
    const md = buildSupportBundle({
      now: NOW,
      version: '0.1.0',
      serverUrl,
      paramName: 'token',
      connection,
      analysis,
      secretText: p.secret,
      triage,
      attempt: { url: connection.url, startedAt: NOW, events, xray },
      causes,
      checklist: quickFixChecklist(evidence, NOW),
      matrix: { url: connection.url, rows: [{ variant: { id: 'v', label: 'v', expected: 'accept' } }] },
    });
    expect(plantedLeaks(md, p)).toEqual([]);
    // What a reader needs is still there: where the userinfo and the values were.
    expect(md).toContain('`ws://<redacted>@localhost:3000/ws?api_key=<redacted>&access_token=<redacted>`');
    expect(md).toContain('"userId": "123"');
  });
});
