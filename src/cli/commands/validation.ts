// Does the model tell the truth? `backtest`, `calibrate`, `forecast`, `score` and `explain`.

import { basename, dirname, join, relative, resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import type { Argv, CommandModule } from 'yargs';
import { actorsOf, csvTable, type ModelParams, monthRange } from '../../model/index.js';
import type { ModelData } from '../../scenario/index.js';
import type { CalibrationParam } from '../../validation/calibrate.js';
import type {
  BacktestDoc,
  CalibrationDoc,
  CountryExplanation,
  FactionExplanation,
  ForecastDoc,
  RollingDoc,
} from '../../validation/docs.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { json } from '../formats.js';
import {
  fsReader,
  type OutputFiles,
  outputDir,
  readInputJson,
  readInputText,
  writeAll,
  wrote,
} from '../io.js';
import { DATA, QUIET, WORKERS } from '../options.js';
import { defaultWorkers, withPool } from '../pool.js';
import { progress } from '../progress.js';
import { loadModelData, resolveScenario, scenarioLayer } from '../scenarios.js';
import { checkCount, MAX_RUNS, replicate } from './ensemble.js';
import { type EnsembleChartArgs, ensembleChartOptions, specFiles } from './ensemble-output.js';

interface CommonArgs extends EnsembleChartArgs {
  runs: number;
  workers?: number;
  seed?: string;
  out?: string;
  data?: string;
  quiet: boolean;
  json: boolean;
}

function commonOptions<T>(y: Argv<T>, runs: number): Argv<T & CommonArgs> {
  return ensembleChartOptions(y)
    .option('runs', { alias: 'n', type: 'number', default: runs, describe: 'replications' })
    .option('workers', WORKERS)
    .option('seed', { type: 'string', describe: "override the scenario's seed" })
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
    }) as Argv<T & CommonArgs>;
}

async function charts(
  doc: Parameters<typeof import('../../charts/index.js')['buildValidationCharts']>[0],
  args: EnsembleChartArgs,
): Promise<OutputFiles> {
  if (!args.charts) return {};
  const { buildValidationCharts } = await import('../../charts/index.js');
  return specFiles(buildValidationCharts(doc) as { kind: string; spec: TopLevelSpec }[], args.format);
}

