import { useMemo, type ReactNode } from 'react';
import { joinWithAnd, redactUrlForStorage, TIMEOUT_MS_RANGE } from '../../core/index.ts';
import { connect, disconnect } from '../../store/commands.ts';
import { useConsole } from '../../store/store.ts';
import type { SocketState } from '../../store/types.ts';
import { CopyButton } from '../shared/CopyButton.tsx';
import { LongTextArea } from '../shared/LongTextArea.tsx';
import { Note } from '../shared/Note.tsx';
import { RangeNumberField } from '../shared/RangeNumberField.tsx';

const stateLook: Record<SocketState, { text: string; cls: string }> = {
  idle: { text: 'Not connected', cls: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
  connecting: { text: 'Connecting…', cls: 'bg-amber-700 text-white' },
  open: { text: 'Open', cls: 'bg-emerald-700 text-white' },
  closing: { text: 'Closing…', cls: 'bg-amber-700 text-white' },
  closed: { text: 'Closed', cls: 'bg-slate-600 text-white' },
};

/**
 * The connection bar: the fields that say where to connect, the actions and the state on one row; the
 * resulting Connection URL and its notes under it. `travel` (the "Token travels in" controls, and the
 * protocol controls when they come) and `actions` (Copy as command…) are composed in by the app.
 */
export function ConnectionPanel({
  lead,
  travel,
  actions,
  details,
}: {
  /** Before the fields (the app's name). */
  lead?: ReactNode;
  travel?: ReactNode;
  /** After Connect, Disconnect and the state. */
  actions?: ReactNode;
  /** After the Connection URL (Copy as command, the x-ray's state). */
  details?: ReactNode;
}) {
  const tokenTravel = useConsole((s) => s.tokenTravel);
  const serverUrl = useConsole((s) => s.serverUrl);
  const setServerUrl = useConsole((s) => s.setServerUrl);
  const paramName = useConsole((s) => s.paramName);
  const setParamName = useConsole((s) => s.setParamName);
  const timeoutMs = useConsole((s) => s.timeoutMs);
  const setTimeoutMs = useConsole((s) => s.setTimeoutMs);
  const connection = useConsole((s) => s.connection);

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        {lead}
        <div className="min-w-48 flex-[3_1_14rem]">
          <label htmlFor="server-url" className="field-label">
            Server URL
          </label>
          <input
            id="server-url"
            className="field font-mono text-xs"
            spellCheck={false}
            autoComplete="off"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') connect();
            }}
          />
        </div>
        <div className="w-32">
          <label htmlFor="token-param" className="field-label">
            Token parameter
          </label>
          <input
            id="token-param"
            className="field font-mono text-xs"
            spellCheck={false}
            autoComplete="off"
            value={paramName}
            onChange={(e) => setParamName(e.target.value)}
          />
        </div>
        {travel}
        <div className="w-24">
          <label htmlFor="connect-timeout" className="field-label">
            Timeout (ms)
          </label>
          <RangeNumberField
            id="connect-timeout"
            range={TIMEOUT_MS_RANGE}
            step={500}
            className="field text-xs"
            value={timeoutMs}
            onValid={setTimeoutMs}
            meanwhile={`Connect uses ${timeoutMs} ms until then.`}
          />
        </div>
        <ConnectActions />
        {actions ? <div className="ml-auto flex items-center gap-2 pb-0.5">{actions}</div> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label htmlFor="connection-url" className="field-label mb-0">
          Connection URL
        </label>
        <LongTextArea
          id="connection-url"
          readOnly
          rows={1}
          className="field min-w-48 flex-1 resize-none overflow-hidden bg-slate-50 py-1 font-mono text-xs break-all whitespace-nowrap dark:bg-slate-900"
          value={connection.ok ? connection.url : ''}
        />
        <CopyButton
          text={connection.ok ? connection.url : ''}
          label="Copy URL"
          disabled={!connection.ok}
          className="px-2 py-0.5 text-xs"
        />
        <AutoReconnect />
        {details}
      </div>
      <ServerUrlStorageNote />
      {connection.ok ? (
        // The token travels elsewhere than the query: an empty token= parameter is intended, not a problem.
        connection.notes
          .filter((n) => !(tokenTravel !== 'query' && n.code === 'TOKEN_EMPTY'))
          .map((n) => (
            <Note key={n.code} tone={n.code === 'TOKEN_EMPTY' ? 'warn' : 'info'} className="py-1 text-xs">
              <span data-url-note={n.code}>{n.message}</span>
            </Note>
          ))
      ) : (
        <Note tone="error" className="py-1 text-xs">
          <span data-url-error={connection.code}>{connection.message}</span>
        </Note>
      )}
      <CommandError />
      <ReconnectNote />
    </div>
  );
}

