import type { ConnectionEvent, ConnectionEventType } from '../diagnosis/types.ts';

/** What the log view shows: event types hidden, and text to look for (case-insensitive). */
export interface LogFilter {
  text: string;
  hiddenTypes: readonly ConnectionEventType[];
}

export const NO_LOG_FILTER: LogFilter = { text: '', hiddenTypes: [] };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A predicate for the log view, or null when nothing is filtered (the view then reads the buffer as is).
 * The text is matched, case-insensitively and literally, against the type, the message data, the close
 * code and reason, error messages and the HTTP status. One regular expression per filter, no string copies
 * per entry: the view refilters thousands of entries per frame during a flood.
 */
export function compileLogFilter(filter: LogFilter): ((e: ConnectionEvent) => boolean) | null {
  const text = filter.text.trim();
  const hidden = new Set<string>(filter.hiddenTypes);
  if (text === '' && hidden.size === 0) return null;
  const re = text === '' ? null : new RegExp(escapeRegExp(text), 'i');
  return (e) => {
    if (hidden.has(e.type)) return false;
    if (!re) return true;
    return (
      re.test(e.type) ||
      (e.data !== undefined && re.test(e.data)) ||
      (e.reason !== undefined && re.test(e.reason)) ||
      (e.message !== undefined && re.test(e.message)) ||
      (e.code !== undefined && re.test(String(e.code))) ||
      (e.status !== undefined && re.test(String(e.status))) ||
      (e.protocol !== undefined && e.protocol !== '' && re.test(e.protocol))
    );
  };
}
