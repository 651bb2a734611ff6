// `stancesim report <scenario> [more…] --out report.html`: one self-contained HTML page that works
// offline: the scenario's question, what it changes and where those values come from, a summary in
// words and the charts, interactive (vega, vega-lite and vega-embed are inlined). Several scenarios
// run under common random numbers, exactly as `compare` runs them, and add the comparison.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { summarize } from '../../analysis/summary.js';
import { type CompareArm, compareDoc, defaultOutcomes, outcomeContext } from '../../ensemble/index.js';
import { simulate, toResultsDoc } from '../../model/index.js';
import type { Libraries, Report, ScenarioInfo } from '../../report/index.js';
import type { Context } from '../context.js';
import { version } from '../context.js';
import { UsageError } from '../errors.js';
import { writeAll } from '../io.js';
import { DATA, QUIET, WORKERS } from '../options.js';
import { defaultWorkers, type TaskPool, withPool } from '../pool.js';
import { progress } from '../progress.js';
import { loadModelData } from '../scenarios.js';
import { type Arm, checkOutcomes, loadArms } from './compare.js';
import { checkCount, ensembleMeta, MAX_RUNS, replicate, toDoc } from './ensemble.js';

interface ReportArgs {
  scenarios: string[];
  runs: number;
  workers?: number;
  seed?: string;
  start?: string;
  end?: string;
  out?: string;
  data?: string;
  quiet: boolean;
}

/** The built browser bundles (UMD, minified) the page inlines, by package. */
const LIBRARIES: Record<keyof Libraries, [pkg: string, file: string]> = {
  vega: ['vega', 'build/vega.min.js'],
  vegaLite: ['vega-lite', 'build/vega-lite.min.js'],
  vegaEmbed: ['vega-embed', 'build/vega-embed.min.js'],
};

/**
 * A file of an installed package. These packages export only their modules, so the bundle is found
 * from the package root: the first directory above the resolved module whose package.json names it.
 */
function packageFile(pkg: string, file: string): string {
  for (
    let dir = dirname(createRequire(import.meta.url).resolve(pkg));
    dir !== dirname(dir);
    dir = dirname(dir)
  ) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === pkg
    )
      return join(dir, file);
  }
  throw new Error(`cannot find the root of the installed package ${pkg}`);
}

function readLibraries(): Libraries {
  const read = ([pkg, file]: [string, string]) => readFileSync(packageFile(pkg, file), 'utf8');
  return {
    vega: read(LIBRARIES.vega),
    vegaLite: read(LIBRARIES.vegaLite),
    vegaEmbed: read(LIBRARIES.vegaEmbed),
  };
}

function checkOut(out: string | undefined): string | undefined {
  if (out === undefined || /\.html$/i.test(out)) return out;
  const ext = extname(out);
  throw new UsageError(
    `--out '${out}' must name an .html file`,
    `e.g. --out ${ext ? `${out.slice(0, -ext.length)}.html` : join(out, 'report.html')}`,
  );
}

/** A word of a shell command, quoted where the shell would split or expand it. */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export function reportCommand(ctx: Context): CommandModule<object, ReportArgs> {
  return {
    command: 'report <scenarios..>',
    describe: 'Write one self-contained HTML report (works offline): question, parameters, summary, charts',
    builder: (y) =>
      (y as Argv<object>)
        .positional('scenarios', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'one scenario, or several to compare (the first is the reference)',
        })
        .option('runs', {
          alias: 'n',
          type: 'number',
          default: 1000,
          describe: 'replications per scenario; 1 reports a single run',
        })
        .option('workers', WORKERS)
        .option('seed', { type: 'string', describe: "common seed [default: the first scenario's]" })
        .option('start', { type: 'string', describe: 'first month for every scenario (YYYY-MM)' })
        .option('end', { type: 'string', describe: 'last month for every scenario (YYYY-MM)' })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'the .html file [default: out/<scenario>/report.html, out/compare-<a>-<b>…/report.html]',
        })
        .option('data', DATA)
        .option('quiet', QUIET)
        .example('$0 report baseline --out baseline.html', 'an ensemble of 1000 runs, charts and summary')
        .example('$0 report isk-surge --runs 1', 'one run and its charts')
        .example(
          '$0 report baseline isk-surge --start 2025-06 -o surge.html',
          'both scenarios under common random numbers, with the comparison',
        ) as Argv<ReportArgs>,
    handler: (argv) => writeReport(ctx, argv),
  };
}

/**
 * Run every scenario's replications under common random numbers, as `compare` does, with its
 * standard outcomes and the Western one the summary needs: the ensemble sections and, for several
 * scenarios, the comparison.
 */
