// `stancesim sweep | sensitivity | discover`: designs over a scenario's factors (its `sweep:` block or
// --factor), each design point run `--runs` times with the same seeds (common random numbers), and the
// outcomes reduced to a table, sensitivity indices or a PRIM box.

import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { OutcomeRef, Override, StudyMeta, Task } from '../../ensemble/index.js';
import { defaultOutcomes, outcomeContext, plainInput } from '../../ensemble/index.js';
import { csvTable } from '../../model/results.js';
import { createStream } from '../../model/rng.js';
import type { ModelInput } from '../../model/types.js';
import type { LoadedScenario, SweepFactor } from '../../scenario/index.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { json } from '../formats.js';
import { fsReader, type OutputFiles, outputDir, writeAll, wrote } from '../io.js';
import { DATA, QUIET, WORKERS } from '../options.js';
import { blocks, defaultWorkers, withPool } from '../pool.js';
import { type Progress, progress } from '../progress.js';
import { loadModelData, resolveScenario, scenarioLayer } from '../scenarios.js';
import { checkOutcomes, outcomeOption } from './compare.js';
import { checkCount } from './ensemble.js';
import { type EnsembleChartArgs, ensembleChartOptions, specFiles } from './ensemble-output.js';

/** Model runs one study may ask for; beyond this a mistyped size is more likely than a real need. */
const MAX_EVALUATIONS = 50_000_000;

interface StudyArgs extends EnsembleChartArgs {
  scenario: string;
  factor?: string[];
  outcome?: string[];
  runs: number;
  workers?: number;
  seed?: string;
  start?: string;
  end?: string;
  out?: string;
  data?: string;
  quiet: boolean;
  json: boolean;
}

function studyOptions<T>(y: Argv<T>, runs: number): Argv<T & StudyArgs> {
  return outcomeOption(ensembleChartOptions(y))
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file or shipped name' })
    .option('factor', {
      alias: 'f',
      type: 'string',
      array: true,
      describe:
        "factors instead of the scenario's sweep: block: path=lo:hi, path=a,b,c, path=normal(m,sd), path=triangular(a,m,b)",
    })
    .option('runs', { alias: 'n', type: 'number', default: runs, describe: 'replications per design point' })
    .option('workers', WORKERS)
    .option('seed', { type: 'string', describe: "override the scenario's seed (it seeds the design too)" })
    .option('start', { type: 'string', describe: 'first month (YYYY-MM)' })
    .option('end', { type: 'string', describe: 'last month (YYYY-MM)' })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe: 'output directory [default: out/<scenario>-<command>; none with --json]',
    })
    .option('data', DATA)
    .option('quiet', QUIET)
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'print the result as JSON on stdout',
    }) as Argv<T & StudyArgs>;
}

interface Study {
  scenario: LoadedScenario;
  /** what every study document says of its runs: scenario, seed, replications, period, record's end */
  meta: StudyMeta;
  input: ModelInput;
  factors: SweepFactor[];
  outcomes: (OutcomeRef & { text: string })[];
  runs: number;
  workers: number;
  /** the design's random stream: seeded by the scenario seed and the command */
  rand: () => number;
  /** undefined: --json without --out, nothing written */
  out: string | undefined;
}

