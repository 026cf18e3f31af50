import { useMemo } from 'react';
import { parseHeaderLines } from '../../core/index.ts';
import { relayAvailable } from '../../store/relay-socket.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

/** The Authorization header travels through the local relay: whether this console has one, and the extra
 * headers the relay adds (not stored: they may hold credentials). */
export function HeaderNote() {
  const relay = useMemo(() => relayAvailable(), []);
  const extra = useConsole((s) => s.relayHeaders);
  const setExtra = useConsole((s) => s.setRelayHeaders);
  const problems = useMemo(() => parseHeaderLines(extra).problems, [extra]);
  return (
    <div className="space-y-1">
      <Note tone={relay.ok ? 'info' : 'warn'} className="py-1 text-xs">
        <span data-travel-note="header" data-relay={relay.ok ? 'available' : 'unavailable'}>
          A browser cannot set <code>Authorization</code> on a WebSocket: the console opens the socket through
          its local relay, which adds <code>Authorization: Bearer &lt;token&gt;</code>.{' '}
          {relay.ok ? 'The relay is running with this console.' : relay.message}
        </span>
      </Note>
      <div>
        <label htmlFor="relay-headers" className="field-label">
          Extra headers
        </label>
        <textarea
          id="relay-headers"
          rows={1}
          className="field min-h-8 resize-y font-mono text-xs"
          spellCheck={false}
          autoComplete="off"
          placeholder="X-Tenant: acme (one Name: value per line; not stored)"
          value={extra}
          onChange={(e) => setExtra(e.target.value)}
          aria-invalid={problems.length > 0}
          aria-describedby={problems.length > 0 ? 'relay-headers-problem' : undefined}
        />
        {problems.length > 0 ? (
          <p id="relay-headers-problem" className="text-xs text-rose-700 dark:text-rose-300">
            {problems.join(' ')}
          </p>
        ) : null}
      </div>
    </div>
  );
}
