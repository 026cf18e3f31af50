// What a CLI command needs from the outside world, injectable so tests run commands in-process.
import { readFileSync } from 'node:fs';

export const EXIT_OK = 0;
/** decode: the token has a problem; verify: not verified; probe: a problem was diagnosed. */
export const EXIT_PROBLEM = 1;
/** Bad usage or input: unknown flag, missing or invalid argument, unreadable file. */
export const EXIT_USAGE = 2;

/** Bytes read from stdin at most (a token, not a file). */
export const MAX_STDIN_BYTES = 1024 * 1024;
/** Bytes read from a --dotenv (--env-file) file at most. */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;

export interface CliIo {
  /** Writes raw text to stdout (add the newline yourself). */
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** All of stdin as UTF-8 (bounded). */
  readStdin(): Promise<string>;
  /** stdout is a terminal: colors are used unless NO_COLOR is set. */
  isTTY: boolean;
  /** Wall clock, epoch ms. */
  now(): number;
  /** Reads a text file; throws (ENOENT...) when it cannot. */
  readFile(path: string): string;
  /** `serve` stops its server on SIGINT/SIGTERM (tests pass false). */
  handleSignals: boolean;
  /**
   * Calls `handler` on the next Ctrl-C (SIGINT) instead of exiting; returns the function that stops
   * listening. probe uses it to print what it saw before it was interrupted.
   */
  onInterrupt?(handler: () => void): () => void;
}

/** Bad usage or unusable input: one line on stderr, exit 2. */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function readProcessStdin(): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const stdin = process.stdin;
    if (stdin.isTTY === true) {
      reject(
        new UsageError(
          '"-" reads the token from stdin, but stdin is a terminal: pipe the token in (echo "$TOKEN" | npx wsjwt …)',
        ),
      );
      return;
    }
    stdin.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_STDIN_BYTES) {
        stdin.destroy();
        reject(new UsageError(`stdin is larger than ${MAX_STDIN_BYTES} bytes: that is not a token`));
        return;
      }
      chunks.push(chunk);
    });
    stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.once('error', (error) => reject(new UsageError(`cannot read stdin: ${error.message}`)));
  });
}

const guardedStreams = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that goes away (`npx wsjwt … | head -1`) is not an error worth a stack trace. Guarded when first
 * written to: Node builds process.stderr only when it is first read, and a run that prints nothing there
 * (every successful `wsjwt decode`) then never builds it — on a pipe that is a socket, ~2% of a cold start.
 */
function guarded(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!guardedStreams.has(stream)) {
    guardedStreams.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
    });
  }
  return stream;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => {
      guarded(process.stdout).write(text);
    },
    stderr: (text) => {
      guarded(process.stderr).write(text);
    },
    env: process.env,
    readStdin: readProcessStdin,
    isTTY: process.stdout.isTTY === true,
    now: Date.now,
    readFile: (path) => readFileSync(path, 'utf8'),
    handleSignals: true,
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      return () => process.off('SIGINT', handler);
    },
  };
}

export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

function ansi(open: number, close: number, enabled: boolean): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org) or --no-color is given. */
export function createStyle(io: Pick<CliIo, 'isTTY' | 'env'>, noColorFlag = false): Style {
  const noColor = io.env.NO_COLOR;
  const enabled =
    io.isTTY && !noColorFlag && (noColor === undefined || noColor === '') && io.env.TERM !== 'dumb';
  return {
    enabled,
    bold: ansi(1, 22, enabled),
    dim: ansi(2, 22, enabled),
    red: ansi(31, 39, enabled),
    green: ansi(32, 39, enabled),
    yellow: ansi(33, 39, enabled),
    cyan: ansi(36, 39, enabled),
  };
}

/** Text from a server or a token, safe to print on a terminal: control characters shown as "?". */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}
