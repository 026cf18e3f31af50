// ActionCable (rails/rails): it refuses with a message, not words in a close reason — a disconnect message
// {"type":"disconnect","reason":"unauthorized","reconnect":false} when connect calls
// reject_unauthorized_connection, and {"type":"reject_subscription"} when a channel rejects. Read from
// actioncable/app/javascript/action_cable/internal.js (disconnect_reasons, message_types),
// actioncable/lib/action_cable/connection/base.rb and channel/base.rb. No ReasonRule rows: the message
// interpreter (interpretServerMessage in ../dialects.ts) calls interpretActionCable.
import type { CauseId, Confidence, ReasonInterpretation } from '../types.ts';
import type { Dialect } from './rule.ts';

const ACTIONCABLE = 'rails/rails actioncable/app/javascript/action_cable/internal.js';

const ACTIONCABLE_REASONS: Readonly<
  Record<string, { cause: CauseId; confidence: Confidence; detail: string }>
> = {
  unauthorized: {
    cause: 'auth-rejected',
    confidence: 'high',
    detail:
      "ActionCable: the connection's connect method called reject_unauthorized_connection (the token was refused).",
  },
  invalid_request: {
    cause: 'handshake-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the request was refused before connect — usually an Origin not in allowed_request_origins, or not a WebSocket request.',
  },
  server_restart: {
    cause: 'server-error',
    confidence: 'medium',
    detail: 'ActionCable: the server is restarting.',
  },
  remote: {
    cause: 'auth-rejected',
    confidence: 'medium',
    detail:
      'ActionCable: the application disconnected this user on purpose (remote_connections…disconnect), e.g. on logout.',
  },
  heartbeat_timeout: {
    cause: 'connection-dropped',
    confidence: 'medium',
    detail: 'ActionCable: no ping arrived in time.',
  },
};

/** ActionCable's disconnect and reject_subscription messages. */
export function interpretActionCable(
  obj: Record<string, unknown>,
  type: string | undefined,
  quoted: string,
): ReasonInterpretation | null {
  // ActionCable: {"type":"disconnect","reason":"unauthorized","reconnect":false}
  if (type === 'disconnect' && typeof obj.reason === 'string') {
    const r = ACTIONCABLE_REASONS[obj.reason];
    if (r) {
      const reconnect = obj.reconnect === false ? ' The server told the client not to reconnect.' : '';
      return {
        dialect: 'actioncable',
        cause: r.cause,
        detail: r.detail + reconnect,
        quoted,
        confidence: r.confidence,
        source: `${ACTIONCABLE}; actioncable/lib/action_cable/connection/base.rb`,
      };
    }
  }
  // ActionCable: {"identifier":"...","type":"reject_subscription"}
  if (type === 'reject_subscription') {
    return {
      dialect: 'actioncable',
      cause: 'auth-rejected',
      detail:
        'ActionCable: the channel rejected the subscription (reject in subscribed), often because current_user is not allowed.',
      quoted,
      confidence: 'medium',
      source: `${ACTIONCABLE}; actioncable/lib/action_cable/channel/base.rb`,
    };
  }
  return null;
}

export const ACTIONCABLE_DIALECT: Dialect = {
  id: 'actioncable',
  label: 'ActionCable',
  stack: 'Ruby',
  repository:
    'rails/rails (actioncable/app/javascript/action_cable/internal.js, actioncable/lib/action_cable/connection/base.rb, actioncable/lib/action_cable/channel/base.rb)',
  rules: [],
  samples: [],
};
