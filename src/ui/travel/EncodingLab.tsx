import { memo, useDeferredValue, useMemo } from 'react';
import { tokenEncodings, type TokenEncoding } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { CopyButton } from '../shared/CopyButton.tsx';
import { Note } from '../shared/Note.tsx';

function Received({ who, value, ok }: { who: string; value: string | null; ok: boolean }) {
  return (
    <li
      data-parser={who}
      data-ok={ok}
      className={ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400'}
    >
      {ok ? '✓' : '✗'} {who}:{' '}
      {ok ? (
        'the token'
      ) : value === null ? (
        'nothing usable'
      ) : (
        <code className="break-all">{value.length > 80 ? `${value.slice(0, 80)}…` : value}</code>
      )}
    </li>
  );
}

const EncodingCard = memo(function EncodingCard({ e }: { e: TokenEncoding }) {
  const value = e.query.slice(e.query.indexOf('=') + 1);
  return (
    <li
      data-encoding={e.id}
      aria-label={e.label}
      className="grid min-w-0 gap-x-3 gap-y-1 border-t border-slate-200 pt-2 first:border-t-0 first:pt-0 sm:grid-cols-[11rem_minmax(0,1fr)] dark:border-slate-800"
    >
      <div className="space-y-1">
        <h3 className="text-sm font-semibold break-words">{e.label}</h3>
        {e.sameAsEncoded && e.id !== 'encodeURIComponent' ? (
          <span className="inline-block rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-800">
            same as encoded
          </span>
        ) : null}
        <CopyButton text={value} label="Copy" className="block px-2 py-0.5 text-xs" />
      </div>
      <div className="min-w-0 space-y-1">
        <code className="block text-xs break-all text-slate-500 dark:text-slate-400">{e.code}</code>
        {/* focusable: a keyboard user can scroll the long query too (axe: scrollable-region-focusable) */}
        <pre
          tabIndex={0}
          className="max-h-16 overflow-auto rounded-md bg-slate-100 p-1.5 text-xs break-all whitespace-pre-wrap dark:bg-slate-950"
        >
          {/* cut: a pasted 64 KB token must still render within a frame (BENCHMARKS.md); Copy takes it all */}
          ?
          {e.query.length > 2048
            ? `${e.query.slice(0, 2048)}… (${(e.query.length - 2048).toLocaleString('en')} more characters)`
            : e.query}
        </pre>
        <ul className="text-xs">
          <Received
            who="URLSearchParams / Node URL / Express"
            value={e.received.searchParams}
            ok={e.ok.searchParams}
          />
          <Received
            who="naive decodeURIComponent"
            value={e.received.decodeURIComponent}
            ok={e.ok.decodeURIComponent}
          />
        </ul>
        <p className="text-xs text-slate-600 dark:text-slate-400">{e.note}</p>
      </div>
    </li>
  );
});

/** The current token in a query string four ways, side by side, with what a server's parser would receive. */
export function EncodingLab() {
  // Deferred (React renders the new token here after the Token panel has shown it): encoding and parsing
  // a 64 KB token four ways takes longer than a frame (BENCHMARKS.md).
  const token = useDeferredValue(useConsole((s) => s.analysis.token));
  const paramName = useDeferredValue(useConsole((s) => s.paramName));
  const encodings = useMemo(() => tokenEncodings(token, paramName), [token, paramName]);
  return (
    <div className="space-y-2">
      {token === '' ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Paste or mint a token to see it encoded four ways.
        </p>
      ) : null}
      <ul aria-label="Encoding lab" className="space-y-2">
        {encodings.map((e) => (
          <EncodingCard key={e.id} e={e} />
        ))}
      </ul>
      <Note tone="info" className="text-xs">
        <span data-travel-note="cookies">
          <strong>Cookies and headers:</strong> a browser sends the cookies it holds for the server&apos;s
          domain with the WebSocket upgrade (subject to SameSite), so a cookie session works without putting
          the token anywhere. But a page cannot set custom headers on a WebSocket: there is no Authorization
          header from a browser WebSocket — only the URL (query string) and Sec-WebSocket-Protocol carry a
          token from a page.
        </span>
      </Note>
    </div>
  );
}