async function prepare(ctx: Context, argv: StudyArgs, command: string): Promise<Study> {
  const runs = checkCount('runs', argv.runs, 1, 1_000_000, 'e.g. --runs 20');
  const workers = checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
  const { buildInput, loadScenario, parseFactorArg } = await scenarioLayer();
  const data = await loadModelData(ctx, argv.data);
  const scenario = loadScenario(resolveScenario(ctx, argv.scenario), fsReader, data);
  const input = buildInput(scenario, data, { seed: argv.seed, start: argv.start, end: argv.end });
  const factors = argv.factor ? argv.factor.map((t) => parseFactorArg(t, input.params)) : scenario.sweep;
  if (factors.length === 0)
    throw new UsageError(
      `${scenario.meta.file} declares no factors to vary`,
      "add a `sweep:` block to the scenario (docs/SCENARIOS.md) or give --factor, e.g. --factor 'decision.first_mover=0:3'",
    );
  const paths = factors.map((f) => f.path);
  const twice = paths.find((p, i) => paths.indexOf(p) !== i);
  if (twice) throw new UsageError(`factor '${twice}' is given twice`, 'give each parameter once');
  const ctxOutcome = outcomeContext(input);
  const outcomes = checkOutcomes(argv.outcome ?? defaultOutcomes(ctxOutcome), ctxOutcome).map(
    ({ text, label, binary }) => ({ text, label, binary }),
  );
  const stream = createStream(input.seed, 'design', command);
  // where the record ends, when the runs start by then: they replay it up to there (or start from it)
  const { lastObservedMonth } = await import('../../validation/observed.js');
  const recordEnd = data.observations.some((o) => o.kind === 'stance')
    ? lastObservedMonth(data.observations)
    : undefined;
  return {
    scenario,
    meta: {
      scenario: scenario.meta.name,
      seed: input.seed,
      runs,
      start: input.start,
      end: input.end,
      ...(recordEnd && recordEnd >= input.start ? { record_end: recordEnd } : {}),
    },
    input,
    factors,
    outcomes,
    runs,
    workers,
    rand: () => stream.double(),
    out: outputDir(argv, join('out', `${scenario.meta.name}-${command}`)),
  };
}

function checkSize(points: number, runs: number, what: string): void {
  if (points * runs > MAX_EVALUATIONS)
    throw new UsageError(
      `${what}: ${points.toLocaleString('en')} design points × ${runs} runs is ${(points * runs).toLocaleString('en')} model runs (at most ${MAX_EVALUATIONS.toLocaleString('en')})`,
      'use fewer points, factors or runs; or split the study',
    );
}

/** Run every design point `runs` times: outcome values [(point · runs + rep) · outcomes + k]. */
async function evaluate(study: Study, points: Override[][], bar: Progress): Promise<Float64Array> {
  const { runs, outcomes, workers } = study;
  const plain = plainInput(study.input);
  const texts = outcomes.map((o) => o.text);
  const per = Math.max(1, Math.ceil(points.length / (workers * 8)));
  const tasks: Task[] = blocks(0, points.length, per).map(([a, b]) => ({
    input: plain,
    from: 0,
    to: runs,
    points: points.slice(a, b),
    outcomes: texts,
  }));
  const values = new Float64Array(points.length * runs * outcomes.length);
  const starts = blocks(0, points.length, per).map(([a]) => a);
  await withPool(workers, (pool) =>
    pool.run(tasks, (i, result) => {
      values.set(result.values!, starts[i]! * runs * outcomes.length);
      bar.add(tasks[i]!.points!.length * runs);
    }),
  );
  return values;
}

function csv(rows: Record<string, number | boolean | string>[]): string {
  const head = Object.keys(rows[0] ?? {});
  return csvTable(
    head,
    rows.map((r) => head.map((h) => r[h]!)),
  );
}

async function finish(
  ctx: Context,
  study: Study,
  argv: StudyArgs,
  files: OutputFiles,
  result: unknown,
): Promise<void> {
  if (study.out) {
    const written = writeAll(study.out, files);
    ctx.err(wrote(written.length, study.out, `seeds ${study.input.seed}/0 … per point`));
  }
  if (argv.json) ctx.out(json(result));
}

// ---------------------------------------------------------------------------------------------- sweep

interface SweepArgs extends StudyArgs {
  design: 'factorial' | 'lhs';
  points: number;
}

