import { useState } from 'react';
import { sendText } from '../../store/actions.ts';
import { useConsole } from '../../store/store.ts';

export function Composer() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = useConsole((s) => s.socketState === 'open');
  const send = () => {
    const err = sendText(text);
    setError(err);
  };
  return (
    <form
      className="space-y-1"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="flex gap-2">
        <label htmlFor="composer-message" className="sr-only">
          Message
        </label>
        <input
          id="composer-message"
          className="field font-mono text-xs"
          placeholder={open ? 'Type a message and press Enter' : 'Connect to send messages'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn-primary">
          Send
        </button>
      </div>
      {error ? <p role="alert" className="text-xs text-rose-600">{error}</p> : null}
    </form>
  );
}
