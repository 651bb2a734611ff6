// `stancesim compare a b [...]`: ensembles of several scenarios under common random numbers, the
// paired differences of chosen outcomes, and the parameters that differ.

import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import {
  type CompareArm,
  type CompareDoc,
  compareDoc,
  defaultOutcomes,
  OutcomeError,
  outcomeContext,
  parseOutcome,
} from '../../ensemble/index.js';
import { csvTable } from '../../model/results.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { json } from '../formats.js';
import { type CompiledScenario, compileScenario } from '../input-cache.js';
import { type OutputFiles, outputDir, writeAll, wrote } from '../io.js';
import { DATA, QUIET, WORKERS } from '../options.js';
import { defaultWorkers, withPool } from '../pool.js';
import { progress } from '../progress.js';
import { resolveScenario } from '../scenarios.js';
import { checkCount, ensembleMeta, MAX_RUNS, replicate, toDoc } from './ensemble.js';
import { type EnsembleChartArgs, ensembleChartOptions, specFiles } from './ensemble-output.js';

interface CompareArgs extends EnsembleChartArgs {
  scenarios: string[];
  runs: number;
  workers?: number;
  outcome?: string[];
  seed?: string;
  start?: string;
  end?: string;
  out?: string;
  data?: string;
  quiet: boolean;
  json: boolean;
}

/** Outcomes as given, checked against the runs' shape; errors name the option. */
export function checkOutcomes(
  texts: string[],
  ctx: Parameters<typeof parseOutcome>[1],
): ReturnType<typeof parseOutcome>[] {
  return texts.map((text) => {
    try {
      return parseOutcome(text, ctx);
    } catch (e) {
      if (e instanceof OutcomeError) throw new UsageError(`--outcome: ${e.message}`, e.hint);
      throw e;
    }
  });
}

export function outcomeOption<T>(y: Argv<T>): Argv<T & { outcome?: string[] }> {
  return y.option('outcome', {
    type: 'string',
    array: true,
    describe:
      "outcome measures: <measure>[@YYYY-MM] [>= x], e.g. 'recognizers@2028-12 >= 5', 'west_at_least_4 >= 1', 'power_kandahar' [default: a standard set]",
  }) as Argv<T & { outcome?: string[] }>;
}

export interface Arm extends CompiledScenario {
  arg: string;
  file: string;
}

/** Load the scenarios as `compare` does: the first one's seed (or --seed) for all, the same months. */
export async function loadArms(
  ctx: Context,
  scenarios: string[],
  argv: {
    seed?: string | undefined;
    start?: string | undefined;
    end?: string | undefined;
    data?: string | undefined;
  },
): Promise<Arm[]> {
  const files = scenarios.map((arg) => ({ arg, file: resolveScenario(ctx, arg) }));
  const opts = { start: argv.start, end: argv.end, data: argv.data };
  const arms: Arm[] = [];
  for (const f of files)
    arms.push({
      ...f,
      ...(await compileScenario(ctx, f.file, { ...opts, seed: arms[0]?.input.seed ?? argv.seed })),
    });
  const head = arms[0]!;
  const other = arms.find((a) => a.input.start !== head.input.start || a.input.end !== head.input.end);
  if (other)
    throw new UsageError(
      `${other.arg} runs ${other.input.start}..${other.input.end}, ${head.arg} ${head.input.start}..${head.input.end}`,
      `paired runs need the same months: give --start ${arms
        .map((a) => a.input.start)
        .sort()
        .at(-1)} (the latest start), and --end if the ends differ`,
    );
  const names = arms.map((a) => a.meta.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined)
    throw new UsageError(
      `two scenarios share the name '${twice}'`,
      'set a distinct `name:` in one of the files',
    );
  return arms;
}

