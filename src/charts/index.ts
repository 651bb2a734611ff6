// Charts of a run, of an ensemble and of the studies: pure spec builders (cheap, browser-safe) and lazy
// rendering to SVG/PNG (loads vega, vega-lite and resvg on first use only).

import type { TopLevelSpec } from 'vega-lite';
import type { CompareDoc, DiscoverDoc, EnsembleDoc, SensitivityDoc } from '../ensemble/docs.js';
import type { ResultsDoc } from '../model/results.js';
import { compareChart, compareDifferencesChart } from './compare.js';
import {
  cascadeChart,
  type EnsembleOptions,
  fanCountsChart,
  fanFactionsChart,
  fanPolicyChart,
  firstRecognitionMonthChart,
  firstRecognizerChart,
  probabilityChart,
} from './ensemble.js';
import {
  CHART_KINDS,
  type ChartKind,
  COMPARE_CHART_KINDS,
  type CompareChartKind,
  type EnsembleChartKind,
  type StudyChartKind,
} from './kinds.js';
import type { RuntimeStore } from './render.js';
import {
  factionsChart,
  heatmapChart,
  legitimacyChart,
  policyChart,
  type RunChartOptions,
  rungsChart,
} from './run.js';
import { discoverChart, sensitivityChart } from './study.js';
import type { ChartOptions } from './style.js';

export * from './kinds.js';

export type ChartFormat = 'svg' | 'png';

const BUILDERS: Record<ChartKind, (doc: ResultsDoc, opts: RunChartOptions) => TopLevelSpec> = {
  rungs: rungsChart,
  heatmap: heatmapChart,
  factions: factionsChart,
  policy: policyChart,
  legitimacy: legitimacyChart,
};

/** The builder of `kind` from a table of builders; a RangeError names the kinds there are. */
function builderOf<K extends string, F>(builders: Record<K, F>, kind: K): F {
  if (!Object.hasOwn(builders, kind))
    throw new RangeError(
      `unknown chart '${String(kind)}' (expected one of: ${Object.keys(builders).join(', ')})`,
    );
  return builders[kind];
}

/** The Vega-Lite spec of one chart, with its data in named datasets (save it as `<kind>.vl.json`). */
export function buildChart(kind: ChartKind, doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  return builderOf(BUILDERS, kind)(doc, opts);
}

// ---------------------------------------------------------------------------------------------- ensembles

/** The width, and the rung k of the P(rung ≥ k) heatmap when it opens (1..6, default 4; the .vl.json
 * can switch). */
export type EnsembleChartOptions = EnsembleOptions;

const ENSEMBLE_BUILDERS: Record<
  EnsembleChartKind,
  (doc: EnsembleDoc, opts: EnsembleChartOptions) => TopLevelSpec
> = {
  'fan-factions': fanFactionsChart,
  'fan-policy': fanPolicyChart,
  'fan-counts': fanCountsChart,
  probability: probabilityChart,
  'first-recognizer': firstRecognizerChart,
  cascade: cascadeChart,
  'first-recognition-month': firstRecognitionMonthChart,
};

/** The Vega-Lite spec of one ensemble chart. Throws a RangeError for an unknown kind or k outside 1..6. */
export function buildEnsembleChart(
  kind: EnsembleChartKind,
  doc: EnsembleDoc,
  opts: EnsembleChartOptions = {},
): TopLevelSpec {
  return builderOf(ENSEMBLE_BUILDERS, kind)(doc, opts);
}

// ---------------------------------------------------------------------------------------------- studies

const COMPARE_BUILDERS: Record<CompareChartKind, (doc: CompareDoc, opts: ChartOptions) => TopLevelSpec> = {
  compare: compareChart,
  'compare-differences': compareDifferencesChart,
};

/** The Vega-Lite spec of one chart of a comparison. Throws a RangeError for an unknown kind. */
export function buildCompareChart(
  kind: CompareChartKind,
  doc: CompareDoc,
  opts: ChartOptions = {},
): TopLevelSpec {
  return builderOf(COMPARE_BUILDERS, kind)(doc, opts);
}

/** The charts of a study document, in the order of its kinds: compare → 2 charts, the others → 1. */
export function buildStudyCharts(
  doc: CompareDoc | SensitivityDoc | DiscoverDoc,
  opts: ChartOptions = {},
): { kind: StudyChartKind; spec: TopLevelSpec }[] {
  switch (doc.kind) {
    case 'compare':
      return COMPARE_CHART_KINDS.map((kind) => ({ kind, spec: buildCompareChart(kind, doc, opts) }));
    case 'sensitivity':
      return [{ kind: 'sensitivity', spec: sensitivityChart(doc, opts) }];
    case 'discover':
      return [{ kind: 'discover', spec: discoverChart(doc, opts) }];
  }
}

// ---------------------------------------------------------------------------------------------- rendering

export interface RenderedChart<K extends string = ChartKind> {
  kind: K;
  spec: TopLevelSpec;
  /** always rendered (the PNG is drawn from it) */
  svg: string;
  /** empty unless 'png' was among the formats */
  png: Uint8Array;
}

/**
 * Render specs, in the order given, for files named `<kind>.vl.json`, `.svg` and `.png`. The SVG is
 * always produced; the PNG (2× the SVG size) only when `formats` includes 'png'.
 */
export async function renderSpecs<K extends string>(
  charts: readonly { kind: K; spec: TopLevelSpec }[],
  formats: readonly ChartFormat[] = ['svg', 'png'],
  store?: RuntimeStore,
): Promise<RenderedChart<K>[]> {
  const wantPng = formats.includes('png');
  const [{ memoryStore, toSvg }, png] = await Promise.all([
    import('./render.js'),
    wantPng ? import('./png.js') : undefined,
  ]);
  const structures = store ?? memoryStore();
  const out: Promise<RenderedChart<K>>[] = [];
  for (const { kind, spec } of charts) {
    const svg = await toSvg(spec, structures);
    // rasterize on the thread pool while the next chart is laid out
    const bytes = png ? png.svgToPngAsync(svg, 2) : Promise.resolve(new Uint8Array(0));
    out.push(bytes.then((b) => ({ kind, spec, svg, png: b })));
  }
  return Promise.all(out);
}

/**
 * Build and render charts (all kinds by default), in the order given. The SVG is always produced;
 * the PNG (2× the SVG size) only when `formats` includes 'png'.
 */
export async function renderCharts(
  doc: ResultsDoc,
  kinds: readonly ChartKind[] = CHART_KINDS,
  formats: readonly ChartFormat[] = ['svg', 'png'],
  store?: RuntimeStore,
): Promise<RenderedChart[]> {
  return renderSpecs(
    kinds.map((kind) => ({ kind, spec: buildChart(kind, doc) })),
    formats,
    store,
  );
}

// ---------------------------------------------------------------------------------------------- validation

// The kinds, descriptions and dispatch of the validation charts live with their builders (pure, like
// the other spec modules: no vega, vega-lite or resvg at run time) and are re-exported here.
export {
  BACKTEST_CHART_KINDS,
  type BacktestChartKind,
  buildValidationCharts,
  CALIBRATION_CHART_KINDS,
  type CalibrationChartKind,
  EXPLAIN_CHART_KINDS,
  FORECAST_CHART_KINDS,
  ROLLING_CHART_KINDS,
  VALIDATION_CHART_DESCRIPTIONS,
  VALIDATION_CHART_KINDS,
  type ValidationChartKind,
  type ValidationDoc,
} from './validation.js';
