// The rolling-origin backtest's chart (RollingDoc): the Brier score of the model, persistence and the
// base rate at each horizon, with the model's skill over the better of the two, and the reliability
// diagram of the model's forecasts. Pure and browser-safe like the other spec modules.

import type { TopLevelSpec } from 'vega-lite';
import type { RollingDoc } from '../validation/docs.js';
import {
  baseConfig,
  CATEGORY_COLOURS,
  type ChartOptions,
  caption,
  chartTitle,
  FORMATS,
  inner,
  SCHEMA,
  sig3,
  subtitleLines,
  widthOf,
} from './style.js';

const FORECASTERS = ['model', 'persistence', 'base_rate'] as const;
const FORECASTER_LABELS = [
  'Model (refitted at each origin)',
  'Persistence (nothing moves)',
  'Base rate before the origin',
];
const FORECASTER_COLOURS = [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1], CATEGORY_COLOURS[3]];

const horizonLabel = (h: number | 'all') => (h === 'all' ? 'all horizons' : `${h} months`);
/** '+3%', '−17%', and '0%' for what rounds to no change (never '−0%'). */
function signedPct(x: number): string {
  const r = Math.round(100 * x);
  return r === 0 ? '0%' : `${r > 0 ? '+' : '−'}${Math.abs(r)}%`;
}

export interface RollingScoreDatum {
  horizon: string;
  forecaster: string;
  brier: number;
  log: number;
}

export function rollingScoreData(doc: RollingDoc): RollingScoreDatum[] {
  if (doc.scores.length === 0) throw new RangeError('rolling: the document has no scores');
  return doc.scores.flatMap((s) =>
    FORECASTERS.map((f, i) => {
      const { brier, log } = s[f];
      if (!Number.isFinite(brier) || !Number.isFinite(log))
        throw new RangeError(`rolling: the ${f} score at ${horizonLabel(s.horizon)} is not finite`);
      return { horizon: horizonLabel(s.horizon), forecaster: FORECASTER_LABELS[i]!, brier, log };
    }),
  );
}

/** "12 months: +1% [−17%, +16%] over the base rate", one a horizon. */
function skillLines(doc: RollingDoc): string[] {
  return doc.scores.map((s) =>
    s.skill === null
      ? `${horizonLabel(s.horizon)}: nothing happened`
      : `${horizonLabel(s.horizon)}: ${signedPct(s.skill.point)} [${signedPct(s.skill.lo)}, ${signedPct(s.skill.hi)}] over ${s.skill.reference === 'base_rate' ? 'the base rate' : 'persistence'}`,
  );
}

/** 'model 0.0210, persistence 0.0220, base rate 0.0230' at each horizon: the bars' values. */
function brierLines(doc: RollingDoc): string[] {
  return doc.scores.map(
    (s) =>
      `${horizonLabel(s.horizon)}: ${FORECASTERS.map((f) => `${f.replace('_', ' ')} ${sig3(s[f].brier)}`).join(', ')}`,
  );
}

/** The origins, shortened to the first and last when there are more than three. */
function originsText(doc: RollingDoc): string {
  const o = doc.origins.map((x) => x.origin);
  return o.length > 3 ? `${o.length} origins ${o[0]} to ${o.at(-1)}` : `origins ${o.join(', ')}`;
}

/** The reliability diagram's side (px), and the room the two panels' axes and the spacing take. */
const RELIABILITY = 230;
const AXES = 80;

/**
 * Left: the mean Brier score of each forecaster at each horizon (lower is better). Right: the model's
 * reliability diagram — in each forecast bin, the mean forecast against how often the event happened,
 * the point's area the number of questions; a calibrated forecaster sits on the diagonal.
 * Data: the datasets 'scores' (RollingScoreDatum) and 'reliability' (the non-empty bins).
 */
