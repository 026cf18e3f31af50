import type { TokenAnalysis, TokenStatus } from '../../core/index.ts';

const look: Record<TokenStatus, { text: string; cls: string }> = {
  empty: { text: 'No token', cls: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
  malformed: { text: 'Malformed', cls: 'bg-rose-700 text-white' },
  valid: { text: 'Valid', cls: 'bg-emerald-700 text-white' },
  expired: { text: 'Expired', cls: 'bg-rose-700 text-white' },
  'not-yet-valid': { text: 'Not yet valid', cls: 'bg-amber-700 text-white' },
  'no-expiry': { text: 'No expiry', cls: 'bg-amber-700 text-white' },
};

/** The token's status against the local clock (contract: data-token-status). */
export function TokenStatusBadge({ analysis }: { analysis: TokenAnalysis }) {
  const { status, times } = analysis;
  const detail =
    status === 'valid' && times.exp && times.exp.deltaMs <= 0
      ? // Valid only thanks to the leeway: say so, never "expires … ago".
        `expired ${times.exp.relative}, still inside the leeway`
      : status === 'valid' && times.exp
        ? `expires ${times.exp.relative}`
        : status === 'expired' && times.exp
          ? `expired ${times.exp.relative}`
          : status === 'not-yet-valid' && times.nbf
            ? `valid ${times.nbf.relative}`
            : status === 'no-expiry'
              ? 'no exp claim: never expires'
              : '';
  return (
    <span className="inline-flex items-center gap-2 text-sm" aria-live="polite">
      <span
        data-token-status={status}
        className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${look[status].cls}`}
      >
        {look[status].text}
      </span>
      {detail ? <span className="text-slate-600 dark:text-slate-400">{detail}</span> : null}
    </span>
  );
}
