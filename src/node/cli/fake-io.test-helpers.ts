// An in-memory CliIo for running commands in-process.
import type { CliIo } from './io.ts';

export interface FakeIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
  /** As Ctrl-C: calls the handlers registered with io.onInterrupt. */
  interrupt(): void;
}

export function fakeIo(
  options: {
    env?: Record<string, string | undefined>;
    stdin?: string;
    files?: Record<string, string>;
    isTTY?: boolean;
    now?: () => number;
  } = {},
): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  const interruptHandlers = new Set<() => void>();
  const io: CliIo = {
    stdout: (text) => {
      out.push(text);
    },
    stderr: (text) => {
      err.push(text);
    },
    env: options.env ?? {},
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    isTTY: options.isTTY ?? false,
    now: options.now ?? Date.now,
    readFile: (path) => {
      const text = options.files?.[path];
      if (text === undefined)
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), {
          code: 'ENOENT',
        });
      return text;
    },
    handleSignals: false,
    onInterrupt: (handler) => {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
  };
  return {
    io,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    interrupt: () => {
      for (const handler of [...interruptHandlers]) handler();
    },
  };
}
