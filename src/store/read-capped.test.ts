import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_XRAY_ANSWER_BYTES, runXray } from './xray.ts';

afterEach(() => vi.unstubAllGlobals());

/** A fetch for the x-ray endpoint: GET says it is available, POST answers with `answer`. */
function stubXray(answer: () => Response): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? answer() : new Response('{"available":true}'),
    ),
  );
}

describe("the x-ray's answer is read no further than its limit", () => {
  it('an answer over the limit is not read whole: null, as for an absent helper', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    stubXray(() => new Response(endless));
    expect(await runXray('ws://127.0.0.1:1/', 1000)).toBeNull();
    expect(pulled).toBeLessThanOrEqual(MAX_XRAY_ANSWER_BYTES + 2 * 64 * 1024);
  });

  it('an answer within the limit is read', async () => {
    const answer = { events: [], outcome: 'rejected', durationMs: 3 };
    stubXray(() => new Response(JSON.stringify(answer)));
    expect(await runXray('ws://127.0.0.1:1/', 1000)).toEqual(answer);
  });
});
