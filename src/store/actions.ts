// The console's actions, loaded right after the first paint (commands.ts): one module per concern.
//   socket.ts          Connect, the WebSocket's events, Disconnect (owns the current socket)
//   record.ts          what a socket writes: log entries and the attempt's evidence
//   log-flush.ts       the store hears about the log at most once per frame
//   echo-rtt.ts        round trips of messages the server echoes
//   checks.ts          reachability, GET /health and the x-ray of a failed handshake
//   send.ts            sending, and the interval sender (heartbeat)
//   verify-actions.ts  verification with the secret or a public key
//   mint-actions.ts    minting
//   clock.ts           the once-a-second tick and the message rate
//   reconnect.ts       optional auto-reconnect
import { startVerification } from './verify-actions.ts';

export { connect, disconnect } from './socket.ts';
export { clearLog } from './log-flush.ts';
export {
  MAX_HEARTBEAT_MS,
  MIN_HEARTBEAT_MS,
  sendBinary,
  sendComposed,
  sendProtocolFrame,
  sendText,
  startHeartbeat,
  stopHeartbeat,
} from './send.ts';
export { mint } from './mint-actions.ts';
export { startClock } from './clock.ts';

startVerification();
