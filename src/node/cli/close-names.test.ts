// Issue 12: the CLI names close codes from the one registry, like the log row, the timeline and the diagnosis.
import { describe, expect, it } from 'vitest';
import { closeCodeName } from '../../core/close-codes/index.ts';
import { createStyle } from './io.ts';
import { stepLines } from './probe-output.ts';

describe('probe output names close codes as the registry does', () => {
  it.each([1001, 1007, 1008, 3000, 3008, 3500, 4401, 4408, 4499, 4242])('%d', (code) => {
    const style = createStyle({ isTTY: false, env: {} });
    const lines = stepLines(
      { kind: 'event', at: 12, event: { type: 'close', at: 12, time: 12, code, reason: '', wasClean: true } },
      { closedByProbe: false, bodyTruncated: false, droppedMessages: 0 },
      style,
      'ws://localhost:3000',
    );
    expect(lines.join('\n')).toContain(`close ${code} ${closeCodeName(code)} (no reason)`);
  });
});
