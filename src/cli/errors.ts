// Failures the CLI reports without a stack trace: usage errors (exit 2) and runtime failures (exit 1).

import { didYouMean } from '../scenario/errors.js';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** yargs' message as ours: an unknown command names the command it takes it for, an unknown option the
 * option it is closest to, and a word past the command's positionals (`args`, the command line, tells
 * them apart: yargs calls both unknown arguments) is named as one, with where it goes if it names a
 * scenario. */
export function usageError(
  msg: string,
  options: string[],
  args: readonly string[] = [],
  isScenario: (word: string) => boolean = () => false,
): UsageError {
  const command = /^Did you mean (\S+)\?$/.exec(msg);
  if (command)
    return new UsageError(
      `unknown command; did you mean '${command[1]}'?`,
      `run 'stancesim ${command[1]} --help'`,
    );
  const unknown = /^Unknown arguments?: (.+)$/.exec(msg);
  if (unknown) {
    const { extra, words } = strays(unknown[1]!.split(', '), args);
    const guesses = words.flatMap((w) => {
      const close = didYouMean(w, options);
      return close ? [`--${w} → --${close}`] : [];
    });
    const guess =
      guesses.length === 0
        ? undefined
        : words.length === 1
          ? `did you mean ${guesses[0]!.split(' → ')[1]}?`
          : `did you mean ${guesses.join(', ')}?`;
    if (extra.length > 0) {
      const name = args.find((a) => !a.startsWith('-')) ?? '<command>';
      const scenario = options.includes('scenario') ? extra.find(isScenario) : undefined;
      return new UsageError(
        `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((w) => `'${w}'`).join(', ')}` +
          (words.length > 0 ? `; ${unknownOptions(words)}` : ''),
        `'stancesim ${name} --help' shows the arguments it takes` +
          (scenario !== undefined ? `; a scenario goes with --scenario: --scenario ${scenario}` : '') +
          (guess ? `; ${guess}` : ''),
      );
    }
    return new UsageError(unknownOptions(words), guess ?? "run 'stancesim <command> --help' for the options");
  }
  return new UsageError(msg, "run 'stancesim --help' for usage");
}

/**
 * yargs' unknown arguments told apart, occurrence by occurrence: an option's name (`--name`, `--name=…`
 * and the camel-case alias yargs adds, named once, or a letter of `-abc`) where the command line has
 * one not yet counted, else a word the command line has bare (`extra`: past the command's positionals).
 */
function strays(unknown: string[], args: readonly string[]): { extra: string[]; words: string[] } {
  const flags = new Map<string, number>();
  const bare = new Map<string, number>();
  const aliases = new Set<string>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const a of args) {
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2).split('=')[0]!;
      add(flags, name);
      const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      if (camel !== name) {
        add(flags, camel);
        aliases.add(camel);
      }
    } else if (/^-[a-zA-Z]/.test(a)) for (const letter of a.slice(1).split('=')[0]!) add(flags, letter);
    else add(bare, a);
  }
  const take = (m: Map<string, number>, k: string) => {
    const n = m.get(k) ?? 0;
    if (n > 0) m.set(k, n - 1);
    return n > 0;
  };
  const extra: string[] = [];
  const words: string[] = [];
  for (const w of unknown) {
    if (take(flags, w)) {
      if (!aliases.has(w)) words.push(w);
    } else if (take(bare, w)) extra.push(w);
    else words.push(w);
  }
  return { extra, words };
}

function unknownOptions(words: string[]): string {
  return `unknown option${words.length > 1 ? 's' : ''} ${words.map((w) => (w.length > 1 ? `--${w}` : `-${w}`)).join(', ')}`;
}

/** A whole-number setting from the environment: `fallback` when unset or empty, else a whole number of
 * `least` or more (`unit` names what it counts), or a usage error whose hint is `hint`. */
export function envCount(name: string, fallback: number, least: number, unit: string, hint: string): number {
  const setting = process.env[name];
  if (setting === undefined || setting === '') return fallback;
  const n = Number(setting);
  if (!Number.isInteger(n) || n < least)
    throw new UsageError(`${name}=${setting}: expected a whole number of ${unit}, ${least} or more`, hint);
  return n;
}
