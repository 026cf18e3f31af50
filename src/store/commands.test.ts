import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];

/** A stand-in for actions.ts that fails to load `failures` times first (a chunk that did not arrive). */
function mockActions(failures = 0): void {
  let left = failures;
  vi.resetModules();
  vi.doMock('./actions.ts', () => {
    if (left > 0) {
      left--;
      throw new Error('chunk failed to load');
    }
    return {
      connect: () => calls.push('connect'),
      disconnect: () => calls.push('disconnect'),
      clearLog: () => calls.push('clearLog'),
      startClock: () => {
        calls.push('startClock');
        return () => undefined;
      },
    };
  });
}

afterEach(() => {
  calls.length = 0;
  vi.doUnmock('./actions.ts');
  vi.restoreAllMocks();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('commands before and after the actions have loaded', () => {
  it('runs commands given before the actions arrive, in order', async () => {
    mockActions();
    const commands = await import('./commands.ts');
    commands.connect();
    commands.disconnect();
    commands.clearLog();
    commands.startClock();
    expect(calls).toEqual([]); // the module is still loading
    await settle();
    expect(calls).toEqual(['connect', 'disconnect', 'clearLog', 'startClock']);
  });

  it('says so when the code does not load, and loads it again on the next command', async () => {
    mockActions(1);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const commands = await import('./commands.ts');
    commands.connect();
    await settle();
    expect(calls).toEqual([]);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/Connect could not run: .*Reload the page/);
    // On the page too, not only in DevTools: the Connection panel shows commandError.
    const { useConsole } = await import('./store.ts');
    expect(useConsole.getState().commandError).toMatch(
      /^Connect could not run: the console's code did not load \(.*\)\. Reload the page/,
    );
    commands.connect();
    await settle();
    expect(calls).toEqual(['connect']);
    expect(useConsole.getState().commandError).toBeNull();
  });
});
