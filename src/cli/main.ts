// The command line: yargs wiring, and the one place that turns failures into messages and exit codes
// (0 ok, 1 runtime failure, 2 usage error or invalid input). Stack traces only with --debug.

import yargs from 'yargs';
// errors.js, not index.js: the index pulls in mathjs, which `--help` should not pay for
import { formatDiagnostics, ScenarioError } from '../scenario/errors.js';
import { cacheCommand } from './commands/cache.js';
import { chartCommand } from './commands/chart.js';
import { compareCommand } from './commands/compare.js';
import { describeCommand } from './commands/describe.js';
import { ensembleCommand } from './commands/ensemble.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { discoverCommand, sensitivityCommand, sweepCommand } from './commands/study.js';
import { InvalidFiles, validateCommand } from './commands/validate.js';
import {
  backtestCommand,
  calibrateCommand,
  explainCommand,
  forecastCommand,
  scoreCommand,
} from './commands/validation.js';
import { type Context, processContext, version } from './context.js';
import { EXIT, UsageError, usageError } from './errors.js';
import { testScale } from './scale.js';
import { resolveScenario } from './scenarios.js';

export function buildCli(argv: string[], ctx: Context) {
  return withoutHelpCache(
    yargs(argv)
      .scriptName('stancesim')
      // yargs' messages in English like the rest of the tool, not in the user's locale beside ours
      .locale('en')
      .usage('$0 <command> [options]\n\nScenario and stance modeling: countries and the Taliban government.')
      .command(runCommand(ctx))
      .command(ensembleCommand(ctx))
      .command(mergeCommand(ctx))
      .command(compareCommand(ctx))
      .command(reportCommand(ctx))
      .command(sweepCommand(ctx))
      .command(sensitivityCommand(ctx))
      .command(discoverCommand(ctx))
      .command(backtestCommand(ctx))
      .command(calibrateCommand(ctx))
      .command(forecastCommand(ctx))
      .command(scoreCommand(ctx))
      .command(explainCommand(ctx))
      .command(listCommand(ctx))
      .command(validateCommand(ctx))
      .command(describeCommand(ctx))
      .command(chartCommand(ctx))
      .command(cacheCommand(ctx))
      .option('debug', { type: 'boolean', default: false, describe: 'show stack traces on errors' })
      .middleware((argv) => testScale(argv, ctx), true)
      .demandCommand(1, 'Specify a command')
      .recommendCommands()
      .strict()
      .help()
      .alias('h', 'help')
      .version(version())
      // to a terminal, at its width (at most 110); to a pipe or a file, unwrapped: each example one line
      .wrap(process.stdout.isTTY ? Math.min(110, process.stdout.columns || 110) : null)
      .epilogue(
        'Exit codes: 0 ok, 1 runtime failure, 2 usage error or invalid input. Docs: README.md, docs/MODEL.md, docs/SCENARIOS.md',
      )
      .exitProcess(false)
      .fail((msg, err, y) => {
        // the third argument is yargs' usage object: its descriptions name the command's options
        throw (
          err ??
          usageError(
            msg,
            Object.keys((y as unknown as { getDescriptions(): object }).getDescriptions()),
            argv,
            // a scenario when it resolves to one (resolveScenario throws when it does not)
            (word) => {
              try {
                resolveScenario(ctx, word);
                return true;
              } catch {
                return false;
              }
            },
          )
        );
      }),
  );
}

/** yargs renders the whole help text as every command starts (~45 ms of a 0.4 s run), kept in case
 * the command fails later and the help is shown then; here a failure reaches main() as an error and
 * never shows the help, so the help is rendered only when asked for (--help). Internal API of yargs
 * 17–18 (usage.cacheHelpMessage); test/cli/help.test.ts fails if it goes away. */
function withoutHelpCache<T>(y: T): T {
  type Internal = { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } };
  (y as unknown as Internal).getInternalMethods().getUsageInstance().cacheHelpMessage = () => {};
  return y;
}

export async function main(argv: string[], ctx: Context = processContext): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    // try/await, not .catch(): yargs throws validation failures synchronously
    await buildCli(argv, ctx).parseAsync();
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ScenarioError) {
      ctx.err(`${formatDiagnostics(e.diagnostics)}\n`);
      return EXIT.usage;
    }
    if (e instanceof InvalidFiles) {
      ctx.err(`stancesim: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof UsageError) {
      ctx.err(`stancesim: error: ${e.message}\n${e.hint ? `  hint: ${e.hint}\n` : ''}`);
      return EXIT.usage;
    }
    const err = e as Error;
    // the model's last line of defence (src/model/check.ts), also when it comes back from a worker
    if (err?.message?.startsWith('non-finite ')) {
      const { parametersSet } = await import('./input-cache.js');
      ctx.err(
        `stancesim: internal error: ${err.message}\n  parameters set: ${parametersSet.length > 0 ? parametersSet.join(', ') : 'none (the shipped data)'}\n  hint: please report it with the scenario file; validation should have refused these values\n${debug ? `${err.stack}\n` : ''}`,
      );
      return EXIT.failure;
    }
    ctx.err(
      `stancesim: error: ${err.message}\n${debug ? `${err.stack}\n` : '  (run with --debug for the stack trace)\n'}`,
    );
    return EXIT.failure;
  }
}
