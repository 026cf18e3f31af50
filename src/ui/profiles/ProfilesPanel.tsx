import { useId, useState } from 'react';
import { PLACEMENTS, protocolInfo } from '../../core/index.ts';
import { loadProfile, saveProfile } from '../../store/profile-actions.ts';
import { useConsole } from '../../store/store.ts';
import { Note } from '../shared/Note.tsx';

/** Saved connection profiles: Server URL, token parameter, required claims, payload template, protocol and
 * token travel (never the secret). */
export function ProfilesPanel() {
  const profiles = useConsole((s) => s.profiles);
  const deleteProfile = useConsole((s) => s.deleteProfile);
  const [selected, setSelected] = useState('');
  const [name, setName] = useState('');
  const [includeToken, setIncludeToken] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'warn' | 'error'; lines: string[] } | null>(null);
  const id = useId();

  // The selection follows the list: a deleted or unknown name falls back to the first profile.
  const current = profiles.some((p) => p.name === selected) ? selected : (profiles[0]?.name ?? '');
  const chosen = profiles.find((p) => p.name === current);

  const save = () => {
    const result = saveProfile(name, { includeToken });
    if (!result.ok) {
      setMessage({ tone: 'error', lines: result.notes });
      return;
    }
    const saved = name.trim();
    setSelected(saved);
    setMessage({
      tone: result.notes.length > 0 ? 'warn' : 'ok',
      lines: [`Saved the profile “${saved}”.`, ...result.notes],
    });
  };

  return (
    <fieldset className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800">
      <legend className="float-left mb-1 w-full text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
        Profiles
      </legend>
      <div className="clear-both flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-select`} className="field-label">
            Profile
          </label>
          <select
            id={`${id}-select`}
            className="field text-xs"
            value={current}
            disabled={profiles.length === 0}
            onChange={(e) => {
              setSelected(e.target.value);
              setName(e.target.value);
            }}
          >
            {profiles.length === 0 ? <option value="">No saved profiles</option> : null}
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
                {p.token !== undefined ? ' (with token)' : ''}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn-secondary"
          disabled={!chosen}
          onClick={() => {
            if (!chosen) return;
            loadProfile(chosen.name);
            setName(chosen.name);
            setMessage({
              tone: 'ok',
              lines: [
                `Loaded the profile “${chosen.name}”${chosen.token !== undefined ? ', with its token' : ''}.`,
                `Protocol: ${protocolInfo(chosen.appProtocol ?? 'plain').label}; token travels in: ${PLACEMENTS[chosen.tokenTravel ?? 'query'].label}.`,
                ...(chosen.claimsTemplate !== ''
                  ? ['The payload template’s iat/nbf/exp moved to now, keeping the lifetime.']
                  : []),
              ],
            });
          }}
        >
          Load profile
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={!chosen}
          onClick={() => {
            if (!chosen) return;
            deleteProfile(chosen.name);
            setMessage({ tone: 'ok', lines: [`Deleted the profile “${chosen.name}”.`] });
          }}
        >
          Delete profile
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1">
          <label htmlFor={`${id}-name`} className="field-label">
            Profile name
          </label>
          <input
            id={`${id}-name`}
            className="field text-xs"
            autoComplete="off"
            maxLength={80}
            placeholder="e.g. local dev server"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
            }}
          />
        </div>
        <label className="flex items-center gap-1.5 pb-1.5 text-xs text-slate-700 dark:text-slate-300">
          <input type="checkbox" checked={includeToken} onChange={(e) => setIncludeToken(e.target.checked)} />
          Include the token in this profile
        </label>
        <button type="button" className="btn-primary" onClick={save}>
          Save profile
        </button>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Saves the Server URL, token parameter, required claims, the mint payload template, the Protocol, where
        the token travels and the subprotocol and Connection payload templates in this browser. Never the
        secret, nor credentials inside the Server URL (userinfo, keys, tokens).
      </p>
      {includeToken ? (
        <Note tone="warn">
          <span data-profile-token-warning="">
            The token will be stored in plain text in this browser’s localStorage: anyone using this browser
            profile can read it and use it until it expires.
          </span>
        </Note>
      ) : null}
      <div role="status">
        {message ? (
          <Note tone={message.tone}>
            {message.lines.map((l) => (
              <p key={l}>{l}</p>
            ))}
          </Note>
        ) : null}
      </div>
    </fieldset>
  );
}
