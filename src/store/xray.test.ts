import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

/** The page as the console's server serves it: index.html with this launch's token in a <meta> tag. */
function stubPage(token: string | null): void {
  vi.stubGlobal('document', {
    querySelector: (selector: string) =>
      selector === 'meta[name="wsjwt-session"]' && token !== null ? { content: token } : null,
  });
}

describe('the x-ray calls carry the session token of the page', () => {
  it('GET (is it here?) and POST (run it) send X-Wsjwt-Session from the <meta> tag', async () => {
    stubPage('token-of-this-launch');
    const calls: Array<Record<string, string>> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        calls.push({ ...(init?.headers as Record<string, string>) });
        return init?.method === 'POST'
          ? new Response('{"events":[],"outcome":"rejected","durationMs":1}')
          : new Response('{"available":true}');
      }),
    );
    const { runXray } = await import('./xray.ts');
    expect(await runXray('ws://127.0.0.1:1/', 1000)).toMatchObject({ outcome: 'rejected' });
    expect(calls).toEqual([
      { 'X-Wsjwt-Session': 'token-of-this-launch' },
      { 'Content-Type': 'application/json', 'X-Wsjwt-Session': 'token-of-this-launch' },
    ]);
  });

  it('a page without the tag sends no header (the helper then refuses: the x-ray is off)', async () => {
    stubPage(null);
    const { sessionHeaders } = await import('./xray.ts');
    expect(sessionHeaders()).toEqual({});
  });
});
