// A plain WebSocket: no protocol of its own. With the token in the first message, that message is the
// `Connection payload` template as typed (JSON or not), {token} replaced; whatever comes back is not judged
// here — the diagnosis reads the server's words and close codes as it always has.
import { fillJsonTemplate } from './payload-template.ts';
import { DEFAULT_PLAIN_PAYLOAD, PROTOCOL_CATALOG } from './catalog.ts';
import type { ProtocolClient, ProtocolSession } from './types.ts';

export { DEFAULT_PLAIN_PAYLOAD };

export const plainWebSocket: ProtocolClient = {
  ...PROTOCOL_CATALOG.plain,
  start({ token, payload }) {
    const text = fillJsonTemplate((payload ?? DEFAULT_PLAIN_PAYLOAD).trim(), token);
    const session: ProtocolSession = {
      opening: () => (text === '' ? [] : [text]),
      read: (frame) => ({
        frame: { type: 'message', summary: frame.length > 120 ? `${frame.slice(0, 120)}…` : frame },
        replies: [],
      }),
      readClose: () => undefined,
    };
    return { ok: true, session };
  },
};