/** The scenario over an explicit window, with the data it was built from. */
async function load(
  ctx: Context,
  scenarioArg: string,
  argv: { seed?: string; data?: string },
  window: (data: ModelData) => { start?: string | undefined; end?: string | undefined },
) {
  const layer = await scenarioLayer();
  const data = await loadModelData(ctx, argv.data);
  const file = resolveScenario(ctx, scenarioArg);
  const scenario = layer.loadScenario(file, fsReader, data);
  const { start, end } = window(data);
  const input = layer.buildInput(scenario, data, { seed: argv.seed, start, end });
  return { layer, data, file, scenario, input };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The ranges a fit refits: --param, or the scenario's sweep: block; lists and an empty set refused. */
function fittedRanges(
  loaded: Awaited<ReturnType<typeof load>>,
  param: string[] | undefined,
  words: { fits: string; nothing: string },
): CalibrationParam[] {
  const { layer, scenario, input } = loaded;
  const factors = param ? param.map((t) => layer.parseFactorArg(t, input.params)) : scenario.sweep;
  const params = factors.map((f) => {
    if (f.kind !== 'range')
      throw new UsageError(`'${f.path}' is a ${f.kind} factor; ${words.fits}`, `give it as ${f.path}=lo:hi`);
    return { path: f.path, lo: f.lo, hi: f.hi };
  });
  if (params.length === 0)
    throw new UsageError(
      words.nothing,
      'give --param path=lo:hi, or a scenario with a sweep: block of ranges',
    );
  return params;
}

/** The σ of the offsets' prior, or a usage error. */
function checkSigma(sigma: number): number {
  if (!(sigma > 0 && sigma <= 3))
    throw new UsageError(`--sigma ${sigma} is out of range`, 'a number in (0, 3] rungs, e.g. --sigma 0.5');
  return sigma;
}

/** The observed rungs and listings over the input's window, [country][month]. */
async function observedRecord(data: ModelData, input: { params: ModelParams; start: string; end: string }) {
  const { observedRungs, observedListed } = await import('../../validation/observed.js');
  const ids = Object.keys(input.params.countries);
  return {
    rungs: observedRungs(data.observations, ids, input.start, input.end),
    listed: observedListed(data.observations, ids, input.start, input.end),
  };
}

// ---------------------------------------------------------------------------------------------- backtest

interface BacktestArgs extends CommonArgs {
  scenario: string;
  'trend-months'?: number;
  paths?: number;
  rolling: boolean;
  origins?: string;
  horizons?: string;
  param?: string[];
  evaluations?: number;
  sigma?: number;
  resamples?: number;
}

export function backtestCommand(ctx: Context): CommandModule<object, BacktestArgs> {
  return {
    command: 'backtest [scenario]',
    describe:
      'Score the model against the observed record (2021-08 to the last observation), beside naive forecasters',
    builder: (y) =>
      commonOptions(y as Argv<object>, 1000)
        .positional('scenario', {
          type: 'string',
          default: 'baseline',
          describe: 'scenario file or shipped name',
        })
        .option('trend-months', {
          type: 'number',
          describe: 'months the linear-trend forecaster is fitted on [default: 12]',
        })
        .option('paths', {
          type: 'number',
          describe:
            'latent paths the likelihood of the record averages over [default: 1000; 100 per refit with --rolling]',
        })
        .option('rolling', {
          type: 'boolean',
          default: false,
          describe: 'out of sample: refit at each origin on the record to it, forecast 6 and 12 months on',
        })
        .option('origins', {
          type: 'string',
          describe: `with --rolling: comma-separated origins [default: ${ROLLING_DEFAULTS.origins}]`,
        })
        .option('horizons', {
          type: 'string',
          describe: `with --rolling: comma-separated horizons in months [default: ${ROLLING_DEFAULTS.horizons}]`,
        })
        .option('param', {
          alias: 'p',
          type: 'string',
          array: true,
          describe: "with --rolling: parameters refitted, path=lo:hi [default: the scenario's sweep: ranges]",
        })
        .option('evaluations', {
          type: 'number',
          describe: `with --rolling: likelihood evaluations per refit [default: ${ROLLING_DEFAULTS.evaluations}]`,
        })
        .option('sigma', {
          type: 'number',
          describe: `with --rolling: the Normal(0, σ) prior's σ on each country's offset, rungs [default: ${ROLLING_DEFAULTS.sigma}]`,
        })
        .option('resamples', {
          type: 'number',
          describe: `with --rolling: bootstrap resamples of countries for the skill interval [default: ${ROLLING_DEFAULTS.resamples}]`,
        })
        .example('$0 backtest', 'the shipped baseline, 1000 runs')
        .example('$0 backtest my.yaml -n 5000 -o out/bt', 'your own scenario')
        .example(
          "$0 backtest --rolling -p 'decision.inertia=0:1' -p 'decision.uncaused=0.05:1'",
          'refit at each origin and score 6- and 12-month forecasts out of sample',
        ) as Argv<BacktestArgs>,
    handler: async (argv) => {
      // an option that would be ignored is refused
      const only = (names: readonly (keyof BacktestArgs)[], why: string, hint: string) => {
        for (const name of names)
          if (argv[name] !== undefined) throw new UsageError(`--${String(name)} ${why}`, hint);
      };
      if (argv.rolling) {
        only(
          ['trend-months', 'workers'],
          'has no effect with --rolling (no trend forecaster; the refits run in one thread)',
          'leave it out',
        );
        return rollingBacktestCommand(ctx, argv);
      }
      only(
        ['origins', 'param', 'horizons', 'evaluations', 'sigma', 'resamples'],
        'is an option of --rolling',
        'add --rolling, or leave it out',
      );
      const runs = checkCount('runs', argv.runs, 1, MAX_RUNS, 'e.g. --runs 1000');
      const paths = checkCount('paths', argv.paths ?? 1000, 1, 100_000, 'e.g. --paths 1000');
      const workers = checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
      const { observedRungs, observedListed, lastObservedMonth } = await import(
        '../../validation/observed.js'
      );
      const { backtestDoc } = await import('../../validation/backtest.js');
      const { recordLikelihood } = await import('../../validation/likelihood.js');
      const { input, data, scenario } = await load(ctx, argv.scenario, argv, (d) => ({
        start: d.observations[0]!.date,
        end: lastObservedMonth(d.observations),
      }));
      const months = monthRange(input.start, input.end);
      const fit = checkCount(
        'trend-months',
        argv['trend-months'] ?? 12,
        2,
        months.length,
        `e.g. --trend-months 12`,
      );
      const countries = Object.keys(input.params.countries);
      const observed = observedRungs(data.observations, countries, input.start, input.end);
      const bar = progress(ctx, runs, 'runs', argv.quiet);
      const { aggregate } = await withPool(workers, (pool) =>
        replicate(input, 0, runs, { pool, workers, bar }),
      );
      bar.done();
      const listed = observedListed(data.observations, countries, input.start, input.end);
      const doc = backtestDoc(
        { scenario: scenario.meta.name, seed: input.seed, months, countries, actors: actorsOf(input.params) },
        aggregate,
        observed,
        fit,
        recordLikelihood(input, observed, listed, paths),
      );
      const out = outputDir(argv, join('out', `${scenario.meta.name}-backtest`));
      const written = out
        ? writeAll(out, {
            'backtest.json': json(doc),
            'backtest.csv': backtestCsv(doc),
            ...(await charts(doc, argv)),
          })
        : [];
      if (argv.json)
        ctx.out(
          json({
            scores: doc.scores,
            order: doc.order.map(({ k, spearman }) => ({ k, spearman })),
            concordance: doc.concordance,
            likelihood: {
              loglik: doc.likelihood.loglik,
              constant_hazard: doc.likelihood.constant_hazard,
            },
          }),
        );
      else printBacktest(ctx, doc);
      if (out) ctx.err(wrote(written.length, out));
    },
  };
}

const ROLLING_DEFAULTS = {
  origins: '2022-06,2022-12,2023-06,2023-12,2024-06',
  horizons: '6,12',
  evaluations: 60,
  sigma: 0.5,
  resamples: 2000,
};

/** `backtest --rolling`: refit at each origin, forecast from it, score beside persistence and a base rate. */
async function rollingBacktestCommand(ctx: Context, argv: BacktestArgs): Promise<void> {
  const runs = checkCount('runs', argv.runs, 1, MAX_RUNS, 'e.g. --runs 1000');
  const paths = checkCount('paths', argv.paths ?? 100, 2, 100_000, 'e.g. --paths 100');
  const evaluations = checkCount(
    'evaluations',
    argv.evaluations ?? ROLLING_DEFAULTS.evaluations,
    1,
    100_000,
    'e.g. --evaluations 60',
  );
  const resamples = checkCount(
    'resamples',
    argv.resamples ?? ROLLING_DEFAULTS.resamples,
    1,
    1_000_000,
    'e.g. --resamples 2000',
  );
  const sigma = checkSigma(argv.sigma ?? ROLLING_DEFAULTS.sigma);
  const { lastObservedMonth } = await import('../../validation/observed.js');
  const { rollingBacktest } = await import('../../validation/rolling.js');
  const { createStream } = await import('../../model/rng.js');
  const { isMonth } = await import('../../model/time.js');
  const loaded = await load(ctx, argv.scenario, argv, (d) => ({
    start: d.observations[0]!.date,
    end: lastObservedMonth(d.observations),
  }));
  const { input, data, scenario, layer } = loaded;
  const list = (text: string) =>
    text
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  const origins = list(argv.origins ?? ROLLING_DEFAULTS.origins);
  for (const o of origins)
    if (!isMonth(o) || o <= input.start || o >= input.end)
      throw new UsageError(
        `--origins: '${o}' is not a month inside the record (${input.start}..${input.end})`,
        `e.g. --origins ${ROLLING_DEFAULTS.origins}`,
      );
  const horizons = list(argv.horizons ?? ROLLING_DEFAULTS.horizons).map((h) => {
    const x = Number(h);
    if (!Number.isInteger(x) || x < 1 || x > 60)
      throw new UsageError(
        `--horizons: '${h}' is not a whole number of months in 1..60`,
        'e.g. --horizons 6,12',
      );
    return x;
  });
  const params = fittedRanges(loaded, argv.param, {
    fits: 'a refit fits ranges',
    nothing: 'nothing to refit',
  });
  const observed = await observedRecord(data, input);
  const stream = createStream(input.seed, 'design', 'rolling-backtest');
  ctx.err(
    `stancesim: rolling backtest: ${origins.length} origins × refit (${evaluations} evaluations of ${paths} paths) + ${runs} forecast runs…\n`,
  );
  const bar = progress(ctx, origins.length * evaluations, 'evaluations', argv.quiet);
  const result = rollingBacktest(
    {
      inputOver: (start, end) => layer.buildInput(scenario, data, { seed: argv.seed, start, end }),
      observed,
      first: input.start,
    },
    {
      origins,
      horizons,
      params,
      paths,
      evaluations,
      sigma,
      runs,
      resamples,
      rand: () => stream.double(),
      onEvaluation: () => bar.add(1),
    },
  );
  bar.done();
  const doc: RollingDoc = { ...result, scenario: scenario.meta.name, seed: input.seed };
  const out = outputDir(argv, join('out', `${scenario.meta.name}-backtest-rolling`));
  const written = out
    ? writeAll(out, {
        ...(await charts(doc, argv)),
        'rolling.json': json(doc),
        'rolling.csv': csvTable(
          [
            'scenario',
            'seed',
            'origin',
            'country',
            'direction',
            'horizon',
            'outcome',
            'model',
            'persistence',
            'base_rate',
          ],
          doc.questions.map((q) => [
            doc.scenario,
            doc.seed,
            q.origin,
            q.country,
            q.direction,
            q.horizon,
            q.outcome,
            q.model,
            q.persistence,
            q.base_rate,
          ]),
        ),
      })
    : [];
  if (argv.json) ctx.out(json({ scores: doc.scores, reliability: doc.reliability }));
  else printRolling(ctx, doc);
  const still = doc.origins.filter((o) => o.still_improving).map((o) => o.origin);
  if (still.length)
    ctx.err(
      `stancesim: warning: the refit was still improving at its last evaluation at ${still.join(', ')}; give more --evaluations\n`,
    );
  if (out) ctx.err(wrote(written.length, out));
}

function printRolling(ctx: Context, doc: RollingDoc): void {
  const f = (s: { brier: number; log: number }) =>
    `${s.brier.toFixed(4).padStart(8)} ${s.log.toFixed(3).padStart(7)}`;
  const name = (r: string) => (r === 'base_rate' ? 'base rate' : r);
  ctx.out(
    [
      `${doc.scenario}: rolling-origin backtest, origins ${doc.origins.map((o) => o.origin).join(', ')}; refit on the record to each origin (seed ${doc.seed})`,
      '',
      `  ${'horizon'.padEnd(8)} ${'questions'.padStart(9)} ${'happened'.padStart(8)}   ${'model: Brier'.padStart(12)} ${'log'.padStart(7)}   ${'persistence'.padStart(11)} ${'log'.padStart(7)}   ${'base rate'.padStart(9)} ${'log'.padStart(7)}   skill over the better (90% interval over countries)`,
      ...doc.scores.map(
        (s) =>
          `  ${String(s.horizon).padEnd(8)} ${String(s.questions).padStart(9)} ${String(s.happened).padStart(8)}   ${f(s.model).padStart(20)}   ${f(s.persistence).padStart(19)}   ${f(s.base_rate).padStart(17)}   ${s.skill === null ? 'n/a: nothing happened' : `${(100 * s.skill.point).toFixed(0)}% [${(100 * s.skill.lo).toFixed(0)}%, ${(100 * s.skill.hi).toFixed(0)}%] over ${name(s.skill.reference)}`}`,
      ),
      '',
      '  reliability of the model (all questions): forecast bin · n · mean forecast · observed',
      ...doc.reliability.map(
        (b) =>
          `    [${b.lo.toFixed(2)}, ${b.hi.toFixed(2)}${b.hi === 1 ? ']' : ')'}  ${String(b.n).padStart(4)}  ${b.mean_p === null ? '   —  ' : b.mean_p.toFixed(3)}  ${b.observed === null ? '   —  ' : b.observed.toFixed(3)}`,
      ),
      '',
    ].join('\n'),
  );
}

function backtestCsv(doc: BacktestDoc): string {
  return csvTable(
    [
      'scenario',
      'seed',
      'runs',
      'country',
      'model_mae',
      'persistence_mae',
      'trend_mae',
      'end_observed',
      'end_model',
      'end_p',
    ],
    doc.per_country.map((c) => [
      doc.scenario,
      doc.seed,
      doc.runs,
      c.country,
      c.model_mae,
      c.persistence_mae,
      c.trend_mae,
      c.end_observed,
      c.end_model,
      c.end_p,
    ]),
  );
}

function printBacktest(ctx: Context, doc: BacktestDoc): void {
  const l = doc.likelihood;
  const row = (name: string, s: BacktestDoc['scores']['model']) =>
    `  ${name.padEnd(12)} ${s.mae.toFixed(3).padStart(8)} ${s.brier.toFixed(4).padStart(8)} ${pct(s.end_miss).padStart(9)}`;
  ctx.out(
    [
      `${doc.scenario}: backtest ${doc.start} → ${doc.end}, ${doc.runs} runs (seeds ${doc.seed}/0 …)`,
      '',
      `  ${'forecaster'.padEnd(12)} ${'MAE'.padStart(8)} ${'Brier'.padStart(8)} ${'end miss'.padStart(9)}   (lower is better)`,
      row('model', doc.scores.model),
      row('persistence', doc.scores.persistence),
      row(`trend (${doc.trend_fit_months}m)`, doc.scores.trend),
      '',
      ...doc.order.map(
        (o) =>
          `  order of reaching rung ${o.k}: ${o.countries.length} countries, Spearman ${o.spearman === null ? 'n/a (fewer than 3)' : o.spearman.toFixed(2)}`,
      ),
      ...doc.concordance.map(
        (c) =>
          `  first passage to rung ${c.k}, Harrell's C over ${c.n} countries (${c.countries}, ${c.reached} got there): ${c.c === null ? 'n/a' : c.c.toFixed(2)} (${c.comparable} comparable pairs; chance 0.50)`,
      ),
      '',
      `  log-likelihood of the observed moves: model ${l.loglik.toFixed(2)} (the scenario's parameters as set; ${l.paths} paths, smallest effective per country ${l.ess.country.toFixed(1)})`,
      `                                        per-country constant hazard ${l.constant_hazard.loglik.toFixed(2)} (${l.constant_hazard.nominal} parameters fitted to the record)`,
      `  observed moves the model rules out on every path: ${l.ruled_out.length ? l.ruled_out.map((x) => `${x.country} ${x.month}`).join(', ') : 'none'}`,
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------- calibrate

interface CalibrateArgs extends CommonArgs {
  scenario: string;
  param?: string[];
  paths: number;
  sigma: number;
  evaluations: number;
  save?: string;
  'trend-months': number;
}

export function calibrateCommand(ctx: Context): CommandModule<object, CalibrateArgs> {
  return {
    command: 'calibrate <scenario>',
    describe:
      'Fit parameters to the likelihood of the observed record, with shrunk per-country offsets (Nelder–Mead)',
    builder: (y) =>
      commonOptions(y as Argv<object>, 200)
        .positional('scenario', {
          type: 'string',
          demandOption: true,
          describe: 'scenario file or shipped name',
        })
        .option('param', {
          alias: 'p',
          type: 'string',
          array: true,
          describe:
            "parameters and bounds: path=lo:hi (repeat) [default: the ranges of the scenario's sweep: block]",
        })
        .option('paths', {
          type: 'number',
          default: 200,
          describe: 'latent paths the likelihood averages over, per evaluation',
        })
        .option('sigma', {
          type: 'number',
          default: 0.5,
          describe: "standard deviation of the Normal(0, σ) prior on each country's drive offset (rungs)",
        })
        .option('evaluations', {
          type: 'number',
          default: 120,
          describe: 'objective evaluations (each holds --paths runs to the record)',
        })
        .option('save', {
          type: 'string',
          describe: 'also write the fitted scenario to this file (e.g. scenarios/calibrated.yaml)',
        })
        .option('trend-months', {
          type: 'number',
          default: 12,
          describe: 'months the linear-trend forecaster is fitted on',
        })
        .example(
          "$0 calibrate baseline -p 'decision.inertia=0:1' -p 'decision.uncaused=0.05:1'",
          'fit two weights and the offsets',
        )
        .example(
          '$0 calibrate baseline --evaluations 60 --paths 100',
          "the baseline's sweep: ranges, quickly",
        ) as Argv<CalibrateArgs>,
    handler: async (argv) => {
      if (argv.workers !== undefined)
        throw new UsageError(
          '--workers has no effect on calibrate (its evaluations run one after another in one thread)',
          'leave it out',
        );
      if ((argv.param ?? []).some((t) => /^countries\.[^.=]+\.offset=/.test(t)))
        throw new UsageError(
          'the per-country offsets are fitted by calibrate itself, under its prior',
          'leave countries.<id>.offset out of --param; --sigma sets the prior',
        );
      const runs = checkCount('runs', argv.runs, 2, 100_000, 'e.g. --runs 200');
      const paths = checkCount('paths', argv.paths, 2, 100_000, 'e.g. --paths 200');
      const evaluations = checkCount('evaluations', argv.evaluations, 2, 100_000, 'e.g. --evaluations 120');
      const sigma = checkSigma(argv.sigma);
      const { lastObservedMonth } = await import('../../validation/observed.js');
      const { calibrate } = await import('../../validation/calibrate.js');
      const { createStream } = await import('../../model/rng.js');
      const loaded = await load(ctx, argv.scenario, argv, (d) => ({
        start: d.observations[0]!.date,
        end: lastObservedMonth(d.observations),
      }));
      const { input, data, scenario, file } = loaded;
      const params = fittedRanges(loaded, argv.param, {
        fits: 'calibration fits ranges',
        nothing: 'nothing to calibrate',
      });
      const months = monthRange(input.start, input.end);
      const fit = checkCount(
        'trend-months',
        argv['trend-months'],
        2,
        months.length,
        'e.g. --trend-months 12',
      );
      const ids = Object.keys(input.params.countries);
      const observed = await observedRecord(data, input);
      const stream = createStream(input.seed, 'design', 'calibrate');
      ctx.err(
        `stancesim: calibrating ${params.length} parameters and ${ids.length} offsets on ${months.length} months, ${evaluations} evaluations of ${paths} paths…\n`,
      );
      const bar = progress(ctx, evaluations, 'evaluations', argv.quiet);
      const result = calibrate(input, observed, params, {
        paths,
        runs,
        maxEvaluations: evaluations,
        sigma,
        trendFitMonths: fit,
        rand: () => stream.double(),
        onEvaluation: () => bar.add(1),
      });
      bar.done();
      const out = outputDir(argv, join('out', `${scenario.meta.name}-calibration`));
      const name = `${scenario.meta.name}-calibrated`;
      const doc: CalibrationDoc = {
        ...result,
        method: 'Nelder–Mead with random restarts on the penalized log-likelihood of the record',
        // '' when nothing is written (--json without --out or --save)
        output: argv.save ?? (out ? join(out, `${name}.yaml`) : ''),
      };
      const command = [
        'stancesim calibrate',
        argv.scenario,
        ...params.map((p) => `-p ${p.path}=${p.lo}:${p.hi}`),
        `--paths ${paths} --runs ${runs} --evaluations ${evaluations} --sigma ${sigma}`,
        ...(argv.seed !== undefined ? [`--seed ${argv.seed}`] : []),
        ...(argv.save !== undefined ? [`--save ${argv.save}`] : []),
      ].join(' ');
      const yamlAt = (dir: string) =>
        calibratedScenario(doc, argv.save ? 'calibrated' : name, file, dir, command);
      const written = out
        ? writeAll(out, {
            'calibration.json': json(doc),
            [`${name}.yaml`]: yamlAt(out),
            ...(await charts(doc, argv)),
          })
        : [];
      if (argv.save) writeAll(dirname(argv.save), { [basename(argv.save)]: yamlAt(dirname(argv.save)) });
      if (argv.json) ctx.out(json(doc));
      else printCalibration(ctx, doc);
      if (doc.still_improving)
        ctx.err(
          `stancesim: warning: the fit was still improving at its last evaluation (${evaluations}); give more --evaluations\n`,
        );
      if (out) ctx.err(wrote(written.length, out, argv.save ? `and ${argv.save}` : ''));
      else if (argv.save) ctx.err(`stancesim: wrote ${argv.save}\n`);
    },
  };
}

/** A scenario that extends the input and sets the fitted values (the path is relative to where it is
 * written); its header is the command that made it. */
function calibratedScenario(
  doc: CalibrationDoc,
  name: string,
  source: string,
  dir: string,
  command: string,
): string {
  const from = relative(resolve(dir), resolve(source)).split('\\').join('/');
  const q = (s: string) => JSON.stringify(s);
  const l = doc.likelihood;
  return [
    `# Generated by: ${command}`,
    '# Do not edit by hand: run the command again. calibration.json beside its output holds the details.',
    `name: ${name}`,
    `extends: ${q(from)}`,
    `question: ${q(`${doc.scenario} with parameters fitted to the likelihood of the observed record`)}`,
    'description: |',
    `  ${doc.scenario}, with these parameters fitted to the record ${doc.start}..${doc.end} by ${doc.method},`,
    `  ${doc.paths} latent paths per evaluation, ${doc.trace.length} evaluations:`,
    ...doc.params.map((p) => `    ${p.path} (${p.lo} to ${p.hi})`),
    `  and a drive offset per country under a Normal(0, ${doc.sigma}) prior (rungs).`,
    `  Log-likelihood of the record ${l.before.loglik} -> ${l.after.loglik} (${l.parameters} parameters);`,
    `  per-country constant hazard ${l.constant_hazard.loglik} (${l.constant_hazard.nominal} parameters).`,
    `  Mean Brier over the record ${doc.in_sample.model_before.brier} -> ${doc.in_sample.model_after.brier} (persistence ${doc.in_sample.persistence.brier}).`,
    'set:',
    ...doc.params.map((p) => `  ${p.path}: ${p.fitted}`),
    ...doc.offsets.filter((o) => o.fitted !== 0).map((o) => `  countries.${o.country}.offset: ${o.fitted}`),
    '',
  ].join('\n');
}

function printCalibration(ctx: Context, doc: CalibrationDoc): void {
  const w = (s: { brier: number; mae: number }) => `Brier ${s.brier.toFixed(4)}, MAE ${s.mae.toFixed(3)}`;
  const l = doc.likelihood;
  const off = doc.offsets.filter((o) => Math.abs(o.fitted) >= 0.005);
  ctx.out(
    [
      `${doc.scenario}: fitted on ${doc.start} → ${doc.end}; ${doc.trace.length} evaluations of ${doc.paths} paths`,
      '',
      ...doc.params.map(
        (p) =>
          `  ${p.path.padEnd(36)} ${String(p.start).padStart(8)} → ${String(p.fitted).padStart(8)}   [${p.lo}, ${p.hi}]`,
      ),
      `  offsets (prior Normal(0, ${doc.sigma})): ${off.length ? off.map((o) => `${o.country} ${o.fitted >= 0 ? '+' : '−'}${Math.abs(o.fitted).toFixed(2)}`).join(' · ') : 'all 0'}`,
      '',
      `  log-likelihood of the record: ${l.before.loglik.toFixed(2)} → ${l.after.loglik.toFixed(2)} (${l.parameters} parameters; prior penalty ${l.prior_penalty.toFixed(2)})`,
      `  per-country constant hazard:  ${l.constant_hazard.loglik.toFixed(2)} (${l.constant_hazard.nominal} parameters, ${l.constant_hazard.parameters} non-zero)`,
      `  moves the model rules out: ${l.before.ruled_out.length} → ${l.after.ruled_out.length}${l.after.ruled_out.length ? ` (${l.after.ruled_out.map((x) => `${x.country} ${x.month}`).join(', ')})` : ''}`,
      `  effective paths: joint ${l.after.ess.joint.toFixed(1)}, smallest per country ${l.after.ess.country.toFixed(1)} of ${doc.paths}`,
      '',
      `  over the record: before ${w(doc.in_sample.model_before)} · after ${w(doc.in_sample.model_after)} · persistence ${w(doc.in_sample.persistence)} · trend ${w(doc.in_sample.trend)}`,
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------- forecast

interface ForecastArgs extends CommonArgs {
  scenario: string;
  from?: string;
  to: string;
}

export function forecastCommand(ctx: Context): CommandModule<object, ForecastArgs> {
  return {
    command: 'forecast <scenario>',
    describe: 'Probabilities for well-defined questions, from the observed state, to score later',
    builder: (y) =>
      commonOptions(y as Argv<object>, 2000)
        .positional('scenario', {
          type: 'string',
          demandOption: true,
          describe: 'scenario file or shipped name',
        })
        .option('from', {
          type: 'string',
          describe: 'start from the observed state of this month [default: the last observed month]',
        })
        .option('to', { type: 'string', default: '2027-12', describe: 'last month asked about' })
        .example(
          '$0 forecast baseline --from 2025-06 --to 2027-12 -n 5000',
          'forecast.json with questions and probabilities',
        ) as Argv<ForecastArgs>,
    handler: async (argv) => {
      const runs = checkCount('runs', argv.runs, 1, MAX_RUNS, 'e.g. --runs 2000');
      const workers = checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
      const { lastObservedMonth } = await import('../../validation/observed.js');
      const { forecastQuestions } = await import('../../validation/forecast.js');
      const { input, scenario } = await load(ctx, argv.scenario, argv, (d) => ({
        start: argv.from ?? lastObservedMonth(d.observations),
        end: argv.to,
      }));
      const months = monthRange(input.start, input.end);
      if (months.length < 2)
        throw new UsageError(
          `--to ${argv.to} must come after --from ${input.start}`,
          'e.g. --from 2025-06 --to 2027-12',
        );
      const bar = progress(ctx, runs, 'runs', argv.quiet);
      const { aggregate } = await withPool(workers, (pool) =>
        replicate(input, 0, runs, { pool, workers, bar }),
      );
      bar.done();
      const doc: ForecastDoc = {
        kind: 'forecast',
        scenario: scenario.meta.name,
        seed: input.seed,
        runs,
        from: input.start,
        to: input.end,
        created: input.start,
        questions: forecastQuestions(aggregate, months, Object.keys(input.params.countries), input.initial),
        // names for the chart (the questions name countries by id)
        actors: actorsOf(input.params),
      };
      const out = outputDir(argv, join('out', `${scenario.meta.name}-forecast`));
      const csv = csvTable(
        ['id', 'p', 'persistence', 'text'],
        doc.questions.map((q) => [q.id, q.p, q.persistence, q.text]),
      );
      const written = out
        ? writeAll(out, {
            'forecast.json': json(doc),
            'forecast.csv': csv,
            ...(await charts(doc, argv)),
          })
        : [];
      if (argv.json) ctx.out(json(doc));
      else if (out) {
        ctx.out(
          `${doc.questions.length} questions, ${doc.from} → ${doc.to}, ${runs} runs: ${join(out, 'forecast.csv')}\nscore them later: stancesim score ${join(out, 'forecast.json')} outcomes.csv (docs/FORECASTS.md)\n`,
        );
      }
      if (out) ctx.err(wrote(written.length, out));
    },
  };
}

// ---------------------------------------------------------------------------------------------- score

interface ScoreArgs {
  forecast: string;
  outcomes: string;
  out?: string;
  json: boolean;
}

export function scoreCommand(ctx: Context): CommandModule<object, ScoreArgs> {
  return {
    command: 'score <forecast> <outcomes>',
    describe: 'Brier and log scores of a forecast against recorded outcomes, beside persistence',
    builder: (y) =>
      (y as Argv<object>)
        .positional('forecast', {
          type: 'string',
          demandOption: true,
          describe: 'forecast.json written by forecast',
        })
        .positional('outcomes', {
          type: 'string',
          demandOption: true,
          describe: 'CSV with columns id,outcome (docs/FORECASTS.md)',
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: "output directory for score.json [default: the forecast's; none with --json]",
        })
        .option('json', { type: 'boolean', default: false, describe: 'print the scores as JSON on stdout' })
        .example(
          '$0 score out/baseline-forecast/forecast.json outcomes.csv',
          'score what happened',
        ) as Argv<ScoreArgs>,
    handler: async (argv) => {
      const { parseOutcomes, scoreForecast } = await import('../../validation/score.js');
      const forecast = readInputJson(
        argv.forecast,
        'forecast',
        'check the path',
        'give the forecast.json that `stancesim forecast` wrote',
      ) as ForecastDoc;
      if (forecast?.kind !== 'forecast' || !Array.isArray(forecast.questions))
        throw new UsageError(
          `${argv.forecast}: not a stancesim forecast`,
          'give the forecast.json that `stancesim forecast` wrote',
        );
      const { outcomes, unknown } = parseOutcomes(
        argv.outcomes,
        readInputText(argv.outcomes, 'outcomes', 'check the path'),
        forecast.questions.map((q) => q.id),
      );
      const doc = scoreForecast(forecast, argv.forecast, argv.outcomes, outcomes, unknown);
      const out = outputDir(argv, dirname(argv.forecast));
      if (out) writeAll(out, { 'score.json': json(doc) });
      if (argv.json) ctx.out(json(doc));
      else
        ctx.out(
          [
            `${doc.scored.length} questions scored (${doc.unresolved} not yet resolved${unknown.length ? `; ${unknown.length} ids not in the forecast, ignored` : ''})`,
            `  model:        Brier ${doc.mean.brier.toFixed(4)}   log ${doc.mean.log.toFixed(4)}`,
            `  persistence:  Brier ${doc.mean.persistence_brier.toFixed(4)}   log ${doc.mean.persistence_log.toFixed(4)}   (lower is better)`,
            '',
          ].join('\n'),
        );
      if (out) ctx.err(`stancesim: wrote ${join(out, 'score.json')}\n`);
    },
  };
}

// ---------------------------------------------------------------------------------------------- explain

interface ExplainArgs extends EnsembleChartArgs {
  actor: string;
  scenario: string;
  at?: string;
  seed?: string;
  start?: string;
  out?: string;
  data?: string;
  json: boolean;
}

export function explainCommand(ctx: Context): CommandModule<object, ExplainArgs> {
  return {
    command: 'explain <actor>',
    describe: 'Why a country or faction moved or stayed in a month: its decision, term by term',
    builder: (y) =>
      ensembleChartOptions(y as Argv<object>)
        .positional('actor', {
          type: 'string',
          demandOption: true,
          describe: 'a country id (US, PK, …) or a faction (kandahar, haqqani, swing)',
        })
        .option('scenario', {
          alias: 's',
          type: 'string',
          default: 'baseline',
          describe: 'scenario file or shipped name',
        })
        .option('at', {
          type: 'string',
          describe: 'the month (YYYY-MM) [default: the last month of the run]',
        })
        .option('seed', { type: 'string', describe: "the run's seed [default: the scenario's]" })
        .option('start', { type: 'string', describe: 'first month of the run (YYYY-MM)' })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'output directory [default: out/explain-<actor>-<month>; none with --json]',
        })
        .option('data', DATA)
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'print the explanation as JSON on stdout',
        })
        .example('$0 explain PK --at 2024-04', "Pakistan's decision in April 2024 in the baseline")
        .example(
          '$0 explain kandahar --at 2025-05 --seed 7',
          'why Kandahar’s power moved',
        ) as Argv<ExplainArgs>,
    handler: async (argv) => {
      const { explainCountry, explainFaction, ExplainError } = await import('../../validation/explain.js');
      const { observedRungAt } = await import('../../validation/observed.js');
      const { input, scenario, data } = await load(ctx, argv.scenario, argv, () => ({
        start: argv.start,
      }));
      const at = argv.at ?? input.end;
      const countries = Object.keys(input.params.countries);
      const id =
        countries.find((c) => c.toLowerCase() === argv.actor.toLowerCase()) ?? argv.actor.toLowerCase();
      let doc: CountryExplanation | FactionExplanation;
      try {
        if (countries.includes(id)) {
          // the record's rung that month, to set beside the run's
          const observed = observedRungAt(data.observations, id, at);
          doc = { ...explainCountry(input, at, id), ...(observed === undefined ? {} : { observed }) };
        } else doc = explainFaction(input, at, id);
      } catch (e) {
        if (e instanceof ExplainError)
          throw new UsageError(
            e.message.startsWith('unknown faction') ? `unknown actor '${argv.actor}'` : e.message,
            e.message.startsWith('unknown faction')
              ? `countries: ${countries.join(', ')}; factions: kandahar, haqqani, swing`
              : e.hint,
          );
        throw e;
      }
      const out = outputDir(argv, join('out', `explain-${id}-${at}`));
      const written = out ? writeAll(out, { 'explain.json': json(doc), ...(await charts(doc, argv)) }) : [];
      if (argv.json) ctx.out(json(doc));
      else
        ctx.out(
          doc.kind === 'explain-country'
            ? countryText(doc, scenario.meta.name)
            : factionText(doc, scenario.meta.name),
        );
      if (out) ctx.err(wrote(written.length, out));
    },
  };
}

const num = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

function countryText(d: CountryExplanation, scenario: string): string {
  const moved =
    d.rung_after === d.rung_before
      ? `stays at rung ${d.rung_before}`
      : `moves from rung ${d.rung_before} to ${d.rung_after}`;
  return [
    `${d.name} (${d.country}), ${d.date}, ${scenario} seed ${d.seed}: ${moved}${d.moved ? ` (cause: ${d.cause}${d.earned ? ', earned by reform' : ''})` : ` (cause in view: ${d.cause})`}`,
    '',
    '  drive (the rung its interests point to), term by term:',
    ...d.terms.map((t) => `    ${t.term.padEnd(14)} ${num(t.value)}`),
    `    ${'= drive'.padEnd(14)} ${num(d.drive)}`,
    '',
    `  cap from conditions: rung ${d.cap}${d.binding_gate ? ` — gate at rung ${d.binding_gate.rung} not met: ${d.binding_gate.when}` : ''}${d.listed ? ' (lists the Taliban as terrorist: at most 4 until it delists)' : ''}`,
    `  first-mover cost of the next rung: ${d.first_mover_cost.toFixed(3)} rungs`,
    `  drive beyond what an up-move needs: ${d.excess === null ? 'no up-move allowed' : num(d.excess)}; short of keeping the rung: ${d.shortfall === null ? '—' : num(d.shortfall)}${d.precursor ? '; a precursor raises the up-hazard' : ''}`,
    `  this month's hazards: ${d.options.map((o) => `rung ${o.rung} ${pct(o.p)}`).join(' · ')}${d.cause === 'none' ? ' (no cause in view: no downgrade, upgrades at the uncaused pace)' : ''}`,
    ...(d.observed === undefined
      ? []
      : [`  the record that month: rung ${d.observed} (this run: rung ${d.rung_after})`]),
    '',
  ].join('\n');
}

function factionText(d: FactionExplanation, scenario: string): string {
  return [
    `${d.name}, ${d.date}, ${scenario} seed ${d.seed}: power ${d.power_before.toFixed(3)} → ${d.power_after.toFixed(3)}`,
    '',
    '  log-power growth terms (noise and confrontations come on top):',
    ...d.terms.map((t) => `    ${t.term.padEnd(20)} ${num(t.value)}`),
    `  flows: earned ${d.flows.earned.toFixed(3)} · unearned ${d.flows.unearned.toFixed(3)} · Western isolation ${d.flows.isolation.toFixed(3)}`,
    '',
    '  policy: target, this faction’s ideal and its weight in the target',
    ...d.policy.map(
      (p) =>
        `    ${p.dimension.padEnd(16)} target ${p.target.toFixed(3)}   ideal ${p.ideal.toFixed(3)}   weight ${pct(p.weight)}`,
    ),
    '',
  ].join('\n');
}
