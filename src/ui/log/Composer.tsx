import { useState } from 'react';
import { composeMessage, prettyJson, type ComposerMode } from '../../core/index.ts';
import { MIN_HEARTBEAT_MS, sendComposed, startHeartbeat, stopHeartbeat } from '../../store/actions.ts';
import { useConsole } from '../../store/store.ts';
import { ProtocolFrames } from './ProtocolFrames.tsx';
import {
  containsToken,
  loadSnippets,
  snippetName,
  storeSnippets,
  withSnippet,
  type Snippet,
} from './snippets.ts';

const MODE_LABELS: Record<ComposerMode, string> = {
  text: 'Text',
  json: 'JSON',
  hex: 'Binary (hex)',
  base64: 'Binary (base64)',
};

const PLACEHOLDERS: Record<ComposerMode, string> = {
  text: 'Type a message; Enter sends, Shift+Enter adds a line',
  json: '{"type":"ping"}',
  hex: 'de ad be ef',
  base64: '3q2+7w==',
};

const browserStorage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

function Rtt() {
  const rtt = useConsole((s) => s.echoRtt);
  if (!rtt) return null;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-rtt={rtt.last}>
      Echo round trip: <b>{rtt.last} ms</b> last · min {rtt.min} · avg{' '}
      {Math.round((rtt.sum / rtt.count) * 10) / 10} · max {rtt.max} ms ({rtt.count.toLocaleString()} echoed)
    </p>
  );
}

export function Composer() {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<ComposerMode>('text');
  const [error, setError] = useState<string | null>(null);
  const [everyMs, setEveryMs] = useState(1000);
  const [snippets, setSnippets] = useState<Snippet[]>(() => loadSnippets(browserStorage()));
  const [confirmTokenSave, setConfirmTokenSave] = useState(false);
  const open = useConsole((s) => s.socketState === 'open');
  const heartbeatMs = useConsole((s) => s.heartbeatMs);
  const token = useConsole((s) => s.analysis.token);

  const composed = () => {
    const r = composeMessage(text, mode);
    if (!r.ok) setError(r.message);
    return r.ok ? r : null;
  };
  const send = () => {
    const m = composed();
    if (m) setError(sendComposed(m));
  };
  const toggleInterval = () => {
    if (heartbeatMs !== null) {
      stopHeartbeat();
      return;
    }
    const m = composed();
    if (m) setError(startHeartbeat(m, everyMs));
  };
  const save = (confirmed: boolean) => {
    if (!confirmed && containsToken(text, token)) {
      setConfirmTokenSave(true);
      return;
    }
    setConfirmTokenSave(false);
    const next = withSnippet(snippets, { name: snippetName(text, mode), mode, text });
    setSnippets(next);
    setError(storeSnippets(browserStorage(), next));
  };
  const remove = (name: string) => {
    const next = snippets.filter((s) => s.name !== name);
    setSnippets(next);
    setError(storeSnippets(browserStorage(), next));
  };
  const pretty = mode === 'json' ? prettyJson(text) : null;

  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="flex gap-2">
        <label htmlFor="composer-message" className="sr-only">
          Message
        </label>
        <textarea
          id="composer-message"
          rows={mode === 'json' && text.includes('\n') ? 4 : 1}
          className="field min-h-8 resize-y font-mono text-xs"
          placeholder={open ? PLACEHOLDERS[mode] : 'Connect to send messages'}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
            setConfirmTokenSave(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        <button type="submit" className="btn-primary self-start">
          Send
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-400">As</span>
          <select
            aria-label="Message format"
            className="rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-950"
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as ComposerMode);
              setError(null);
            }}
          >
            {(Object.keys(MODE_LABELS) as ComposerMode[]).map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {mode === 'json' ? (
          <button
            type="button"
            className="btn-secondary py-0.5 text-xs"
            disabled={pretty === null || pretty === text}
            onClick={() => pretty !== null && setText(pretty)}
          >
            Format JSON
          </button>
        ) : null}
        <span className="mx-1 h-4 border-l border-slate-300 dark:border-slate-700" aria-hidden="true" />
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-400">Every</span>
          <input
            type="number"
            aria-label="Interval (ms)"
            min={MIN_HEARTBEAT_MS}
            step={100}
            className="w-20 rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-950"
            value={everyMs}
            disabled={heartbeatMs !== null}
            onChange={(e) => setEveryMs(Number(e.target.value))}
          />
          <span className="text-slate-600 dark:text-slate-400">ms</span>
        </label>
        <button type="button" className="btn-secondary py-0.5 text-xs" onClick={toggleInterval}>
          {heartbeatMs !== null ? 'Stop interval' : 'Start interval'}
        </button>
        {heartbeatMs !== null ? (
          <span className="text-emerald-700 dark:text-emerald-400">sending every {heartbeatMs} ms</span>
        ) : null}
        <span className="mx-1 h-4 border-l border-slate-300 dark:border-slate-700" aria-hidden="true" />
        <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => save(false)}>
          Save snippet
        </button>
        {snippets.length > 0 ? (
          <select
            aria-label="Snippets"
            className="max-w-48 rounded-md border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-950"
            value=""
            onChange={(e) => {
              const s = snippets.find((x) => x.name === e.target.value);
              if (s) {
                setText(s.text);
                setMode(s.mode);
                setError(null);
              }
            }}
          >
            <option value="">Load a snippet…</option>
            {snippets.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        ) : null}
        {snippets.some((s) => s.text === text && s.mode === mode) ? (
          <button
            type="button"
            className="btn-secondary py-0.5 text-xs"
            onClick={() => remove(snippets.find((s) => s.text === text && s.mode === mode)?.name ?? '')}
          >
            Delete snippet
          </button>
        ) : null}
      </div>
      {confirmTokenSave ? (
        <div
          role="alert"
          className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          This message contains the current token. Snippets are stored in this browser’s localStorage in clear
          text.
          <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => save(true)}>
            Save anyway
          </button>
          <button
            type="button"
            className="btn-secondary py-0.5 text-xs"
            onClick={() => setConfirmTokenSave(false)}
          >
            Cancel
          </button>
        </div>
      ) : null}
      <ProtocolFrames onResult={setError} />
      <Rtt />
      {error ? (
        <p role="alert" className="text-xs text-rose-600">
          {error}
        </p>
      ) : null}
    </form>
  );
}
