// The wsjwt CLI: decode, verify, mint, probe, serve, open. Run as `wsjwt …`: bin/wsjwt.cjs loads this file through
// tsx in a clone (no build step) and its compiled bundle (lib/wsjwt.cjs) in the installed package. Every
// command calls the same src/core as the console.
//
// Exit status: 0 fine, 1 a problem was found (or a runtime failure), 2 bad usage or input. Errors are one
// line on stderr, never a stack trace.
import type { ReferenceServer } from '../server/reference-server.ts';
import { wantsHelp } from './args.ts';
import { DECODE_USAGE, runDecode } from './decode.ts';
import type { CliIo } from './io.ts';
import { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, processIo, UsageError } from './io.ts';

export { EXIT_OK, EXIT_PROBLEM, EXIT_USAGE } from './io.ts';
export type { CliIo } from './io.ts';

export const MAIN_USAGE = `Usage: npx wsjwt <command> [options]

Debug WebSocket connections authenticated with a JWT in the query string (ws://host:port?token=<JWT>).

Commands:
  decode <token|->          header, payload, times, status and problems of a token (no secret needed)
  verify <token|-> --secret S
                            check the signature, trying the usual secret mistakes when it fails
  mint --secret S           sign the guide's payload; prints only the token (TOKEN=$(npx wsjwt mint …))
  probe <ws-url> [--token T | --mint] [--send TEXT]
                            connect once and explain what happened, printed as it happens: HTTP status
                            of a refused upgrade, close code and reason, likely causes (--json for
                            scripts; Ctrl-C prints what was seen so far)
  serve [--port N] [--fault NAME]
                            start the reference server, with its fault scenarios
  open [--port N] [--no-open] [--server-url URL]
                            serve the console on this machine and open it in the browser
  help [command]            this help, or a command's

Secrets: --secret S, or JWT_SECRET from --dotenv .env, or JWT_SECRET in the environment.
Run npx wsjwt <command> --help for a command's options.

Exit status: 0 fine, 1 a problem was found, 2 bad usage or input.`;

/** What a command resolves to: an exit status, or a server that keeps the process running. */
type CommandResult = number | ReferenceServer | { close(): Promise<void> };

interface CommandModule {
  usage: string;
  run(argv: readonly string[], io: CliIo): Promise<CommandResult>;
}

// Each command but decode is loaded only when it runs (or its help is asked for), so no command loads ws,
// the servers or the console server it does not use. decode is imported up front: it is the command whose
// cold start counts (a shell prompt waits on `wsjwt decode "$TOKEN" && …`), and in the compiled CLI it then
// sits in the entry chunk itself — one file read and compiled, no second import round. What it pulls in
// (token analysis and its printing) is what verify and probe load anyway.
const COMMANDS = {
  decode: async (): Promise<CommandModule> => ({ usage: DECODE_USAGE, run: runDecode }),
  verify: async (): Promise<CommandModule> => {
    const m = await import('./verify.ts');
    return { usage: m.VERIFY_USAGE, run: m.runVerify };
  },
  mint: async (): Promise<CommandModule> => {
    const m = await import('./mint.ts');
    return { usage: m.MINT_USAGE, run: m.runMint };
  },
  probe: async (): Promise<CommandModule> => {
    const m = await import('./probe.ts');
    return { usage: m.PROBE_USAGE, run: m.runProbe };
  },
  serve: async (): Promise<CommandModule> => {
    const m = await import('./serve.ts');
    return { usage: m.SERVE_USAGE, run: m.runServe };
  },
  open: async (): Promise<CommandModule> => {
    const m = await import('./open.ts');
    return { usage: m.OPEN_USAGE, run: m.runOpen };
  },
} as const;

type Command = keyof typeof COMMANDS;

function isCommand(name: string): name is Command {
  return Object.hasOwn(COMMANDS, name);
}

/** One line, no stack: the message of an error, whatever was thrown. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim() || 'unknown error';
}

/**
 * Run the CLI with `argv` (without node and the script). Resolves to the exit status, or to the running
 * reference server for `serve` (the process keeps running until it is stopped).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<CommandResult> {
  const [first, ...rest] = argv;
  let command: string | undefined = first;
  try {
    if (first === undefined)
      throw new UsageError(
        'missing command: decode, verify, mint, probe, serve, open or help (npx wsjwt --help)',
      );
    if (first === '--help' || first === '-h') {
      io.stdout(`${MAIN_USAGE}\n`);
      return EXIT_OK;
    }
    if (first === '--version' || first === '-v') {
      const { packageVersion } = await import('../package-root.ts');
      io.stdout(`${packageVersion(import.meta.url)}\n`);
      return EXIT_OK;
    }
    if (first === 'help') {
      command = undefined;
      const topic = rest[0];
      if (topic === undefined) io.stdout(`${MAIN_USAGE}\n`);
      else if (isCommand(topic)) io.stdout(`${(await COMMANDS[topic]()).usage}\n`);
      else
        throw new UsageError(`no help for "${topic}": commands are decode, verify, mint, probe, serve, open`);
      return EXIT_OK;
    }
    if (!isCommand(first)) {
      command = undefined;
      throw new UsageError(
        first.startsWith('-')
          ? `unknown option ${first} before the command (npx wsjwt --help)`
          : `unknown command "${first}": use decode, verify, mint, probe, serve, open or help`,
      );
    }
    const loaded = await COMMANDS[first]();
    if (wantsHelp(rest)) {
      io.stdout(`${loaded.usage}\n`);
      return EXIT_OK;
    }
    return await loaded.run(rest, io);
  } catch (error) {
    const prefix = command !== undefined && isCommand(command) ? `wsjwt ${command}` : 'wsjwt';
    if (error instanceof UsageError) {
      io.stderr(`${prefix}: ${oneLine(error)}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`${prefix}: ${oneLine(error)}\n`);
    return EXIT_PROBLEM;
  }
}

/** Entry point of bin/wsjwt.cjs: runs main on process.argv and sets the exit status. */
export async function runFromProcess(): Promise<void> {
  const result = await main(process.argv.slice(2));
  if (typeof result === 'number') process.exitCode = result;
}
