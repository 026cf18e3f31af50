import { useMemo } from 'react';
import { protocolPlan } from '../../store/protocol-plan.ts';
import { useConsole } from '../../store/store.ts';
import { connectionPayloadTemplate } from '../../store/travel.ts';
import { Note } from '../shared/Note.tsx';

/** The first message's payload template ({token} replaced): graphql-ws connection_init payload,
 * Socket.IO auth, STOMP CONNECT header lines, a plain socket's first message. */
export function PayloadField() {
  const problem = usePlanProblem();
  const template = useConsole(connectionPayloadTemplate);
  const setPayload = useConsole((s) => s.setConnectionPayload);
  const multiLine = template.includes('\n');
  return (
    <div className="min-w-56 flex-1">
      <label htmlFor="connection-payload" className="field-label">
        Connection payload
      </label>
      <textarea
        id="connection-payload"
        rows={multiLine ? 2 : 1}
        className="field min-h-8 resize-y font-mono text-xs"
        spellCheck={false}
        autoComplete="off"
        value={template}
        onChange={(e) => setPayload(e.target.value)}
        aria-invalid={problem !== undefined}
        aria-describedby={problem !== undefined ? 'connection-payload-problem' : undefined}
      />
      {problem !== undefined ? (
        <Note tone="error" className="mt-1 py-1 text-xs">
          <span id="connection-payload-problem" data-payload-problem="">
            {problem}
          </span>
        </Note>
      ) : null}
    </div>
  );
}

/** What Connect would refuse (a payload that is not JSON, not an object; a Token parameter that cannot
 * name a cookie), in the protocol's words: the same sentence Connect logs. */
function usePlanProblem(): string | undefined {
  const appProtocol = useConsole((s) => s.appProtocol);
  const tokenTravel = useConsole((s) => s.tokenTravel);
  const connectionPayload = useConsole((s) => s.connectionPayload);
  const subprotocolTemplate = useConsole((s) => s.subprotocolTemplate);
  const paramName = useConsole((s) => s.paramName);
  const serverUrl = useConsole((s) => s.serverUrl);
  const token = useConsole((s) => s.analysis.token);
  return useMemo(
    () =>
      protocolPlan({
        appProtocol,
        tokenTravel,
        connectionPayload,
        subprotocolTemplate,
        paramName,
        serverUrl,
        analysis: { token },
      }).problem,
    [appProtocol, tokenTravel, connectionPayload, subprotocolTemplate, paramName, serverUrl, token],
  );
}
