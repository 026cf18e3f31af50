// The support bundle's "where the token travels" section: the protocol, the placement, the Connection
// payload template and the subprotocols offered, the request headers only Node or the relay can send, and
// what the protocol said about authentication — each with the token as a placeholder, never its value.
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { PROTOCOL_CLIENTS } from '../protocol/index.ts';
import type { AppProtocolId, ProtocolOutcome } from '../protocol/index.ts';
import { TOKEN_PLACEHOLDER } from '../redact/text.ts';
import { PLACEMENTS } from '../travel/placements.ts';
import type { TokenPlacement } from '../travel/placements.ts';

export interface SupportBundleTravel {
  protocol: AppProtocolId;
  placement: TokenPlacement;
  /** The Connection payload template in force ({token} where the token goes). */
  payloadTemplate: string;
  /** The subprotocols offered, as sent (the token among them when it travels there). */
  subprotocols: readonly string[];
  /** The protocol's outcome when the caller knows it; else read from the attempt's frames. */
  outcome?: ProtocolOutcome;
}

interface Fmt {
  inline(text: string): string;
  code(text: string): string;
}

/** The token's places in a text replaced by the placeholder (the redactor runs over everything afterwards). */
function withoutToken(text: string, tokens: readonly string[]): string {
  let out = text;
  for (const t of tokens) if (t.length >= 8) out = out.replaceAll(t, TOKEN_PLACEHOLDER);
  return out;
}

/** What the protocol said about authentication, read from the recorded frames through a fresh session. */
export function protocolOutcomeOfEvents(
  protocol: AppProtocolId,
  payloadTemplate: string,
  url: string,
  events: readonly ConnectionEvent[],
): ProtocolOutcome | undefined {
  if (protocol === 'plain') return undefined;
  const started = PROTOCOL_CLIENTS[protocol].start({ token: '', payload: payloadTemplate, url });
  if (!started.ok) return undefined;
  for (const e of events) {
    if (e.type === 'message' && e.binary !== true && typeof e.data === 'string') {
      const read = started.session.read(e.data);
      if (read.outcome !== undefined) return read.outcome;
    } else if (e.type === 'close' && e.code !== undefined) {
      return started.session.readClose(e.code, e.reason ?? '');
    }
  }
  return undefined;
}

function outcomeLine(outcome: ProtocolOutcome | undefined): string {
  if (outcome === undefined) return 'nothing that settles authentication was received';
  if (outcome.kind === 'authenticated') return `authenticated — ${outcome.summary}`;
  return `${outcome.kind === 'auth-refused' ? 'refused' : 'protocol error'} — ${outcome.summary}`;
}

/** The section's lines; `tokens` are the token's forms, replaced by the placeholder wherever they appear. */
export function travelSection(
  travel: SupportBundleTravel,
  input: {
    paramName: string;
    tokens: readonly string[];
    attemptUrl?: string;
    events?: readonly ConnectionEvent[];
  },
  f: Fmt,
): string[] {
  const client = PROTOCOL_CLIENTS[travel.protocol];
  const placement = PLACEMENTS[travel.placement];
  const lines = ['### Where the token travels', ''];
  lines.push(`- Protocol: ${f.inline(client.label)}`);
  lines.push(`- Token travels in: ${f.inline(placement.label)}`);
  if (travel.protocol !== 'plain' || travel.placement === 'first-message')
    lines.push(
      `- Connection payload template: ${f.code(withoutToken(travel.payloadTemplate, input.tokens))}`,
    );
  const offered = travel.subprotocols.map((p) => withoutToken(p, input.tokens));
  lines.push(
    `- Subprotocols offered: ${offered.length > 0 ? offered.map((p) => f.code(p)).join(', ') : '(none)'}`,
  );
  if (travel.placement === 'header')
    lines.push(
      `- Request header (sent by the relay): ${f.code(`Authorization: Bearer ${TOKEN_PLACEHOLDER}`)}`,
    );
  if (travel.placement === 'cookie')
    lines.push(`- Cookie: ${f.code(`${input.paramName.trim() || 'token'}=${TOKEN_PLACEHOLDER}`)}`);
  if (travel.protocol !== 'plain') {
    const outcome =
      travel.outcome ??
      (input.events !== undefined && input.attemptUrl !== undefined
        ? protocolOutcomeOfEvents(travel.protocol, travel.payloadTemplate, input.attemptUrl, input.events)
        : undefined);
    lines.push(
      `- Protocol outcome: ${input.events === undefined && travel.outcome === undefined ? 'no attempt yet' : f.inline(outcomeLine(outcome))}`,
    );
  }
  lines.push('');
  return lines;
}
