// What the connection's protocol and placement settings mean together: kept apart from the slice so the
// attempt's fingerprint (attempt-inputs) and the socket can read them without importing the store.
import { protocolInfo } from '../core/index.ts';
import type { ConsoleState } from './types.ts';

/** The `Connection payload` template in force: the user's, or the protocol's default — with the token when
 * it travels in the first message, without it otherwise. */
export function connectionPayloadTemplate(
  s: Pick<ConsoleState, 'appProtocol' | 'connectionPayload' | 'tokenTravel'>,
): string {
  if (s.connectionPayload !== null) return s.connectionPayload;
  const info = protocolInfo(s.appProtocol);
  return s.tokenTravel === 'first-message' ? info.defaultPayload : info.payloadWithoutToken;
}

/** Whether a first message is sent (and so whether the `Connection payload` field applies). */
export function sendsFirstMessage(s: Pick<ConsoleState, 'appProtocol' | 'tokenTravel'>): boolean {
  return s.appProtocol !== 'plain' || s.tokenTravel === 'first-message';
}
