import { lazy, Suspense } from 'react';
import {
  APP_PROTOCOL_IDS,
  PLACEMENTS,
  protocolInfo,
  TCHAR_DESCRIPTION,
  TOKEN_PLACEMENTS,
  type AppProtocolId,
} from '../../core/index.ts';
import { useConsole } from '../../store/store.ts';
import { sendsFirstMessage } from '../../store/travel.ts';
import type { TokenTravel } from '../../store/types.ts';
import { Note } from '../shared/Note.tsx';
import { TravelNote } from './TravelNote.tsx';

// What only a non-default choice needs (the payload's checks, the protocol clients' start) loads with it.
const PayloadField = lazy(() => import('./PayloadField.tsx').then((m) => ({ default: m.PayloadField })));

/**
 * The protocol spoken over the socket, where the token travels (query, subprotocol, cookie, the protocol's
 * first message, the Authorization header through the local relay), and the first message's payload.
 */
export function TravelControls() {
  const travel = useConsole((s) => s.tokenTravel);
  const setTravel = useConsole((s) => s.setTokenTravel);
  const appProtocol = useConsole((s) => s.appProtocol);
  const setAppProtocol = useConsole((s) => s.setAppProtocol);
  const template = useConsole((s) => s.subprotocolTemplate);
  const setTemplate = useConsole((s) => s.setSubprotocolTemplate);
  const firstMessage = sendsFirstMessage({ appProtocol, tokenTravel: travel });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-44">
          <label htmlFor="app-protocol" className="field-label">
            Protocol
          </label>
          <select
            id="app-protocol"
            className="field text-xs"
            value={appProtocol}
            onChange={(e) => setAppProtocol(e.target.value as AppProtocolId)}
          >
            {APP_PROTOCOL_IDS.map((id) => (
              <option key={id} value={id}>
                {protocolInfo(id).label}
              </option>
            ))}
          </select>
        </div>
        <div className="w-60">
          <label htmlFor="token-travel" className="field-label">
            Token travels in
          </label>
          <select
            id="token-travel"
            className="field text-xs"
            value={travel}
            onChange={(e) => setTravel(e.target.value as TokenTravel)}
          >
            {TOKEN_PLACEMENTS.map((id) => (
              <option key={id} value={id}>
                {PLACEMENTS[id].label}
              </option>
            ))}
          </select>
        </div>
        {travel === 'subprotocol' ? (
          <div className="min-w-48 flex-1">
            <label htmlFor="subprotocols" className="field-label">
              Subprotocols
            </label>
            <input
              id="subprotocols"
              className="field font-mono text-xs"
              spellCheck={false}
              autoComplete="off"
              value={template}
              onChange={(e) => setTemplate(e.target.value)}
              aria-describedby="subprotocols-help"
            />
          </div>
        ) : null}
        {firstMessage ? (
          <Suspense fallback={null}>
            <PayloadField />
          </Suspense>
        ) : null}
      </div>
      {travel === 'subprotocol' ? <SubprotocolDetails /> : null}
      <TravelNote />
    </div>
  );
}

function SubprotocolDetails() {
  const subprotocols = useConsole((s) => s.subprotocols);
  const token = useConsole((s) => s.analysis.token);
  const shown = subprotocols.protocols.map((p) =>
    token !== '' ? p.split(token).join(`<token: ${token.length} chars>`) : p,
  );
  return (
    <div className="space-y-1.5">
      <p id="subprotocols-help" className="text-xs text-slate-600 dark:text-slate-400">
        Comma-separated; <code>{'{token}'}</code> is replaced by the token. Offered:{' '}
        <code data-offered-protocols={subprotocols.protocols.length} className="break-all">
          {shown.length > 0 ? shown.join(', ') : '(none)'}
        </code>
      </p>
      {subprotocols.problems.map((p) => (
        <Note
          key={`${p.code}:${p.message}`}
          tone={p.severity === 'error' ? 'error' : 'warn'}
          className="text-xs"
        >
          <span data-subprotocol-problem={p.code}>{p.message}</span>
        </Note>
      ))}
      <Note tone="info" className="text-xs">
        <span data-travel-note="subprotocol">
          The browser sends these values in the <code>Sec-WebSocket-Protocol</code> request header — the only
          header a page can set on a WebSocket. <strong>The server must echo one of them</strong> in its
          answer (e.g. <code>Sec-WebSocket-Protocol: access_token</code>
          ); if it echoes none, Chromium fails the connection — an error event, then close 1006 — although the
          server accepted it. Allowed characters: {TCHAR_DESCRIPTION}; no spaces, commas, quotes,{' '}
          <code>=</code> or <code>/</code>. A base64url JWT fits; a &quot;Bearer …&quot; value or standard
          base64 does not. With ws (Node):{' '}
          <code>
            {
              "new WebSocketServer({ handleProtocols: (p) => p.has('access_token') ? 'access_token' : false })"
            }
          </code>
          , and the token is in <code>{"req.headers['sec-websocket-protocol']"}</code>.
        </span>
      </Note>
    </div>
  );
}
