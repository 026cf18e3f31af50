import { useDeferredValue, useMemo, useState } from 'react';
import { buildCopyCommands, joinWithAnd } from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { CopyButton } from '../shared/CopyButton.tsx';

/** "Copy as command": the current connection — protocol and where the token travels included — as
 * `wsjwt probe`, wscat and websocat commands, with a note where a tool cannot reproduce it. The token is a
 * `$TOKEN` placeholder unless the user asks for it to be included; the Server URL's other credentials are
 * always shell variables, named here so the user can set them. */
export function CopyCommand() {
  const serverUrl = useConsole((s) => s.serverUrl);
  const paramName = useConsole((s) => s.paramName);
  const token = useDeferredValue(useConsole((s) => s.analysis.token)); // after the Token panel (BENCHMARKS.md)
  const timeoutMs = useConsole((s) => s.timeoutMs);
  const protocol = useConsole((s) => s.appProtocol);
  const travel = useConsole((s) => s.tokenTravel);
  // Only a payload the user changed is passed on: each tool otherwise uses the protocol's default.
  const payload = useConsole((s) => s.connectionPayload);
  const subprotocolTemplate = useConsole((s) => s.subprotocolTemplate);
  const [includeToken, setIncludeToken] = useState(false);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const commands = useMemo(
    () =>
      buildCopyCommands({
        url: serverUrl,
        paramName,
        token,
        includeToken,
        timeoutMs,
        protocol,
        travel,
        subprotocolTemplate,
        ...(payload !== null ? { payload } : {}),
      }),
    [serverUrl, paramName, token, includeToken, timeoutMs, protocol, travel, subprotocolTemplate, payload],
  );

  const copyProbe = async () => {
    setOpen(true);
    try {
      await navigator.clipboard.writeText(commands.wsjwt);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied('idle'), 1500);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary" onClick={() => void copyProbe()} aria-expanded={open}>
          Copy as command
        </button>
        <span aria-live="polite" className="text-xs text-emerald-600 dark:text-emerald-400">
          {copied === 'copied'
            ? '✓ wsjwt command copied'
            : copied === 'failed'
              ? '✗ clipboard blocked: copy it below'
              : ''}
        </span>
        <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
          <input type="checkbox" checked={includeToken} onChange={(e) => setIncludeToken(e.target.checked)} />
          Include the token in the commands
        </label>
      </div>
      {open ? (
        <div className="space-y-1" aria-label="Commands">
          {!includeToken ? (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Set the token first: <code>export TOKEN='eyJ…'</code> — it stays out of the copied text and your
              shell history of this command.
            </p>
          ) : (
            <p className="text-xs text-amber-700 dark:text-amber-300">
              The commands below contain the token itself.
            </p>
          )}
          {commands.variables.length > 0 ? (
            <p data-left-out className="text-xs text-slate-600 dark:text-slate-400">
              Left out of the commands: {joinWithAnd(commands.variables.map((v) => v.what))}. Set them first,
              as written in the Server URL:{' '}
              <code>{commands.variables.map((v) => `export ${v.name}='…'`).join('; ')}</code>
            </p>
          ) : null}
          {commands.notes.map((note) => (
            <p key={note} data-command-note="" className="text-xs text-amber-700 dark:text-amber-300">
              {note}
            </p>
          ))}
          {(
            [
              ['wsjwt', commands.wsjwt],
              ['wscat', commands.wscat],
              ['websocat', commands.websocat],
            ] as const
          ).map(([name, cmd]) => (
            <div key={name} className="flex items-start gap-2">
              <code
                data-command={name}
                className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 text-xs break-all dark:bg-slate-950"
              >
                {cmd}
              </code>
              <CopyButton text={cmd} label={`Copy ${name}`} className="px-2 py-0.5 text-xs" />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