async function ensembles(
  ctx: Context,
  arms: Arm[],
  infos: ScenarioInfo[],
  opts: { pool: TaskPool; workers: number; runs: number; quiet: boolean },
  lib: typeof import('../../report/index.js'),
): Promise<Pick<Report, 'scenarios' | 'comparison'>> {
  const { pool, workers, runs } = opts;
  const { input } = arms[0]!;
  const outcomeCtx = outcomeContext(input);
  const west = lib.westOutcome(input.end);
  const outcomes = checkOutcomes([...new Set([...defaultOutcomes(outcomeCtx), west])], outcomeCtx);
  const texts = outcomes.map((o) => o.text);
  const bar = progress(ctx, runs * arms.length, 'runs', opts.quiet);
  const compared: CompareArm[] = [];
  for (const [i, arm] of arms.entries()) {
    const { aggregate, values } = await replicate(arm.input, 0, runs, {
      pool,
      workers,
      bar,
      outcomes: texts,
    });
    compared.push({
      name: arm.meta.name,
      question: arm.meta.question,
      file: infos[i]!.file,
      params: arm.input.params,
      events: arm.meta.events,
      ensemble: toDoc(ensembleMeta(arm.meta, arm.input, runs, arm.record), aggregate),
      values,
    });
  }
  bar.done();
  // values are [run · outcomes + outcome]
  const k = texts.indexOf(west);
  const anyWest = (values: Float64Array) => {
    let sum = 0;
    for (let i = k; i < values.length; i += texts.length) sum += values[i]!;
    return sum / runs;
  };
  const scenarios = compared.map((arm, i) =>
    lib.ensembleSection(infos[i]!, arm.ensemble, anyWest(arm.values)),
  );
  if (arms.length === 1) return { scenarios };
  const refs = outcomes.map(({ text, label, binary }) => ({ text, label, binary }));
  return { scenarios, comparison: lib.comparisonSection(compareDoc(input.seed, runs, refs, compared)) };
}

async function writeReport(ctx: Context, argv: ReportArgs): Promise<void> {
  const several = argv.scenarios.length > 1;
  const out = checkOut(argv.out);
  const runs = checkCount(
    'runs',
    argv.runs,
    several ? 2 : 1,
    MAX_RUNS,
    several
      ? 'a comparison pairs runs: at least 2, e.g. --runs 1000'
      : 'e.g. --runs 1000, or --runs 1 for one run',
  );
  const workers =
    runs === 1 ? 1 : checkCount('workers', argv.workers ?? defaultWorkers(), 1, 256, 'e.g. --workers 2');
  // before any run: a missing library should not cost the user the wait
  const libraries = readLibraries();
  const lib = await import('../../report/index.js');

  // threads start with the first batch of tasks worth them (pool.ts)
  const report = await withPool(workers, async (pool): Promise<Report> => {
    const arms = await loadArms(ctx, argv.scenarios, argv);
    const data = await loadModelData(ctx, argv.data);
    // shipped files relative to the package, so the report does not depend on where it is installed
    const shown = (path: string) => {
      const rel = relative(ctx.root, path);
      return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    };
    const infos = arms.map(({ meta, file }) => ({
      name: meta.name,
      question: meta.question,
      description: meta.description,
      file: shown(file),
      parameters: lib.parameterChanges(meta.overrides, data, shown(file)),
      events: lib.eventRows(
        meta.events.map((e) => (e.origin === undefined ? e : { ...e, origin: shown(e.origin) })),
      ),
    }));
    const { input } = arms[0]!;
    const given = { start: argv.start, end: argv.end, data: argv.data };
    const command = [
      'stancesim',
      'report',
      ...argv.scenarios,
      '--runs',
      String(runs),
      '--seed',
      input.seed,
      ...Object.entries(given).flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, value])),
    ]
      .map(shellWord)
      .join(' ');
    const head = {
      title: `stancesim report: ${arms.map((a) => a.meta.name).join(', ')}`,
      generator: `stancesim ${version()}`,
      command,
      seed: input.seed,
      runs,
      start: input.start,
      end: input.end,
    };
    if (runs === 1) {
      const result = simulate(input);
      const doc = toResultsDoc(result, input.params);
      return {
        ...head,
        scenarios: [lib.runSection(infos[0]!, doc, summarize(result, arms[0]!.meta.question))],
      };
    }

    return {
      ...head,
      ...(await ensembles(ctx, arms, infos, { pool, workers, runs, quiet: argv.quiet }, lib)),
    };
  });

  const names = report.scenarios.map((s) => s.name);
  const path = out ?? join('out', several ? `compare-${names.join('-')}` : names[0]!, 'report.html');
  // built in full before anything is written, then written to a temporary name and renamed
  const [written] = writeAll(dirname(path), { [basename(path)]: lib.reportHtml(report, libraries) });
  const lines = report.scenarios.flatMap((s) => [`${s.name}:`, ...s.summary.map((t) => `  ${t}`), '']);
  if (report.comparison) lines.push('comparison:', ...report.comparison.summary.map((t) => `  ${t}`), '');
  ctx.out(lines.join('\n'));
  ctx.err(
    `stancesim: wrote ${written} (${runs === 1 ? `one run, seed ${report.seed}` : `${runs} runs per scenario, seeds ${report.seed}/0 …`}); it works offline in any browser\n`,
  );
}
