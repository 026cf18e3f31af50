import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { forward, RELAY_HIGH_WATER_BYTES, RELAY_LOW_WATER_BYTES } from './session.ts';

/** Just what forward() reads of the two sockets: one side's pause state, the other's queue. */
function sides() {
  const from = {
    isPaused: false,
    pause: () => void (from.isPaused = true),
    resume: () => void (from.isPaused = false),
  };
  const callbacks: Array<() => void> = [];
  const to = {
    readyState: WebSocket.OPEN as number,
    bufferedAmount: 0,
    sent: [] as Array<{ data: unknown; binary: boolean }>,
    send(data: unknown, options: { binary: boolean }, cb: () => void) {
      to.sent.push({ data, binary: options.binary });
      callbacks.push(cb);
    },
  };
  const run = (data: Buffer, binary: boolean) =>
    forward(from as unknown as WebSocket, to as unknown as WebSocket, data, binary);
  return { from, to, callbacks, run };
}

describe('forward: backpressure between the two sockets', () => {
  it('sends as it came (text or binary)', () => {
    const { to, run } = sides();
    run(Buffer.from('a'), false);
    run(Buffer.from([1]), true);
    expect(to.sent.map((s) => s.binary)).toEqual([false, true]);
  });

  it('stops reading the sender while the receiver’s queue is above the high mark, until it drains', () => {
    const { from, to, callbacks, run } = sides();
    run(Buffer.from('a'), false);
    expect(from.isPaused).toBe(false);
    to.bufferedAmount = RELAY_HIGH_WATER_BYTES + 1;
    run(Buffer.from('b'), false);
    expect(from.isPaused).toBe(true);
    to.bufferedAmount = RELAY_LOW_WATER_BYTES + 1;
    callbacks[0]?.();
    expect(from.isPaused).toBe(true);
    to.bufferedAmount = 0;
    callbacks[1]?.();
    expect(from.isPaused).toBe(false);
  });

  it('drops what arrives for a receiver that is no longer open', () => {
    const { to, run } = sides();
    to.readyState = WebSocket.CLOSING;
    run(Buffer.from('late'), false);
    expect(to.sent).toEqual([]);
  });
});
