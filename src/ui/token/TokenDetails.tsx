import { formatLocalDateTime, type TimeClaim, type TokenAnalysis } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { CopyButton } from '../shared/CopyButton.tsx';
import { Json, prettyJson } from '../shared/Json.tsx';
import { ClaimList } from './ClaimList.tsx';

const claimNames = { iat: 'Issued at (iat)', nbf: 'Not before (nbf)', exp: 'Expires (exp)' } as const;

function TimeRow({ t }: { t: TimeClaim }) {
  return (
    <tr data-claim={t.claim} className="border-t border-slate-200 align-top dark:border-slate-800">
      <th scope="row" className="py-1 pr-2 text-left font-medium whitespace-nowrap">
        {claimNames[t.claim]}
      </th>
      <td className="py-1 pr-2 font-mono text-xs">{t.seconds}</td>
      <td className="py-1 pr-2 font-mono text-xs">{t.utc}</td>
      <td className="py-1 pr-2 text-xs">{formatLocalDateTime(t.seconds * 1000)}</td>
      <td
        className={`py-1 text-xs font-semibold ${t.deltaMs < 0 && t.claim === 'exp' ? 'text-rose-600 dark:text-rose-400' : ''}`}
      >
        {t.relative}
      </td>
    </tr>
  );
}

function Segment({
  name,
  value,
  chips,
  where,
}: {
  name: string;
  value: unknown;
  chips?: Array<[string, unknown]>;
  where?: 'header' | 'payload';
}) {
  const json = prettyJson(value); // once for both the view and Copy: a payload can be 48 KB
  return (
    <div className="min-w-0">
      <div className="mb-1 flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold text-slate-600 uppercase dark:text-slate-400">{name}</h3>
        <CopyButton text={json} label="Copy" className="px-2 py-0.5 text-xs" />
      </div>
      {chips ? (
        <div className="mb-1 flex flex-wrap gap-1">
          {chips
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (
              <span
                key={k}
                className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800"
              >
                {k}: {typeof v === 'string' ? v : JSON.stringify(v)}
              </span>
            ))}
        </div>
      ) : null}
      <Json text={json} label={`${name} JSON`} />
      {where && typeof value === 'object' && value !== null && !Array.isArray(value) ? (
        <ClaimList value={value as Record<string, unknown>} where={where} label={`${name} claims`} />
      ) : null}
    </div>
  );
}

export function TokenDetails() {
  const analysis: TokenAnalysis = useConsole((s) => s.analysis);
  const { header, payload, times } = analysis;
  if (!header && !payload) return null;
  const timeRows = (['iat', 'nbf', 'exp'] as const).map((c) => times[c]).filter((t): t is TimeClaim => !!t);
  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        {header ? (
          <Segment
            name="Header"
            where="header"
            value={header}
            chips={[
              ['alg', header.alg],
              ['typ', header.typ],
              ['kid', header.kid],
            ]}
          />
        ) : null}
        {payload ? <Segment name="Payload" where="payload" value={payload} /> : null}
      </div>
      {timeRows.length > 0 ? (
        <table className="w-full text-sm" aria-label="Token times">
          <thead>
            <tr className="text-left text-xs text-slate-500 dark:text-slate-400">
              <th className="pr-2 font-medium">Claim</th>
              <th className="pr-2 font-medium">Value</th>
              <th className="pr-2 font-medium">UTC</th>
              <th className="pr-2 font-medium">Local</th>
              <th className="font-medium">Relative</th>
            </tr>
          </thead>
          <tbody>
            {timeRows.map((t) => (
              <TimeRow key={t.claim} t={t} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
