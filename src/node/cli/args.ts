// A small, strict argument parser: `--name value`, `--name=value`, repeated options, `--` to end options.
// Hand-written rather than node:util parseArgs because option values here often start with a dash
// (`--token -` for stdin, `--expires-in -1h` for an already-expired token).
import { UsageError } from './io.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** May be given more than once (values are collected in order). */
  multiple?: boolean;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export interface ParsedArgs {
  positionals: string[];
  /** The last value of a string option. */
  string(name: string): string | undefined;
  /** Every value of a repeatable string option. */
  strings(name: string): string[];
  flag(name: string): boolean;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean' },
  'no-color': { type: 'boolean' },
};

/** True when --help / -h appears before `--` (help wins over every other problem on the line). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Parse `argv` against `specs`. `shortNames` maps one-letter options to long ones (probe's -x = --send,
 * as in wscat).
 */
export function parseArgs(
  argv: readonly string[],
  specs: OptionSpecs,
  command: string,
  shortNames: Readonly<Record<string, string>> = {},
): ParsedArgs {
  const all: OptionSpecs = { ...COMMON_OPTIONS, ...specs };
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const given = argv[i] ?? '';
    const long = Object.hasOwn(shortNames, given.slice(1)) && /^-[A-Za-z]$/.test(given);
    const arg = long ? `--${shortNames[given.slice(1)] ?? ''}` : given;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = all[name];
      if (spec === undefined) throw new UsageError(`unknown option --${name} (see wsjwt ${command} --help)`);
      if (spec.type === 'boolean') {
        if (eq !== -1) throw new UsageError(`--${name} does not take a value`);
        flags.add(name);
        continue;
      }
      let value: string | undefined;
      if (eq !== -1) {
        value = arg.slice(eq + 1);
      } else {
        value = argv[i + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2))
          throw new UsageError(`--${name} needs a value`);
        i++;
      }
      const list = values.get(name) ?? [];
      if (!spec.multiple && list.length > 0) throw new UsageError(`--${name} was given twice`);
      list.push(value);
      values.set(name, list);
      continue;
    }
    if (arg.startsWith('-') && arg !== '-')
      throw new UsageError(`unknown option ${arg} (see wsjwt ${command} --help)`);
    positionals.push(arg);
  }
  return {
    positionals,
    string: (name) => values.get(name)?.at(-1),
    strings: (name) => [...(values.get(name) ?? [])],
    flag: (name) => flags.has(name),
  };
}
