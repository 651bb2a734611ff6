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
    const all = unknown[1]!.split(', ');
    const asFlag = (w: string) =>
      args.some((a) => a === `--${w}` || a === `-${w}` || a.startsWith(`--${w}=`));
    const extra = all.filter((w) => args.includes(w) && !asFlag(w));
    const words = all.filter((w) => !extra.includes(w));
    if (extra.length > 0) {
      const name = args.find((a) => !a.startsWith('-')) ?? '<command>';
      const scenario = options.includes('scenario') ? extra.find(isScenario) : undefined;
      return new UsageError(
        `unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((w) => `'${w}'`).join(', ')}` +
          (words.length > 0 ? `; ${unknownOptions(words)}` : ''),
        `'stancesim ${name} --help' shows the arguments it takes` +
          (scenario !== undefined ? `; a scenario goes with --scenario: --scenario ${scenario}` : ''),
      );
    }
    const guesses = words.flatMap((w) => {
      const close = didYouMean(w, options);
      return close ? [`--${w} → --${close}`] : [];
    });
    return new UsageError(
      unknownOptions(words),
      guesses.length === 0
        ? "run 'stancesim <command> --help' for the options"
        : words.length === 1
          ? `did you mean ${guesses[0]!.split(' → ')[1]}?`
          : `did you mean ${guesses.join(', ')}?`,
    );
  }
  return new UsageError(msg, "run 'stancesim --help' for usage");
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