export function rollingChart(doc: RollingDoc, opts: ChartOptions = {}): TopLevelSpec {
  const width = widthOf(opts);
  const scores = rollingScoreData(doc);
  const bins = doc.reliability.filter((b) => b.n > 0 && b.mean_p !== null && b.observed !== null);
  const horizons = doc.scores.map((s) => horizonLabel(s.horizon));
  const colour = {
    field: 'forecaster',
    type: 'nominal',
    title: null,
    scale: { domain: FORECASTER_LABELS, range: FORECASTER_COLOURS },
    legend: { orient: 'bottom', direction: 'vertical' },
  } as const;
  const happened = doc.scores.at(-1);
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Out of sample: forecasts of who moves, refitted at each origin',
      ...subtitleLines(`${doc.scenario} · seed ${doc.seed} · ${doc.runs} runs · ${originsText(doc)}`, width),
    ),
    description: caption(
      `Forecasts of whether each country's rung is above (below) its rung at the origin ${doc.horizons.join(' and ')} months later, the model refitted on the record up to each origin (${doc.origins.map((o) => o.origin).join(', ')}), ${doc.runs} runs per forecast; ${happened?.questions ?? 0} questions, ${happened?.happened ?? 0} happened.`,
      `Mean Brier score (lower is better): ${brierLines(doc).join('; ')}.`,
      `The model's skill over the better reference (Brier; ${Math.round(100 * (doc.scores.find((s) => s.skill)?.skill?.level ?? 0.9))}% interval over countries): ${skillLines(doc).join('; ')}.`,
      'Right: in each forecast bin, the mean forecast against the share that happened, the area the number of questions; a calibrated forecaster sits on the diagonal.',
    ),
    datasets: { scores, reliability: bins },
    hconcat: [
      {
        title: { text: 'Mean Brier score (lower is better)', anchor: 'start', fontSize: 12 },
        data: { name: 'scores' },
        width: inner(width) - RELIABILITY - AXES,
        height: { step: 14 },
        mark: { type: 'bar' },
        encoding: {
          row: {
            field: 'horizon',
            type: 'nominal',
            title: null,
            sort: horizons,
            header: { labelAngle: 0, labelAlign: 'left', labelOrient: 'top' },
          },
          y: { field: 'forecaster', type: 'nominal', title: null, sort: FORECASTER_LABELS, axis: null },
          x: { field: 'brier', type: 'quantitative', title: 'Brier score', axis: { tickCount: 5 } },
          color: colour,
          tooltip: [
            { field: 'horizon', title: 'Horizon' },
            { field: 'forecaster', title: 'Forecaster' },
            { field: 'brier', type: 'quantitative', title: 'Brier', format: FORMATS.score },
            { field: 'log', type: 'quantitative', title: 'Log score', format: FORMATS.score },
          ],
        },
      },
      {
        title: { text: "Reliability of the model's forecasts", anchor: 'start', fontSize: 12 },
        data: { name: 'reliability' },
        width: RELIABILITY,
        height: RELIABILITY,
        layer: [
          {
            // the diagonal of a calibrated forecaster
            mark: { type: 'rule', color: '#999999', strokeDash: [4, 3] },
            encoding: {
              x: { datum: 0, type: 'quantitative' },
              y: { datum: 0, type: 'quantitative' },
              x2: { datum: 1 },
              y2: { datum: 1 },
            },
          },
          {
            mark: { type: 'circle', color: FORECASTER_COLOURS[0], opacity: 0.8 },
            encoding: {
              x: {
                field: 'mean_p',
                type: 'quantitative',
                title: 'Mean forecast in the bin',
                scale: { domain: [0, 1] },
                axis: { format: FORMATS.share },
              },
              y: {
                field: 'observed',
                type: 'quantitative',
                title: 'Share that happened',
                scale: { domain: [0, 1] },
                axis: { format: FORMATS.share },
              },
              size: {
                field: 'n',
                type: 'quantitative',
                title: 'Questions',
                scale: { type: 'sqrt', range: [30, 900] },
                // about three sizes, however many questions: the legend's width does not follow the data
                legend: { orient: 'bottom', direction: 'horizontal', tickCount: 3 },
              },
              tooltip: [
                { field: 'lo', type: 'quantitative', title: 'Bin from', format: FORMATS.share },
                { field: 'hi', type: 'quantitative', title: 'Bin to', format: FORMATS.share },
                { field: 'n', type: 'quantitative', title: 'Questions' },
                { field: 'mean_p', type: 'quantitative', title: 'Mean forecast', format: '.1%' },
                { field: 'observed', type: 'quantitative', title: 'Happened', format: '.1%' },
              ],
            },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent', size: 'independent' } },
    config: baseConfig(),
  } as TopLevelSpec;
}