export function sweepCommand(ctx: Context): CommandModule<object, SweepArgs> {
  return {
    command: 'sweep <scenario>',
    describe: 'Run a factorial or Latin hypercube design over parameters: one row per design point',
    builder: (y) =>
      studyOptions(y as Argv<object>, 20)
        .option('design', {
          type: 'string',
          choices: ['factorial', 'lhs'] as const,
          default: 'factorial' as const,
        })
        .option('points', { type: 'number', default: 50, describe: 'design points of a Latin hypercube' })
        .example(
          "$0 sweep baseline --factor 'decision.first_mover=0:3' --factor 'mechanisms.emboldening.enabled=true,false'",
          '3 × 2 factorial',
        )
        .example(
          '$0 sweep hypothesis-emboldening --design lhs --points 200 -n 10',
          "the scenario's sweep: block",
        ) as Argv<SweepArgs>,
    handler: async (argv) => {
      const study = await prepare(ctx, argv, 'sweep');
      const s = await import('../../ensemble/study.js');
      const { factorLevels } = await scenarioLayer();
      const size =
        argv.design === 'lhs'
          ? checkCount('points', argv.points, 1, 1_000_000, 'e.g. --points 100')
          : study.factors.reduce((n, f) => n * factorLevels(f).length, 1);
      checkSize(size, study.runs, 'sweep');
      const values =
        argv.design === 'factorial'
          ? s.factorialValues(study.factors)
          : s.latinValues(study.factors, argv.points, study.rand);
      const bar = progress(ctx, values.length * study.runs, 'runs', argv.quiet);
      const raw = await evaluate(study, s.overridesOf(study.factors, values), bar);
      bar.done();
      const means = s.pointMeans(raw, values.length, study.runs, study.outcomes.length);
      const rows = s.sweepRows(study.factors, values, means, study.outcomes);
      const doc = {
        kind: 'sweep',
        ...study.meta,
        design: argv.design,
        factors: s.factorInfo(study.factors),
        outcomes: study.outcomes,
        rows,
      };
      await finish(ctx, study, argv, { 'sweep.json': json(doc), 'sweep.csv': csv(rows) }, doc);
      if (!argv.json && study.out)
        ctx.out(`${values.length} design points × ${study.runs} runs: see ${join(study.out, 'sweep.csv')}\n`);
    },
  };
}

// ---------------------------------------------------------------------------------------------- sensitivity

interface SensitivityArgs extends StudyArgs {
  method: 'morris' | 'sobol';
  trajectories: number;
  levels: number;
  samples: number;
}

