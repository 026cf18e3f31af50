import { describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../diagnosis/types.ts';
import { compileLogFilter, NO_LOG_FILTER } from './filter.ts';

const events: ConnectionEvent[] = [
  { type: 'connecting', at: 0, time: 0, data: 'ws://h/?token=<redacted>' },
  { type: 'open', at: 1, time: 0, protocol: '' },
  { type: 'message', at: 2, time: 0, data: '{"type":"welcome","userId":"123"}' },
  { type: 'sent', at: 3, time: 0, data: 'PING' },
  { type: 'error', at: 4, time: 0, message: 'the connection failed' },
  { type: 'close', at: 5, time: 0, code: 1008, reason: 'invalid signature', wasClean: true },
];
const shown = (text: string, hiddenTypes: ConnectionEvent['type'][] = []) => {
  const p = compileLogFilter({ text, hiddenTypes });
  return p ? events.filter(p).map((e) => e.type) : null;
};

describe('compileLogFilter', () => {
  it('is null when nothing is filtered (the view reads the buffer as is)', () => {
    expect(compileLogFilter(NO_LOG_FILTER)).toBeNull();
    expect(compileLogFilter({ text: '   ', hiddenTypes: [] })).toBeNull();
  });

  it('matches text case-insensitively in data, reasons, messages, codes and types', () => {
    expect(shown('WELCOME')).toEqual(['message']);
    expect(shown('signature')).toEqual(['close']);
    expect(shown('1008')).toEqual(['close']);
    expect(shown('failed')).toEqual(['error']);
    expect(shown('ping')).toEqual(['sent']);
    expect(shown('open')).toEqual(['open']);
  });

  it('treats the text literally, not as a pattern', () => {
    expect(shown('.*')).toEqual([]);
    expect(shown('{"type"')).toEqual(['message']);
    expect(shown('token=<redacted>')).toEqual(['connecting']);
  });

  it('hides event types, alone or with text', () => {
    expect(shown('', ['message', 'sent'])).toEqual(['connecting', 'open', 'error', 'close']);
    expect(shown('e', ['close', 'message'])).toEqual(['connecting', 'open', 'sent', 'error']);
  });
});
