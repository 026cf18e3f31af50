// One entry inspected: pretty JSON of a message, a hex view of binary, the close code explained, copy.
// Loaded on first use (not needed to show the console).
import {
  closeCodeInfo,
  exportEntry,
  formatBytes,
  formatWallClock,
  hexDump,
  makeRedactor,
  prettyJson,
} from '../../core/index.ts';
import type { LogEntry } from '../../store/log-buffer.ts';
import { useConsole } from '../../store/store.ts';
import { CopyButton } from '../shared/CopyButton.tsx';

const preClass =
  'max-h-72 overflow-auto rounded-md bg-slate-100 p-2 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap dark:bg-slate-950';

function Body({ e }: { e: LogEntry }) {
  if ((e.type === 'message' || e.type === 'sent') && e.binary) {
    const bytes = e.bytes ?? new Uint8Array();
    const size = e.size ?? bytes.byteLength;
    return (
      <div className="space-y-1">
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Binary, {formatBytes(size)}
          {bytes.byteLength < size ? ` (the first ${formatBytes(bytes.byteLength)} are kept)` : ''}
        </p>
        <pre aria-label="Hex view" className={`${preClass} break-normal whitespace-pre`}>
          {hexDump(bytes).join('\n') || '(empty)'}
        </pre>
      </div>
    );
  }
  if (e.type === 'message' || e.type === 'sent') {
    const text = e.data ?? '';
    const pretty = prettyJson(text);
    return (
      <div className="space-y-1">
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Text, {(e.size ?? text.length).toLocaleString()} characters
          {e.size !== undefined && e.size > text.length
            ? ` (the first ${text.length.toLocaleString()} are kept)`
            : ''}
          {pretty !== null ? ' · JSON' : ''}
          {e.rtt !== undefined ? ` · echoed back in ${e.rtt} ms` : ''}
        </p>
        {e.frame !== undefined ? (
          <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-0.5 text-xs" aria-label="Decoded frame">
            <dt className="text-slate-500 dark:text-slate-400">frame</dt>
            <dd className="font-mono">{e.frame.type}</dd>
            {e.frame.id !== undefined ? (
              <>
                <dt className="text-slate-500 dark:text-slate-400">id</dt>
                <dd className="font-mono">{e.frame.id}</dd>
              </>
            ) : null}
            <dt className="text-slate-500 dark:text-slate-400">{e.type === 'sent' ? 'sent as' : 'reads'}</dt>
            <dd className="break-all">{e.frame.summary}</dd>
          </dl>
        ) : null}
        <pre aria-label={pretty !== null ? 'Message as JSON' : 'Message text'} className={preClass}>
          {pretty ?? text}
        </pre>
      </div>
    );
  }
  if (e.type === 'close') {
    const info = closeCodeInfo(e.code ?? 1005);
    return (
      <dl className="grid grid-cols-[6rem_1fr] gap-x-2 gap-y-0.5 text-xs">
        <dt className="text-slate-500 dark:text-slate-400">code</dt>
        <dd className="font-mono">
          {e.code} {info.name}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">meaning</dt>
        <dd>{info.meaning}</dd>
        <dt className="text-slate-500 dark:text-slate-400">reason</dt>
        <dd className="font-mono break-all">{e.reason ? `“${e.reason}”` : '(none)'}</dd>
        <dt className="text-slate-500 dark:text-slate-400">wasClean</dt>
        <dd>{String(e.wasClean)}</dd>
      </dl>
    );
  }
  return <pre className={preClass}>{e.message ?? e.data ?? e.type}</pre>;
}

export function LogDetail({ entry: e, onClose }: { entry: LogEntry; onClose: () => void }) {
  // Redacted as Export log is: the token, signatures, the secret and the URLs' credentials.
  const copyEntry = () => {
    const s = useConsole.getState();
    const redact = makeRedactor({
      token: s.analysis.token,
      secret: s.secretText,
      paramName: s.paramName,
      urls: [s.serverUrl, s.tokenInput, s.connection.ok ? s.connection.url : ''],
    });
    return JSON.stringify(exportEntry(e, redact), null, 2);
  };
  const isMessage = e.type === 'message' || e.type === 'sent';
  return (
    <section
      aria-label="Inspected event"
      className="space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-xs font-semibold">
          Event {e.seq} · {e.type} · {formatWallClock(e.time)} · +{e.at} ms
        </h3>
        <div className="ml-auto flex flex-wrap gap-1">
          <CopyButton label="Copy entry" text={copyEntry} className="py-0.5 text-xs" />
          {isMessage && !e.binary ? (
            <CopyButton label="Copy message" text={e.data ?? ''} className="py-0.5 text-xs" />
          ) : null}
          <button type="button" className="btn-secondary py-0.5 text-xs" onClick={onClose}>
            Close inspector
          </button>
        </div>
      </div>
      <Body e={e} />
    </section>
  );
}
