// `wsjwt probe` after an unauthenticated refusal: the same token tried in the other places a server may read
// it from (src/node/handshake/discover.ts), so the diagnosis can say where the server wanted it. On by
// default when a token was given; --no-discover turns it off. The same target only, bounded, stated.
import { worthDiscovering } from '../../core/index.ts';
import type { DiscoveryAttemptResult, TravelDiscovery } from '../../core/index.ts';
import type { ProbeResult } from '../handshake/probe.ts';
import type { Style } from './io.ts';
import { printable } from './io.ts';
import type { ProtocolReport } from './probe-travel.ts';

export const DISCOVER_OPTIONS = { 'no-discover': { type: 'boolean' } } as const;

export const DISCOVER_HELP = `  --no-discover           after an unauthenticated refusal (401/403, close 1008/4401/4403, a protocol's
                          refusal) the probe tries the same token in up to 8 other places on the same
                          server — Authorization: Bearer, a cookie, the subprotocol, ?access_token= ?jwt=
                          ?auth=, the first message — to find where the server reads it; this turns it off`;

/**
 * Whether the attempt ended the way an unauthenticated one does — and the server did not already name a fault
 * of the token it read ("invalid signature"): only then is trying elsewhere worth it.
 */
export function refusedAsUnauthenticated(probe: ProbeResult, protocol: ProtocolReport | undefined): boolean {
  const outcome = protocol?.outcome;
  return worthDiscovering({
    events: probe.events,
    protocolRefused: outcome?.kind === 'auth-refused',
    ...(outcome?.kind === 'auth-refused' ? { protocolWords: outcome.words } : {}),
  });
}

function attemptLine(a: DiscoveryAttemptResult, style: Style): string {
  const words = a.words !== undefined && a.words !== '' ? ` ${JSON.stringify(a.words.slice(0, 100))}` : '';
  const text = `${' '.repeat(12)}${a.label}: ${a.verdict} — ${a.how}${words}`;
  const line = printable(text);
  return a.verdict === 'accepted'
    ? style.green(line)
    : a.verdict === 'refused'
      ? style.red(line)
      : style.dim(line);
}

/** The text report's lines: "Tried the token in 5 other places:" and one line each. */
export function discoveryLines(d: TravelDiscovery, style: Style): string[] {
  const n = d.attempts.length;
  const head =
    n === 0
      ? `Did not try the token in other places${d.notRun ? `: ${d.notRun}` : ''}`
      : `Tried the token in ${n} other place${n === 1 ? '' : 's'} (sent in ${d.used.label}, it was refused):`;
  const out = ['', style.bold(head), ...d.attempts.map((a) => attemptLine(a, style))];
  if (n > 0 && d.notRun) out.push(style.dim(`${' '.repeat(12)}(stopped: ${d.notRun})`));
  return out;
}
