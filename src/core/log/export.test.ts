import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plantedLeaks, plantSecrets } from '../redact/planted.test-helpers.ts';
import { buildConnectionUrl } from '../url/connection-url.ts';
import { logExportFileName, makeRedactor, serializeLogExport, type LogRecord } from './export.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiIxMjMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';
const SECRET = 'super-secret-value-42';

describe('makeRedactor', () => {
  const redact = makeRedactor({ token: TOKEN, secret: SECRET, paramName: 'token' });

  it('removes the token signature, as typed and URL-encoded, and any other JWS signature', () => {
    expect(redact(`token ${TOKEN} end`)).toBe('token <token redacted> end');
    expect(redact(`url ${encodeURIComponent(TOKEN)}`)).not.toContain(TOKEN.split('.')[2]);
    const other = 'eyJhbGciOiJub25lIn0.eyJhIjoxfQ.abcdef';
    expect(redact(other)).toBe('eyJhbGciOiJub25lIn0.eyJhIjoxfQ.<signature redacted>');
  });

  it('redacts token query values in URLs and the secret wherever it is', () => {
    expect(redact('ws://h:3000/x?room=1&token=abc.def&y=2')).toBe(
      'ws://h:3000/x?room=1&token=<redacted>&y=2',
    );
    expect(redact(`the secret is ${SECRET}!`)).toBe('the secret is <secret redacted>!');
  });

  it('handles a token that is not a JWS (replaced whole)', () => {
    const r = makeRedactor({ token: 'opaque+token/value==' });
    expect(r('a opaque+token/value== b opaque%2Btoken%2Fvalue%3D%3D')).toBe(
      'a <token redacted> b <token redacted>',
    );
  });

  it('never lets the token or the secret through (property)', () => {
    const alnum = fc.stringMatching(/^[A-Za-z0-9]{12,40}$/);
    fc.assert(
      fc.property(alnum, alnum, fc.array(fc.string(), { maxLength: 4 }), (token, secret, parts) => {
        fc.pre(!token.includes(secret) && !secret.includes(token));
        const r = makeRedactor({ token, secret, paramName: 'token' });
        const text = [...parts, token, encodeURIComponent(token), secret, `?token=${token}`].join(
          parts[0] ?? ' ',
        );
        const out = r(text);
        expect(out.includes(token)).toBe(false);
        expect(out.includes(secret)).toBe(false);
      }),
    );
  });
});

describe('serializeLogExport', () => {
  const entries: LogRecord[] = [
    {
      seq: 1,
      attempt: 1,
      type: 'connecting',
      at: 0,
      time: Date.UTC(2025, 0, 1),
      data: 'ws://localhost:3000/?token=<redacted>',
    },
    { seq: 2, attempt: 1, type: 'open', at: 3.5, time: Date.UTC(2025, 0, 1), protocol: '' },
    {
      seq: 3,
      attempt: 1,
      type: 'sent',
      at: 4,
      time: Date.UTC(2025, 0, 1),
      data: `my token is ${TOKEN}`,
      size: 200,
    },
    {
      seq: 4,
      attempt: 1,
      type: 'message',
      at: 5,
      time: Date.UTC(2025, 0, 1),
      data: `my token is ${TOKEN}`,
      size: 200,
      rtt: 1,
    },
    {
      seq: 5,
      attempt: 1,
      type: 'message',
      at: 6,
      time: Date.UTC(2025, 0, 1),
      binary: true,
      size: 3,
      data: 'de ad be',
      bytes: new Uint8Array([0xde, 0xad, 0xbe]),
    },
    {
      seq: 6,
      attempt: 1,
      type: 'message',
      at: 7,
      time: Date.UTC(2025, 0, 1),
      binary: true,
      size: 21,
      data: '…',
      bytes: new TextEncoder().encode(SECRET),
    },
    {
      seq: 7,
      attempt: 1,
      type: 'close',
      at: 9,
      time: Date.UTC(2025, 0, 1),
      code: 1000,
      reason: SECRET,
      wasClean: true,
    },
  ];
  const json = serializeLogExport(
    entries,
    { exportedAt: Date.UTC(2025, 0, 2), total: 9, dropped: 2, cap: 10000 },
    { token: TOKEN, secret: SECRET, paramName: 'token' },
  );
  const doc = JSON.parse(json) as {
    events: Array<Record<string, unknown>>;
    total: number;
    dropped: number;
    kept: number;
    format: string;
  };

  it('is JSON of every event with counts', () => {
    expect(doc.format).toBe('wsjwt-log');
    expect(doc.total).toBe(9);
    expect(doc.dropped).toBe(2);
    expect(doc.kept).toBe(7);
    expect(doc.events.map((e) => e.type)).toEqual([
      'connecting',
      'open',
      'sent',
      'message',
      'message',
      'message',
      'close',
    ]);
    expect(doc.events[0]).toMatchObject({ seq: 1, attempt: 1, time: '2025-01-01T00:00:00.000Z', at: 0 });
    expect(doc.events[3]).toMatchObject({ rtt: 1, size: 200 });
    expect(doc.events[4]).toMatchObject({ binary: true, bytesHex: 'deadbe' });
    expect(doc.events[6]).toMatchObject({ code: 1000, wasClean: true });
  });

  it('carries neither the token nor the secret anywhere', () => {
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain(TOKEN.split('.')[2]);
    expect(json).not.toContain(SECRET);
    expect(doc.events[5]).toMatchObject({ withheld: expect.stringMatching(/token or the secret/) });
    expect(doc.events[5]).not.toHaveProperty('bytesHex');
  });

  it('names the file after the time of export', () => {
    expect(logExportFileName(Date.UTC(2025, 0, 2, 3, 4, 5, 678))).toBe('wsjwt-log-2025-01-02T03-04-05Z.json');
  });
});

describe('serializeLogExport: secrets planted in every input (issue 16, defect 6)', () => {
  it('finds none of them in the export: URL userinfo and keys, old and current token, secret, server replies', async () => {
    const now = Date.UTC(2026, 0, 15);
    const p = await plantSecrets(now);
    const serverUrl = p.serverUrl('localhost:3000');
    const connection = buildConnectionUrl({ serverUrl, paramName: 'token', token: p.token });
    if (!connection.ok) throw new Error(connection.message);
    const url = connection.url;
    const at = { at: 0, time: now };
    const entries: LogRecord[] = [
      { ...at, type: 'connecting', data: url },
      { ...at, type: 'error', message: `WebSocket connection to '${url}' failed` },
      {
        ...at,
        type: 'unexpected-response',
        status: 401,
        statusText: `Unauthorized ${p.apiKey}`,
        headers: { 'www-authenticate': `Bearer realm="${url}"` },
        body: `Refused ${url} (alice:${p.password}) ${p.secret}`,
      },
      { ...at, type: 'message', data: `{"echo":"${url}"}` },
      {
        ...at,
        type: 'message',
        binary: true,
        size: 9,
        data: '…',
        bytes: new TextEncoder().encode(`k=${p.apiKey}`),
      },
      { ...at, type: 'close', code: 4001, reason: `bad ${url}`.slice(0, 123), wasClean: true },
    ];
    const json = serializeLogExport(
      entries,
      { exportedAt: now, total: entries.length, dropped: 0, cap: 10_000 },
      { token: p.token, secret: p.secret, paramName: 'token', urls: [serverUrl, url] },
    );
    expect(plantedLeaks(json, p)).toEqual([]);
    expect(json).toContain('ws://<redacted>@localhost:3000/?api_key=<redacted>&access_token=<redacted>');
  });
});