export function compareCommand(ctx: Context): CommandModule<object, CompareArgs> {
  return {
    command: 'compare <scenarios..>',
    describe: 'Compare scenarios under common random numbers: paired differences and what differs',
    builder: (y) =>
      outcomeOption(ensembleChartOptions(y as Argv<object>))
        .positional('scenarios', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'two or more scenarios; the first is the reference',
        })
        .option('runs', { alias: 'n', type: 'number', default: 1000, describe: 'replications per scenario' })
        .option('workers', WORKERS)
        .option('seed', { type: 'string', describe: "common seed [default: the first scenario's]" })
        .option('start', { type: 'string', describe: 'first month for every scenario (YYYY-MM)' })
        .option('end', { type: 'string', describe: 'last month for every scenario (YYYY-MM)' })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'output directory [default: out/compare-<a>-<b>…; none with --json]',
        })
        .option('data', DATA)
        .option('quiet', QUIET)
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'print the differences as JSON on stdout',
        })
        .example(
          '$0 compare baseline reform-before-recognition --start 2025-06 -n 2000',
          'what conditional recognition changes',
        )
        .example(
          "$0 compare baseline isk-surge --start 2025-06 --outcome 'recognizers@2028-12 >= 3' 'west_at_least_3 >= 1'",
          'chosen outcomes',
        ) as Argv<CompareArgs>,
    handler: async (argv) => {
      const runs = checkCount(
        'runs',
        argv.runs,
        2,
        MAX_RUNS,
        'paired intervals need at least 2 runs, e.g. --runs 1000',
      );
      const workers = checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
      if (argv.scenarios.length < 2)
        throw new UsageError(
          'compare needs at least two scenarios',
          'e.g. stancesim compare baseline isk-surge',
        );
      const loaded = await loadArms(ctx, argv.scenarios, argv);
      const inputs = loaded.map((l) => l.input);
      const [first] = inputs;
      const seed = first!.seed;
      const outcomeCtx = outcomeContext(first!);
      const outcomes = checkOutcomes(argv.outcome ?? defaultOutcomes(outcomeCtx), outcomeCtx);
      const texts = outcomes.map((o) => o.text);

      const bar = progress(ctx, runs * inputs.length, 'runs', argv.quiet);
      const arms: CompareArm[] = [];
      await withPool(workers, async (pool) => {
        for (const [i, input] of inputs.entries()) {
          const { meta, file } = loaded[i]!;
          const { aggregate, values } = await replicate(input, 0, runs, {
            pool,
            workers,
            bar,
            outcomes: texts,
          });
          arms.push({
            name: meta.name,
            question: meta.question,
            file,
            params: input.params,
            events: meta.events,
            ensemble: toDoc(ensembleMeta(meta, input, runs, loaded[i]!.record), aggregate),
            values,
          });
        }
      });
      bar.done();
      const doc = compareDoc(
        seed,
        runs,
        outcomes.map(({ text, label, binary }) => ({ text, label, binary })),
        arms,
      );
      const out = outputDir(argv, join('out', `compare-${loaded.map((l) => l.meta.name).join('-')}`));
      if (out) {
        const files: OutputFiles = {
          'compare.json': json(doc),
          'differences.csv': differencesCsv(doc),
          'overrides.csv': overridesCsv(doc),
        };
        if (argv.charts) {
          const { buildStudyCharts } = await import('../../charts/index.js');
          Object.assign(files, await specFiles(buildStudyCharts(doc), argv.format));
        }
        const written = writeAll(out, files);
        ctx.err(wrote(written.length, out, `${runs} paired runs, seeds ${seed}/0 …`));
      }
      if (argv.json) ctx.out(json(doc.differences));
      else printDifferences(ctx, doc);
    },
  };
}

function differencesCsv(doc: CompareDoc): string {
  return csvTable(
    [
      'seed',
      'runs',
      'outcome',
      'reference',
      'scenario',
      'reference_mean',
      'scenario_mean',
      'difference',
      'lo',
      'hi',
    ],
    doc.differences.map((d) => [
      doc.seed,
      doc.runs,
      d.outcome.text,
      d.reference,
      d.scenario,
      d.reference_mean,
      d.scenario_mean,
      d.difference,
      d.lo,
      d.hi,
    ]),
  );
}

function overridesCsv(doc: CompareDoc): string {
  const names = doc.scenarios.map((s) => s.name);
  return csvTable(
    ['path', ...names],
    doc.overrides.map((o) => [o.path, ...names.map((n) => o.values[n] ?? '')]),
  );
}

function printDifferences(ctx: Context, doc: CompareDoc): void {
  const fmt = (x: number, binary: boolean) => (binary ? `${(100 * x).toFixed(1)}%` : x.toFixed(3));
  // differences of probabilities are in percentage points
  const diff = (x: number, binary: boolean) => (binary ? `${(100 * x).toFixed(1)} pp` : x.toFixed(3));
  const lines = [
    `${doc.runs} paired runs per scenario (common seeds ${doc.seed}/0 …); reference: ${doc.scenarios[0]!.name}`,
    '',
  ];
  for (const d of doc.differences) {
    const b = d.outcome.binary;
    const sign = d.difference >= 0 ? '+' : '';
    const clear = d.lo > 0 || d.hi < 0 ? '' : '  (interval spans 0)';
    lines.push(
      `  ${d.outcome.text}`,
      `    ${d.reference} ${fmt(d.reference_mean, b)} → ${d.scenario} ${fmt(d.scenario_mean, b)}: ${sign}${diff(d.difference, b)} [95% ${diff(d.lo, b)} … ${diff(d.hi, b)}]${clear}`,
    );
  }
  lines.push(
    '',
    `  parameters that differ: ${doc.overrides.length === 0 ? 'none' : doc.overrides.map((o) => o.path).join(', ')}`,
    '',
  );
  ctx.out(lines.join('\n'));
}