export function sensitivityCommand(ctx: Context): CommandModule<object, SensitivityArgs> {
  return {
    command: 'sensitivity <scenario>',
    describe: 'Morris elementary effects or Sobol indices of the factors, with bootstrap intervals',
    builder: (y) =>
      studyOptions(y as Argv<object>, 10)
        .option('method', {
          type: 'string',
          choices: ['morris', 'sobol'] as const,
          default: 'morris' as const,
        })
        .option('trajectories', {
          type: 'number',
          default: 20,
          describe: 'Morris: trajectories r (r·(k+1) points)',
        })
        .option('levels', { type: 'number', default: 4, describe: 'Morris: grid levels p (even)' })
        .option('samples', {
          type: 'number',
          default: 256,
          describe: 'Sobol: base sample n (n·(k+2) points)',
        })
        .example('$0 sensitivity hypothesis-emboldening', 'Morris screening of the scenario’s sweep: factors')
        .example(
          "$0 sensitivity baseline -f 'decision.rights=0.5:1.5' -f 'decision.peers=0.5:1.5' --method sobol --samples 512",
          'Sobol indices',
        ) as Argv<SensitivityArgs>,
    handler: async (argv) => {
      const study = await prepare(ctx, argv, `sensitivity-${argv.method}`);
      const s = await import('../../ensemble/study.js');
      const { morrisDesign, saltelliDesign } = await import('../../explore/index.js');
      const k = study.factors.length;
      // sizes are checked before a design is drawn: a mistyped --samples must not allocate first
      const morris = argv.method === 'morris';
      const r = morris
        ? checkCount('trajectories', argv.trajectories, 2, 100_000, 'e.g. --trajectories 20')
        : 0;
      const n = morris ? 0 : checkCount('samples', argv.samples, 2, 10_000_000, 'e.g. --samples 256');
      checkSize(morris ? r * (k + 1) : n * (k + 2), study.runs, 'sensitivity');
      const design = morris
        ? morrisDesign(k, r, checkLevels(argv.levels), study.rand)
        : saltelliDesign(n, k, study.rand);
      const values = s.valuesAt(study.factors, design.points);
      const bar = progress(ctx, values.length * study.runs, 'runs', argv.quiet);
      const raw = await evaluate(study, s.overridesOf(study.factors, values), bar);
      bar.done();
      const means = s.pointMeans(raw, values.length, study.runs, study.outcomes.length);
      const { meta } = study;
      const doc =
        argv.method === 'morris'
          ? s.morrisDoc(
              meta,
              study.factors,
              design as Parameters<typeof s.morrisDoc>[2],
              means,
              study.outcomes,
              study.rand,
            )
          : s.sobolDoc(
              meta,
              study.factors,
              design as Parameters<typeof s.sobolDoc>[2],
              means,
              study.outcomes,
              study.rand,
            );
      const rows = doc.outcomes.flatMap((o) => o.indices.map((ix) => ({ outcome: o.outcome.text, ...ix })));
      const files: OutputFiles = { 'sensitivity.json': json(doc), 'sensitivity.csv': csv(rows) };
      if (argv.charts && study.out) {
        const { buildStudyCharts } = await import('../../charts/index.js');
        Object.assign(files, await specFiles(buildStudyCharts(doc), argv.format));
      }
      await finish(ctx, study, argv, files, doc);
      if (!argv.json) printIndices(ctx, doc);
      const shaky = doc.unreliable ?? [];
      if (shaky.length > 0)
        ctx.err(
          `stancesim: warning: ${shaky.length} of ${2 * k * doc.outcomes.length} Sobol intervals are too wide to read (wider than 0.2 or outside [−0.05, 1.05]), e.g. ${shaky
            .slice(0, 3)
            .map(
              (u) =>
                `${u.outcome}: ${u.factor} ${u.index.toUpperCase()} [${u.lo.toFixed(3)}, ${u.hi.toFixed(3)}]`,
            )
            .join('; ')}; give more --samples (now ${n})\n`,
        );
    },
  };
}

function checkLevels(p: number): number {
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0 || p > 100)
    throw new UsageError(`--levels must be an even whole number from 2 to 100, not ${p}`, 'e.g. --levels 4');
  return p;
}

