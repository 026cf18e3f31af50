// Who may open the relay: the console's own page, on this machine, holding this launch's session token —
// the shared guard of every local endpoint (src/node/guard/local-request.ts), read from a WebSocket
// upgrade: the token travels as the offered subprotocol `wsjwt-session.<token>` (a page cannot set a header
// on a WebSocket), and Origin is required (browsers always send it on a WebSocket; a page elsewhere sends
// its own).
import type { IncomingMessage } from 'node:http';
import { RELAY_SUBPROTOCOL } from '../../core/relay/protocol.ts';
import {
  checkLocalRequest,
  localUpgradeFacts,
  offeredSubprotocols,
  SESSION_SUBPROTOCOL_PREFIX,
} from '../guard/local-request.ts';
import type { LocalAccessPolicy, LocalCheck, LocalEndpoint } from '../guard/local-request.ts';

const RELAY_ENDPOINT: LocalEndpoint = {
  name: 'The relay',
  methods: ['GET'],
  methodHelp: 'The relay is a WebSocket endpoint (GET with Upgrade: websocket).',
  originRequired: true,
  sessionVia: `the subprotocol ${SESSION_SUBPROTOCOL_PREFIX}<token>`,
};

/** Decides one upgrade to the relay: allowed (with the page's Origin) or refused (403/405). */
export function checkRelayUpgrade(req: IncomingMessage, access: LocalAccessPolicy): LocalCheck {
  const check = checkLocalRequest(localUpgradeFacts(req), access, RELAY_ENDPOINT);
  if (!check.ok) return check;
  if (!offeredSubprotocols(req.headers['sec-websocket-protocol']).includes(RELAY_SUBPROTOCOL))
    return {
      ok: false,
      status: 403,
      error: `The relay speaks the subprotocol ${RELAY_SUBPROTOCOL}: offer it.`,
    };
  return check;
}
