// A stand-in for the browser's WebSocket in unit tests (e2e uses real sockets against real servers).
// Installed on globalThis; each construction is recorded so a test can drive its events.

export class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  binaryType = 'blob';
  protocol = '';
  sent: unknown[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;

  constructor(
    readonly url: string,
    readonly protocols?: string[],
  ) {
    if (url.startsWith('throw:')) throw new SyntaxError(`The URL '${url}' is invalid.`);
    FakeWebSocket.instances.push(this);
  }

  send(data: unknown): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = FakeWebSocket.CLOSING;
  }

  // What the server (or the network) does:
  serverOpens(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.();
  }
  serverSends(data: unknown): void {
    this.onmessage?.({ data });
  }
  ends(code: number, reason = '', wasClean = code !== 1006): void {
    this.readyState = FakeWebSocket.CLOSED;
    if (code === 1006) this.onerror?.();
    this.onclose?.({ code, reason, wasClean });
  }
}

export function installFakeWebSocket(): void {
  FakeWebSocket.instances = [];
  (globalThis as { WebSocket?: unknown }).WebSocket = FakeWebSocket;
}

export function lastSocket(): FakeWebSocket {
  const ws = FakeWebSocket.instances.at(-1);
  if (!ws) throw new Error('no socket was opened');
  return ws;
}
