// `stancesim ensemble` (and `run --runs N`): N seeded replications, aggregated while they run, on
// worker threads; `--shard i/n` runs a slice for `stancesim merge`.

import { basename, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import {
  type Aggregate,
  createAggregate,
  type EnsembleDoc,
  type EnsembleMeta,
  ensembleDoc,
  mergePart,
  plainInput,
  replicationSeed,
  runsCsvHeader,
  shardJson,
  shardName,
  shardRange,
  type Task,
} from '../../ensemble/index.js';
import { actorsOf, type RecordOverlay } from '../../model/results.js';
import { hash128 } from '../../model/rng.js';
import { monthRange } from '../../model/time.js';
import type { ModelInput } from '../../model/types.js';
import type { ScenarioMeta } from '../../scenario/index.js';
import { type Context, version } from '../context.js';
import { UsageError } from '../errors.js';
import { code, compileScenario } from '../input-cache.js';
import { type OutputFiles, outputDir, StagedFile, stagedPath, writeAll, wrote } from '../io.js';
import { DATA, QUIET, WORKERS } from '../options.js';
import { defaultWorkers, replicationBlocks, type TaskPool, withPool } from '../pool.js';
import { type Progress, progress } from '../progress.js';
import { resolveScenario } from '../scenarios.js';
import {
  checkRung,
  type EnsembleChartArgs,
  ensembleChartOptions,
  ensembleFiles,
  printEnsemble,
} from './ensemble-output.js';

export const MAX_RUNS = 10_000_000;

export interface EnsembleArgs extends EnsembleChartArgs {
  scenario: string;
  runs: number;
  workers?: number;
  shard?: string;
  'keep-runs': boolean;
  quiet: boolean;
  rung: number;
  seed?: string;
  start?: string;
  end?: string;
  out?: string;
  data?: string;
  json: boolean;
}

/** The options of replication; `run` takes them too, so `run --runs N` is an ensemble. */
export function replicationOptions<T>(y: Argv<T>, defaultRuns: number): Argv<T & EnsembleArgs> {
  return y
    .option('runs', {
      alias: 'n',
      type: 'number',
      default: defaultRuns,
      describe: 'replications; replication r runs with seed <seed>/<r>',
    })
    .option('workers', WORKERS)
    .option('shard', {
      type: 'string',
      describe: 'run slice i of n (e.g. 2/4) and write a shard for `merge`',
    })
    .option('keep-runs', { type: 'boolean', default: false, describe: 'also write every path to runs.csv' })
    .option('quiet', QUIET)
    .option('rung', {
      type: 'number',
      default: 4,
      describe: 'k of the ensemble P(rung ≥ k) heatmap (its .vl.json lets readers switch)',
    }) as Argv<T & EnsembleArgs>;
}

export function checkCount(name: string, value: number, min: number, max: number, hint: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(
      `--${name} must be a whole number from ${min} to ${max.toLocaleString('en')}, not ${value}`,
      hint,
    );
  return value;
}

export function parseShard(text: string, runs: number): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const hint = "write i/n with 1 ≤ i ≤ n, e.g. '--shard 1/4' for the first of four slices";
  if (!m) throw new UsageError(`--shard '${text}' is not of the form i/n`, hint);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard ${text}: no slice ${index} of ${count}`, hint);
  if (count > runs)
    throw new UsageError(
      `--shard ${text}: ${count} slices of ${runs} runs leaves slices empty`,
      'use at most as many slices as runs',
    );
  return { index, count };
}

/** What identifies an ensemble's inputs: shards merge only with shards of the same. */
export function fingerprint(input: ModelInput): string {
  const events = input.events.map(({ origin: _origin, ...e }) => e);
  return hash128(JSON.stringify({ ...plainInput(input), events }));
}

export function ensembleCommand(ctx: Context): CommandModule<object, EnsembleArgs> {
  return {
    command: 'ensemble <scenario>',
    describe: 'Run N replications of a scenario: probabilities, bands and distributions',
    builder: (y) =>
      scenarioOptions(replicationOptions(ensembleChartOptions(y as Argv<object>), 1000))
        .example('$0 ensemble baseline --runs 10000', 'ten thousand replications on every core')
        .example('$0 ensemble isk-surge -n 2000 --rung 5 --workers 1', 'P(rung ≥ 5) heatmap, single thread')
        .example(
          '$0 ensemble baseline -n 100000 --shard 3/4 -o out/s3',
          'the third of four slices, for `merge`',
        ),
    handler: (argv) => runEnsemble(ctx, argv),
  };
}

export function scenarioOptions<T>(y: Argv<T>): Argv<T & EnsembleArgs> {
  return y
    .positional('scenario', {
      type: 'string',
      demandOption: true,
      describe: 'scenario file, or the name of a shipped scenario',
    })
    .option('seed', { type: 'string', describe: "override the scenario's seed" })
    .option('start', {
      type: 'string',
      describe: 'first month (YYYY-MM); countries start at their observed rung then',
    })
    .option('end', { type: 'string', describe: 'last month (YYYY-MM)' })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe: 'output directory [default: out/<scenario name>; none with --json]',
    })
    .option('data', DATA)
    .option('json', {
      type: 'boolean',
      default: false,
      describe: "print the summary (or an ensemble's headline numbers) as JSON on stdout",
    }) as Argv<T & EnsembleArgs>;
}

export async function runEnsemble(ctx: Context, argv: EnsembleArgs): Promise<void> {
  const runs = checkCount('runs', argv.runs, 1, MAX_RUNS, 'e.g. --runs 1000');
  const workers = checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
  const shard = argv.shard === undefined ? undefined : parseShard(argv.shard, runs);
  checkRung(argv.rung);
  if (argv.json && argv.out === undefined && (shard || argv['keep-runs']))
    throw new UsageError(
      `${shard ? '--shard' : '--keep-runs'} writes files, and --json without --out writes none`,
      'give the directory with --out',
    );
  if (shard && argv['keep-runs'])
    throw new UsageError(
      '--keep-runs cannot be combined with --shard',
      'keep the runs of a single, unsharded ensemble',
    );

  // threads start with the first batch of tasks worth them (pool.ts)
  await withPool(workers, async (pool) => {
    const compiled = await compileScenario(ctx, resolveScenario(ctx, argv.scenario), argv);
    const { input } = compiled;
    const meta = ensembleMeta(compiled.meta, input, runs, compiled.record);
    const out = outputDir(argv, join('out', meta.scenario || basename(argv.scenario)));
    const [from, to] = shard ? shardRange(shard.index, shard.count, runs) : [0, runs];
    const staged = argv['keep-runs'] && out ? new StagedFile(stagedPath(out, 'runs.csv')) : undefined;
    try {
      staged?.append(runsCsvHeader(meta.countries));
      const bar = progress(ctx, to - from, 'runs', argv.quiet);
      const { aggregate: agg } = await replicate(input, from, to, {
        pool,
        workers,
        bar,
        chartsNext: !shard && out !== undefined && argv.charts,
        ...(staged ? { staged } : {}),
      });
      bar.done();
      const doc = shard ? undefined : toDoc(meta, agg);
      if (out) {
        const files: OutputFiles = doc
          ? await ensembleFiles(meta, doc, argv, pool)
          : { [shardName(shard!)]: shardJson(meta, { ...shard!, from, to }, agg, build()) };
        if (staged) files['runs.csv'] = staged;
        const written = writeAll(out, files);
        ctx.err(
          wrote(
            written.length,
            out,
            `${to - from} runs, seeds ${replicationSeed(input.seed, from)} … ${replicationSeed(input.seed, to - 1)}`,
          ),
        );
      }
      if (doc) printEnsemble(ctx, doc, argv.json);
    } catch (e) {
      staged?.discard();
      throw e;
    }
  });
}

/** What an ensemble's document says about its scenario; `record` is the observed record over its period. */
export function ensembleMeta(
  scenario: ScenarioMeta,
  input: ModelInput,
  runs: number,
  record?: RecordOverlay,
): EnsembleMeta {
  return {
    scenario: scenario.name,
    question: scenario.question,
    description: scenario.description,
    seed: input.seed,
    start: input.start,
    end: input.end,
    runs,
    overrides: scenario.overrides,
    fingerprint: fingerprint(input),
    countries: Object.keys(input.params.countries),
    actors: actorsOf(input.params),
    ...(record ? { record } : {}),
  };
}

/** The ensemble's document; the record of the meta (if any) goes last. */
export function toDoc(meta: EnsembleMeta, agg: Aggregate): EnsembleDoc {
  const { record, ...rest } = meta;
  const doc = ensembleDoc(agg, { ...rest, months: monthRange(meta.start, meta.end) });
  return record ? { ...doc, record } : doc;
}

export interface ReplicateOptions {
  pool: TaskPool;
  /** threads in the pool (sets the block size) */
  workers: number;
  bar: Progress;
  /** where kept runs go, in replication order */
  staged?: StagedFile;
  /** outcome texts to evaluate per replication */
  outcomes?: string[];
  /** charts are drawn next (the threads load Vega as they finish) */
  chartsNext?: boolean;
}

/** Run replications [from, to) over the workers: the merged aggregate, and outcome values by replication. */
export async function replicate(
  input: ModelInput,
  from: number,
  to: number,
  opts: ReplicateOptions,
): Promise<{ aggregate: Aggregate; values: Float64Array }> {
  const { staged, outcomes = [] } = opts;
  const plain = plainInput(input);
  const tasks: Task[] = replicationBlocks(from, to, opts.workers).map(([a, b]) => ({
    input: plain,
    from: a,
    to: b,
    aggregate: true,
    ...(staged ? { keepRuns: true } : {}),
    ...(outcomes.length > 0 ? { outcomes } : {}),
  }));
  const countries = Object.keys(input.params.countries).length;
  const aggregate = createAggregate(monthRange(input.start, input.end).length, countries);
  const values = new Float64Array((to - from) * outcomes.length);
  // kept runs are written in replication order, whatever order the tasks finish in
  const pending = new Map<number, string>();
  let next = 0;
  await opts.pool.run(
    tasks,
    (i, result) => {
      const task = tasks[i]!;
      if (result.aggregate) mergePart(aggregate, result.aggregate);
      if (result.values) values.set(result.values, (task.from - from) * outcomes.length);
      if (staged && result.runs !== undefined) {
        pending.set(i, result.runs);
        for (let text = pending.get(next); text !== undefined; text = pending.get(next)) {
          staged.append(text);
          pending.delete(next++);
        }
      }
      opts.bar.add(task.to - task.from);
    },
    { chartsNext: opts.chartsNext ?? false },
  );
  return { aggregate, values };
}

/** What a shard says ran it: the version, and the hash of the code that builds and runs the model. */
function build(): string {
  return `stancesim ${version()} ${code().slice(0, 16)}`;
}
