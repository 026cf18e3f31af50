// `wsjwt probe` after a failure prints a link that opens the console on the same target (issue 14): the
// Server URL and the token parameter, never the token.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultPayload, mintToken, readDeepLink } from '../../core/index.ts';
import { createReferenceServer } from '../server/reference-server.ts';
import type { ReferenceServer } from '../server/reference-server.ts';
import { fakeIo } from './fake-io.test-helpers.ts';
import { main } from './main.ts';

const SECRET = 'probe-deep-link-test-secret';
const servers: ReferenceServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function probe(argv: string[]): Promise<{ code: unknown; out: string }> {
  const fake = fakeIo({});
  const code = await main(['probe', ...argv], fake.io);
  return { code, out: fake.stdout() };
}

const linkLine = (out: string) => out.split('\n').find((l) => l.startsWith('open in the console: '));

describe('wsjwt probe: open in the console', () => {
  it('a failed probe ends with a link to the console on the same server and parameter, without the token', async () => {
    const s = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined });
    servers.push(s);
    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: 'another-secret', encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error(minted.message);
    const r = await probe([`${s.url}/ws`, '--token', minted.token, '--param', 'jwt']);
    expect(r.code).toBe(1);
    const line = linkLine(r.out);
    expect(line).toBeDefined();
    const link = new URL((line ?? '').replace('open in the console: ', ''));
    expect(link.origin).toBe('http://localhost:5173');
    expect(readDeepLink(link.search)).toEqual({
      fields: { url: `${s.url}/ws`, param: 'jwt' },
      notices: [],
      cleanedSearch: null,
    });
    expect(line).not.toContain(minted.token.split('.')[1] ?? '-');
  });

  it('no link after a probe that found nothing wrong, nor in --json', async () => {
    const s = await createReferenceServer({ port: 0, secret: SECRET, log: () => undefined });
    servers.push(s);
    const minted = await mintToken(
      { ...defaultPayload(Date.now()) },
      { text: SECRET, encoding: 'utf8' },
      'HS256',
    );
    if (!minted.ok) throw new Error(minted.message);
    const ok = await probe([s.url, '--token', minted.token]);
    expect(ok.code).toBe(0);
    expect(linkLine(ok.out)).toBeUndefined();
    const json = await probe([`${s.url}/fault/reject-401`, '--token', minted.token, '--json']);
    expect(json.code).toBe(1);
    expect(json.out).not.toContain('open in the console');
    expect(() => JSON.parse(json.out) as unknown).not.toThrow();
  });
});
