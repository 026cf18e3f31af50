// The composer's protocol frames: a graphql-ws (or subscriptions-transport-ws) subscribe, a Socket.IO
// event, STOMP SUBSCRIBE and SEND — built by the core's serializers and sent through the protocol, so the
// log shows them with their type.
import { useRef, useState } from 'react';
import {
  graphqlWsSubscribe,
  serializeStompFrame,
  socketIoAddress,
  socketIoEvent,
  type AppProtocolId,
} from '../../core/index.ts';
import { sendProtocolFrame } from '../../store/actions.ts';
import { useConsole } from '../../store/store.ts';

const small = 'btn-secondary py-0.5 text-xs';
const input =
  'min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-1 py-0.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-950';

/** `{"args"}` as typed: JSON when it parses, else the text as one string argument. */
function eventArgs(text: string): unknown[] {
  if (text.trim() === '') return [];
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    return [text];
  }
}

export function ProtocolFrames({ onResult }: { onResult: (error: string | null) => void }) {
  const protocol = useConsole((s) => s.appProtocol);
  if (protocol === 'plain') return null;
  return (
    <fieldset className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
      <legend className="px-1 text-slate-600 dark:text-slate-400">Protocol frames</legend>
      <Frames protocol={protocol} onResult={onResult} />
    </fieldset>
  );
}

function Frames({ protocol, onResult }: { protocol: AppProtocolId; onResult: (e: string | null) => void }) {
  const nextId = useRef(1);
  const serverUrl = useConsole((s) => s.serverUrl);
  const [query, setQuery] = useState('{ __typename }');
  const [event, setEvent] = useState('message');
  const [data, setData] = useState('"hello"');
  const [destination, setDestination] = useState('/topic/test');
  const [body, setBody] = useState('hello');
  const send = (text: string) => onResult(sendProtocolFrame(text));
  if (protocol === 'graphql-ws' || protocol === 'subscriptions-transport-ws') {
    const subscribe = () => {
      const id = String(nextId.current++);
      send(
        protocol === 'graphql-ws'
          ? graphqlWsSubscribe(id, query)
          : JSON.stringify({ id, type: 'start', payload: { query } }),
      );
    };
    return (
      <>
        <input
          aria-label="GraphQL operation"
          className={input}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className={small} onClick={subscribe}>
          Subscribe
        </button>
      </>
    );
  }
  if (protocol === 'socket.io') {
    const emit = () => {
      const address = socketIoAddress(serverUrl);
      send(socketIoEvent(event, eventArgs(data), address.ok ? address.namespace : '/'));
    };
    return (
      <>
        <input
          aria-label="Event name"
          className={`${input} max-w-32`}
          value={event}
          onChange={(e) => setEvent(e.target.value)}
        />
        <input
          aria-label="Event data"
          className={input}
          value={data}
          onChange={(e) => setData(e.target.value)}
        />
        <button type="button" className={small} onClick={emit}>
          Emit
        </button>
      </>
    );
  }
  const stompSubscribe = () =>
    send(
      serializeStompFrame({
        command: 'SUBSCRIBE',
        headers: { id: `sub-${nextId.current++}`, destination },
        body: '',
      }),
    );
  const stompSend = () =>
    send(
      serializeStompFrame({
        command: 'SEND',
        // A receipt asks the broker to confirm it took the frame (a RECEIPT in the log).
        headers: { destination, 'content-type': 'text/plain', receipt: `send-${nextId.current++}` },
        body,
      }),
    );
  return (
    <>
      <input
        aria-label="Destination"
        className={`${input} max-w-40`}
        value={destination}
        onChange={(e) => setDestination(e.target.value)}
      />
      <input
        aria-label="Frame body"
        className={input}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="button" className={small} onClick={stompSubscribe}>
        SUBSCRIBE
      </button>
      <button type="button" className={small} onClick={stompSend}>
        SEND
      </button>
    </>
  );
}
