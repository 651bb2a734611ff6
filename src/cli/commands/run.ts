import { basename, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { summarize } from '../../analysis/summary.js';
import { simulate, toResultsDoc } from '../../model/index.js';
import type { Context } from '../context.js';
import { json, resultsCsv, resultsJson } from '../formats.js';
import { compileScenario } from '../input-cache.js';
import { type OutputFiles, outputDir, writeAll, wrote } from '../io.js';
import { resolveScenario } from '../scenarios.js';
import { type ChartArgs, chartFiles, chartOptions } from './chart.js';
import { type EnsembleArgs, replicationOptions, runEnsemble, scenarioOptions } from './ensemble.js';
import { printSummary } from './summary-text.js';

/** A run's options are an ensemble's (`--runs N` makes it one) plus the single-run chart kinds. */
interface RunArgs extends ChartArgs, Omit<EnsembleArgs, 'format'> {}

export function runCommand(ctx: Context): CommandModule<object, RunArgs> {
  return {
    command: 'run <scenario>',
    describe: 'Run a scenario once and write results, a summary and charts',
    builder: (y) =>
      scenarioOptions(replicationOptions(chartOptions(y as Argv<object>), 1))
        .option('charts', { type: 'boolean', default: true, describe: 'render charts (--no-charts to skip)' })
        .example(
          '$0 run scenarios/baseline.yaml --out out/baseline',
          'run the baseline, write results and charts',
        )
        .example(
          '$0 run isk-surge --seed 7 --start 2025-06',
          'a shipped what-if from the observed mid-2025 state',
        )
        .example(
          '$0 run baseline --json',
          'the summary as JSON on stdout, no files (add --out to write them)',
        )
        .example(
          '$0 run baseline --runs 10000',
          'an ensemble (same as `stancesim ensemble`)',
        ) as Argv<RunArgs>,
    handler: async (argv) => {
      if (argv.runs !== 1 || argv.shard !== undefined) return runEnsemble(ctx, argv);
      const { meta, input, record } = await compileScenario(ctx, resolveScenario(ctx, argv.scenario), argv);
      const result = simulate(input);
      const doc = { ...toResultsDoc(result, input.params), ...(record ? { record } : {}) };
      const summary = summarize(result, meta.question);
      // everything is computed before anything is written
      const files: OutputFiles = {
        'results.csv': resultsCsv(doc),
        'results.json': resultsJson(doc),
        'summary.json': json(summary),
        'scenario.json': json({ ...meta, seed: input.seed, start: input.start, end: input.end }),
      };
      const out = outputDir(argv, join('out', meta.name || basename(argv.scenario)));
      if (out && argv.charts) Object.assign(files, await chartFiles(doc, argv));
      const written = out ? writeAll(out, files) : [];
      if (argv.json) ctx.out(json(summary));
      else printSummary(ctx, summary, record);
      if (out) ctx.err(wrote(written.length, out, `seed ${input.seed}`));
    },
  };
}