/** Connect, Disconnect and the socket's state, side by side; the state as wide in every state (the widest,
 * "Not connected"), so the bar does not rewrap when it changes. */
function ConnectActions() {
  const socketState = useConsole((s) => s.socketState);
  const live = socketState === 'connecting' || socketState === 'open';
  const reconnectPending = useConsole((s) => s.reconnect !== null);
  return (
    <div className="flex items-center gap-2 pb-0.5">
      <button type="button" className="btn-primary" onClick={connect}>
        Connect
      </button>
      <button
        type="button"
        className="btn-secondary"
        onClick={disconnect}
        disabled={!live && !reconnectPending}
      >
        Disconnect
      </button>
      <span
        data-socket-state={socketState}
        aria-live="polite"
        className={`min-w-[7.5rem] rounded-full px-2.5 py-0.5 text-center text-xs font-semibold whitespace-nowrap ${stateLook[socketState].cls}`}
      >
        {stateLook[socketState].text}
      </span>
    </div>
  );
}

/** The auto-reconnect toggle (off by default) and its countdown. */
function AutoReconnect() {
  const on = useConsole((s) => s.autoReconnect);
  const setOn = useConsole((s) => s.setAutoReconnect);
  const pending = useConsole((s) => s.reconnect);
  const now = useConsole((s) => s.now);
  const seconds = pending ? Math.max(0, Math.ceil((pending.at - now) / 1000)) : 0;
  return (
    <>
      <label
        className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400"
        title="Retry with backoff (0.5 s, 1 s, 2 s … 30 s) when the socket ends without Disconnect; an expired token is re-minted when the secret is given. A token the server rejects is not sent again: it stops, or retries once with a token re-minted with your Secret or private key"
      >
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        Auto-reconnect
      </label>
      {pending ? (
        <span
          data-reconnect-attempt={pending.attempt}
          role="status"
          className="text-xs font-medium text-amber-700 dark:text-amber-300"
        >
          reconnecting in {seconds} s (attempt {pending.attempt})
        </span>
      ) : null}
    </>
  );
}

function ReconnectNote() {
  const note = useConsole((s) => s.reconnectNote);
  const stopped = useConsole((s) => s.reconnectStopped);
  return (
    <>
      {note === null ? null : (
        <Note tone="info">
          <span data-reconnect-note="">{note}</span>
        </Note>
      )}
      {stopped === null ? null : (
        <Note tone="warn">
          <span data-reconnect-stopped={stopped.retries} role="status">
            {stopped.why}
          </span>
        </Note>
      )}
    </>
  );
}

/** Connect, Disconnect… could not run: their code did not load. */
function CommandError() {
  const error = useConsole((s) => s.commandError);
  if (error === null) return null;
  return (
    <Note tone="error">
      <span data-command-error="" role="alert">
        {error}
      </span>
    </Note>
  );
}

/**
 * What of the Server URL is not stored (its credentials: src/core/redact): after a reload, what the last
 * session's URL lost; while typing, what will not be kept. The field itself always keeps what was typed.
 */
function ServerUrlStorageNote() {
  const serverUrl = useConsole((s) => s.serverUrl);
  const paramName = useConsole((s) => s.paramName);
  const restored = useConsole((s) => s.restoredUrlNote);
  const notKept = useMemo(() => redactUrlForStorage(serverUrl, paramName).notKept, [serverUrl, paramName]);
  if (restored !== null && restored.url === serverUrl && restored.notKept.length > 0) {
    return (
      <Note tone="info">
        <span data-url-not-kept="restored">
          Not kept: {joinWithAnd(restored.notKept)} — credentials in the Server URL are never stored. Enter
          them again to use them.
        </span>
      </Note>
    );
  }
  if (notKept.length === 0) return null;
  return (
    <p data-url-not-kept="typed" className="text-xs text-slate-500 dark:text-slate-400">
      Used in this tab only, not stored: {joinWithAnd(notKept)}.
    </p>
  );
}
