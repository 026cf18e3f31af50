// Drives the local relay from inside a page, speaking its wire protocol (src/core/relay/protocol.ts) over the
// browser's own WebSocket: what the console's adapter does, with nothing of the console in between.
import type { Page } from '@playwright/test';

export interface RelayRun {
  /** The relay socket opened (101). */
  opened: boolean;
  /** The subprotocol the relay echoed. */
  protocol: string;
  /** Every message the page received, text as text, binary as `binary:<bytes>`. */
  messages: string[];
  close: { code: number; reason: string; wasClean: boolean };
}

export interface RelayAttempt {
  /** ws:// URL of the relay; default: the page's own origin. */
  relayUrl?: string;
  /** Default: the page's <meta name="wsjwt-session">; null: offer no session subprotocol. */
  token?: string | null;
  /** The connect message's fields (type: 'connect' is added). */
  connect: { url: string; protocols?: string[]; headers?: Record<string, string>; timeoutMs?: number };
  /** Sent once the upstream is open, then the page closes with 1000. */
  send?: string;
}

/** Opens the relay from `page` and reports what the page saw. */
export function runRelay(page: Page, attempt: RelayAttempt): Promise<RelayRun> {
  return page.evaluate(async ({ relayUrl, token, connect, send }) => {
    const session =
      token === undefined
        ? document.querySelector<HTMLMetaElement>('meta[name="wsjwt-session"]')?.content
        : token;
    const protocols = ['wsjwt-relay.v1', ...(session ? [`wsjwt-session.${session}`] : [])];
    const ws = new WebSocket(relayUrl ?? `ws://${location.host}/__wsjwt/relay`, protocols);
    ws.binaryType = 'arraybuffer';
    const run = { opened: false, protocol: '', messages: [] as string[] };
    return new Promise<RelayRun>((resolve) => {
      ws.onopen = () => {
        run.opened = true;
        run.protocol = ws.protocol;
        ws.send(JSON.stringify({ type: 'connect', protocols: [], headers: {}, timeoutMs: 5000, ...connect }));
      };
      ws.onmessage = (e: MessageEvent) => {
        const data = e.data as string | ArrayBuffer;
        run.messages.push(
          typeof data === 'string' ? data : `binary:${Array.from(new Uint8Array(data)).join(',')}`,
        );
        if (run.messages.length === 1 && typeof data === 'string' && data.includes('"upstream-open"')) {
          if (send === undefined) ws.close(1000, 'done');
          else ws.send(send);
        } else if (run.messages.length === 2) ws.close(1000, 'done');
      };
      ws.onclose = (e) =>
        resolve({ ...run, close: { code: e.code, reason: e.reason, wasClean: e.wasClean } });
    });
  }, attempt);
}

/** Parses the first message as the relay's control message. */
export function control(run: RelayRun): Record<string, unknown> {
  return JSON.parse(run.messages[0] ?? 'null') as Record<string, unknown>;
}
