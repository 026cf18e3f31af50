// The flood fault's session: n text messages of size bytes as fast as the socket takes them, then close
// 1000. Bounded: it waits for the socket to drain above the high-water mark.
import type { SessionHooks } from './hooks.ts';

export const FLOOD_DEFAULT_COUNT = 20_000;
export const FLOOD_MAX_COUNT = 10_000_000;
export const FLOOD_DEFAULT_SIZE = 100;
export const FLOOD_MAX_SIZE = 1024 * 1024;
/** Buffered bytes above which flood and echo wait for the socket to drain. */
export const HIGH_WATER_BYTES = 1024 * 1024;

export function parseBoundedInt(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export function startFlood(s: SessionHooks): void {
  const { ws, attempt: a } = s;
  const count = parseBoundedInt(a.url.searchParams.get('n'), FLOOD_DEFAULT_COUNT, 0, FLOOD_MAX_COUNT);
  const size = parseBoundedInt(a.url.searchParams.get('size'), FLOOD_DEFAULT_SIZE, 0, FLOOD_MAX_SIZE);
  const payload = Buffer.alloc(size, 0x78); // "xxx…": valid UTF-8, sent as text frames
  let sent = 0;
  const pump = (): void => {
    if (ws.readyState !== ws.OPEN) return;
    // Cork so a whole batch leaves in one writev instead of one syscall per frame.
    a.socket.cork();
    try {
      while (sent < count && ws.bufferedAmount < HIGH_WATER_BYTES) {
        ws.send(payload, { binary: false });
        sent++;
      }
    } finally {
      a.socket.uncork();
    }
    if (sent >= count) {
      s.log(`#${a.id} flood sent ${sent} × ${size} bytes`);
      s.closeWith(1000, 'flood done');
    } else if (a.socket.writableNeedDrain) {
      a.socket.once('drain', pump);
    } else {
      setImmediate(pump);
    }
  };
  pump();
}