function printIndices(ctx: Context, doc: import('../../ensemble/docs.js').SensitivityDoc): void {
  const lines = [
    `${doc.method === 'morris' ? 'Morris' : 'Sobol'}: ${doc.points} points × ${doc.runs} runs`,
    '',
  ];
  for (const o of doc.outcomes) {
    lines.push(`  ${o.outcome.text}`);
    const sorted = [...o.indices].sort((a, b) => (b.mu_star ?? b.st ?? 0) - (a.mu_star ?? a.st ?? 0));
    for (const ix of sorted)
      lines.push(
        doc.method === 'morris'
          ? `    ${ix.factor.padEnd(40)} μ* ${ix.mu_star!.toFixed(3)} [${ix.mu_star_lo!.toFixed(3)}, ${ix.mu_star_hi!.toFixed(3)}]  σ ${ix.sigma!.toFixed(3)}`
          : `    ${ix.factor.padEnd(40)} S1 ${ix.s1!.toFixed(3)} [${ix.s1_lo!.toFixed(3)}, ${ix.s1_hi!.toFixed(3)}]  ST ${ix.st!.toFixed(3)} [${ix.st_lo!.toFixed(3)}, ${ix.st_hi!.toFixed(3)}]`,
      );
  }
  ctx.out(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------- discover

interface DiscoverArgs extends StudyArgs {
  points: number;
  threshold: number;
}

export function discoverCommand(ctx: Context): CommandModule<object, DiscoverArgs> {
  return {
    command: 'discover <scenario>',
    describe: 'PRIM scenario discovery: which factor ranges lead to an outcome',
    builder: (y) =>
      studyOptions(y as Argv<object>, 10)
        .option('points', { type: 'number', default: 500, describe: 'Latin hypercube design points' })
        .option('threshold', {
          type: 'number',
          default: 0.5,
          describe: 'a point is a case of interest when the outcome holds in at least this share of its runs',
        })
        .example(
          "$0 discover hypothesis-emboldening --outcome 'at_least_5@2030-12 >= 4'",
          'which factor ranges put four or more countries at ambassador level or above by 2030?',
        ) as Argv<DiscoverArgs>,
    handler: async (argv) => {
      if (argv.outcome?.length !== 1)
        throw new UsageError(
          'discover needs exactly one --outcome, an event',
          "e.g. --outcome 'at_least_5@2030-12 >= 4'",
        );
      if (!(argv.threshold > 0 && argv.threshold <= 1))
        throw new UsageError(`--threshold must be in (0, 1], not ${argv.threshold}`, 'e.g. --threshold 0.5');
      const study = await prepare(ctx, argv, 'discover');
      const outcome = study.outcomes[0]!;
      if (!outcome.binary)
        throw new UsageError(
          `--outcome '${outcome.text}' is a number, not an event`,
          `compare it, e.g. '${outcome.text} >= 1'`,
        );
      const points = checkCount('points', argv.points, 10, 1_000_000, 'e.g. --points 500');
      checkSize(points, study.runs, 'discover');
      const s = await import('../../ensemble/study.js');
      const values = s.latinValues(study.factors, points, study.rand);
      const bar = progress(ctx, points * study.runs, 'runs', argv.quiet);
      const raw = await evaluate(study, s.overridesOf(study.factors, values), bar);
      bar.done();
      const shares = s.pointMeans(raw, points, study.runs, 1).map((m) => m[0]!);
      const { meta } = study;
      const doc = s.discoverDoc(meta, study.factors, values, shares, argv.threshold, outcome);
      const files: OutputFiles = {
        'discover.json': json(doc),
        'discover.csv': csv(
          doc.trajectory.map((t) => ({
            step: t.step,
            coverage: t.coverage,
            density: t.density,
            n: t.n,
            box: t.box
              .map((b) =>
                b.values ? `${b.path} in {${b.values.join(',')}}` : `${b.lo} <= ${b.path} <= ${b.hi}`,
              )
              .join('; '),
          })),
        ),
      };
      // an outcome that holds at no design point, or at all of them, leaves PRIM nothing to separate:
      // say so instead of drawing an empty chart
      const nothing =
        doc.base_rate === 0
          ? `it holds at none of the ${points} design points: there is nothing for PRIM to find`
          : doc.base_rate === 1
            ? `it holds at all ${points} design points: no factor range makes a difference`
            : null;
      if (argv.charts && study.out && nothing === null) {
        const { buildStudyCharts } = await import('../../charts/index.js');
        Object.assign(files, await specFiles(buildStudyCharts(doc), argv.format));
      }
      await finish(ctx, study, argv, files, doc);
      if (nothing !== null)
        ctx.err(
          `stancesim: warning: '${outcome.text}': ${nothing}; no chart drawn. Widen the factor ranges, change --threshold (now ${argv.threshold}), or ask about another month or level\n`,
        );
      const chosenBox = doc.trajectory[doc.chosen]!;
      if (nothing === null && chosenBox.box.length === 0)
        ctx.err(
          `stancesim: warning: '${outcome.text}': the chosen box restricts no factor: the outcome does not depend on these ranges in a way PRIM can box\n`,
        );
      if (!argv.json) {
        const chosen = chosenBox;
        ctx.out(
          [
            `${outcome.text}: holds at ${(100 * doc.base_rate).toFixed(1)}% of ${points} design points`,
            `  box (step ${chosen.step}): coverage ${(100 * chosen.coverage).toFixed(1)}%, density ${(100 * chosen.density).toFixed(1)}%, ${chosen.n} points`,
            ...chosen.box.map(
              (b) =>
                `    ${b.values ? `${b.path} in {${b.values.join(', ')}}` : `${b.lo} ≤ ${b.path} ≤ ${b.hi}`}`,
            ),
            '',
          ].join('\n'),
        );
      }
    },
  };
}
