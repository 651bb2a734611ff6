// The files an ensemble writes, from its metadata and document alone, so that an unsharded run and
// a merge of its shards write the same bytes.

import type { TopLevelSpec } from 'vega-lite';
import type { Argv } from 'yargs';
import {
  bandsCsv,
  type EnsembleDoc,
  type EnsembleMeta,
  recognitionCsv,
  replicationSeed,
  rungProbabilitiesCsv,
} from '../../ensemble/index.js';
import { RUNGS } from '../../model/index.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { json } from '../formats.js';
import type { OutputFiles } from '../io.js';
import { renderHere, type TaskPool } from '../pool.js';
import { byCause, replayLine } from './summary-text.js';

const FORMATS = ['svg', 'png'] as const;

export interface EnsembleChartArgs {
  charts: boolean;
  format: (typeof FORMATS)[number][];
}

export function ensembleChartOptions<T>(y: Argv<T>): Argv<T & EnsembleChartArgs> {
  return y
    .option('charts', { type: 'boolean', default: true, describe: 'render charts (--no-charts to skip)' })
    .option('format', {
      type: 'string',
      array: true,
      choices: FORMATS,
      default: [...FORMATS],
      describe: 'image formats (the Vega-Lite spec *.vl.json is always written)',
    }) as Argv<T & EnsembleChartArgs>;
}

/** Check --rung before any work is done. */
export function checkRung(k: number): number {
  if (!Number.isInteger(k) || k < 1 || k > 6)
    throw new UsageError(`--rung must be a rung from 1 to 6, not ${k}`, `e.g. --rung 4 (${RUNGS[4]})`);
  return k;
}

/** Render specs to `<kind>.vl.json`, `.svg` and `.png` (vega loads only here), on the pool's threads
 * when it has started some. */
export async function specFiles(
  specs: { kind: string; spec: TopLevelSpec }[],
  formats: readonly ('svg' | 'png')[],
  pool?: TaskPool,
): Promise<OutputFiles> {
  const rendered = await (pool ? pool.render(specs, formats) : renderHere(specs, formats));
  const files: OutputFiles = {};
  for (const chart of rendered) {
    files[`${chart.kind}.vl.json`] = json(chart.spec);
    if (formats.includes('svg')) files[`${chart.kind}.svg`] = chart.svg;
    if (formats.includes('png')) files[`${chart.kind}.png`] = chart.png;
  }
  return files;
}

export async function ensembleFiles(
  meta: EnsembleMeta,
  doc: EnsembleDoc,
  args: EnsembleChartArgs & { rung: number },
  pool?: TaskPool,
): Promise<OutputFiles> {
  // the charts first: the pool's threads draw them while this thread writes the data files
  let charts: Promise<OutputFiles> | undefined;
  if (args.charts) {
    const { buildEnsembleChart, ENSEMBLE_CHART_KINDS } = await import('../../charts/index.js');
    const specs = ENSEMBLE_CHART_KINDS.map((kind) => ({
      kind,
      spec: buildEnsembleChart(kind, doc, { k: args.rung }),
    }));
    charts = specFiles(specs, args.format, pool);
  }
  try {
    const files: OutputFiles = {
      'ensemble.json': json(doc),
      'rung_probabilities.csv': rungProbabilitiesCsv(doc),
      'bands.csv': bandsCsv(doc),
      'recognition.csv': recognitionCsv(doc),
      'scenario.json': json({
        name: meta.scenario,
        question: meta.question,
        description: meta.description,
        seed: meta.seed,
        replication_seeds: `${replicationSeed(meta.seed, 0)} … ${replicationSeed(meta.seed, meta.runs - 1)}`,
        runs: meta.runs,
        start: meta.start,
        end: meta.end,
        overrides: meta.overrides,
      }),
    };
    return charts ? { ...files, ...(await charts) } : files;
  } catch (e) {
    // the error that stopped the files is the one to report, not a chart's after it
    charts?.catch(() => {});
    throw e;
  }
}

/** Headline numbers of an ensemble, for the terminal. */
export function printEnsemble(ctx: Context, doc: EnsembleDoc, asJson: boolean): void {
  const nobody = doc.first_recognizer.find((x) => x.country === null)?.share ?? 0;
  const firsts = doc.first_recognizer.filter((x) => x.country !== null).sort((a, b) => b.share - a.share);
  const recognizers = doc.bands.find((b) => b.variable === 'recognizers');
  const last = doc.months.length - 1;
  const headline = {
    scenario: doc.scenario,
    seed: doc.seed,
    runs: doc.runs,
    p_any_recognition: +(1 - nobody).toFixed(6),
    recognizers_at_end: recognizers
      ? { p05: recognizers.p05[last], p50: recognizers.p50[last], p95: recognizers.p95[last] }
      : undefined,
    first_recognizer: firsts.slice(0, 5).map((x) => ({ country: x.country, share: x.share })),
    moves_per_run: { total: doc.moves.total.per_run, up: doc.moves.up.per_run, down: doc.moves.down.per_run },
    p_any_downgrade: doc.moves.down.share,
  };
  if (asJson) {
    ctx.out(json(headline));
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  ctx.out(
    [
      `${doc.scenario}: ${doc.runs} runs (seeds ${replicationSeed(doc.seed, 0)} …), ${doc.start} → ${doc.end}`,
      `  ${doc.question}`,
      ...replayLine(doc.start, doc.record),
      '',
      `  some country formally recognizes by ${doc.end}: ${pct(headline.p_any_recognition)} of runs`,
      recognizers
        ? `  countries at rung 6 in ${doc.end}: median ${recognizers.p50[last]}, 90% of runs ${recognizers.p05[last]}–${recognizers.p95[last]}`
        : '',
      firsts.length > 0
        ? `  first to recognize: ${firsts
            .slice(0, 5)
            .map((x) => `${x.country} ${pct(x.share)}`)
            .join(' · ')}`
        : '',
      movesLine(doc),
      '',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
  );
}

/** Per-run means with one decimal; a mean that would print as 0.0 but is not 0 prints as <0.1. */
function mean(x: number): string {
  return x > 0 && x < 0.05 ? '<0.1' : x.toFixed(1);
}

/** e.g. 'moves per run: 9.6 (up 7.7, down 1.9; downgrades by cause: incident 1.1, peer 0.5); a downgrade in 62.0% of runs' */
function movesLine(doc: EnsembleDoc): string {
  const m = doc.moves;
  const causes = byCause(m.by_cause.down, (x) => x.per_run, mean);
  return `  moves per run: ${mean(m.total.per_run)} (up ${mean(m.up.per_run)}, down ${mean(m.down.per_run)}${causes ? `; downgrades by cause: ${causes}` : ''}); a downgrade in ${(100 * m.down.share).toFixed(1)}% of runs`;
}
