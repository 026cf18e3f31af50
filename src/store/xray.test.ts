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

describe('travel discovery through the x-ray helper', () => {
  it('posts { url, discover } with the session token and returns the discovery; a wrong answer is null', async () => {
    stubPage('token-of-this-launch');
    const bodies: unknown[] = [];
    let answer =
      '{"discovery":{"used":{"placement":"query","label":"?token="},"protocol":"plain","attempts":[]}}';
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method !== 'POST') return new Response('{"available":true}');
        bodies.push(JSON.parse(String(init.body)));
        return new Response(answer);
      }),
    );
    const { runDiscovery } = await import('./xray.ts');
    const request = {
      url: 'ws://127.0.0.1:1/ws',
      token: 'a.b.c',
      placement: 'query',
      paramName: 'token',
      protocol: 'plain',
    } as const;
    expect(await runDiscovery(request)).toMatchObject({ used: { label: '?token=' }, attempts: [] });
    expect(bodies[0]).toEqual({
      url: 'ws://127.0.0.1:1/ws',
      discover: { token: 'a.b.c', placement: 'query', paramName: 'token', protocol: 'plain' },
    });
    answer = '{"events":[]}';
    expect(await runDiscovery(request)).toBeNull();
  });
});
