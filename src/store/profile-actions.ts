// Saving and loading a connection profile: what the Profiles tab does, loaded with that tab rather than with
// the first paint (BENCHMARKS.md, first load). The stored shape and its scrubbing: src/store/profiles-slice.ts.
import { DEFAULT_SUBPROTOCOL_TEMPLATE } from '../core/index.ts';
import { derive } from './derive.ts';
import { profileFromState, rebaseTemplateTimes } from './profile-draft.ts';
import { MAX_PROFILES } from './profiles-slice.ts';
import { useConsole } from './store.ts';

/** Saves the current settings as `name` (replacing a profile of that name); the notes say what was left out. */
export function saveProfile(
  name: string,
  { includeToken }: { includeToken: boolean },
): { ok: boolean; notes: string[] } {
  const s = useConsole.getState();
  const { profile, notes } = profileFromState(s, name, includeToken, Date.now());
  if (!profile) return { ok: false, notes };
  const existing = s.profiles.findIndex((p) => p.name === profile.name);
  if (existing < 0 && s.profiles.length >= MAX_PROFILES) {
    return { ok: false, notes: [`At most ${MAX_PROFILES} profiles: delete one first.`] };
  }
  const profiles =
    existing >= 0 ? s.profiles.map((p, i) => (i === existing ? profile : p)) : [...s.profiles, profile];
  useConsole.setState({ profiles });
  return { ok: true, notes: existing >= 0 ? [`Replaced the profile “${profile.name}”.`, ...notes] : notes };
}

/** Puts the profile `name` into the fields; false when there is none of that name. */
export function loadProfile(name: string): boolean {
  const p = useConsole.getState().profiles.find((x) => x.name === name);
  if (!p) return false;
  useConsole.setState((s) =>
    derive(s, {
      serverUrl: p.serverUrl,
      paramName: p.paramName,
      requiredClaims: [...p.requiredClaims],
      ...(p.claimsTemplate !== ''
        ? { payloadText: rebaseTemplateTimes(p.claimsTemplate, s.now), mintError: null }
        : {}),
      ...(p.token !== undefined ? { tokenInput: p.token } : {}),
      // A profile from before the protocols (sanitized on load) is a plain socket, token in the query.
      appProtocol: p.appProtocol ?? 'plain',
      tokenTravel: p.tokenTravel ?? 'query',
      subprotocolTemplate: p.subprotocolTemplate ?? DEFAULT_SUBPROTOCOL_TEMPLATE,
      connectionPayload: p.connectionPayload ?? null,
    }),
  );
  return true;
}
