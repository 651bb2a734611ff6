// The rolling-origin backtest's chart (RollingDoc): the Brier score of the model, persistence and the
// base rate at each horizon, with the model's skill over the better of the two, and the reliability
// diagram of the model's forecasts. Pure and browser-safe like the other spec modules.

import type { TopLevelSpec } from 'vega-lite';
import type { RollingDoc } from '../validation/docs.js';
import { baseConfig, CATEGORY_COLOURS, chartTitle, SCHEMA } from './style.js';

const FORECASTERS = ['model', 'persistence', 'base_rate'] as const;
const FORECASTER_LABELS = [
  'Model (refitted at each origin)',
  'Persistence (nothing moves)',
  'Base rate before the origin',
];
const FORECASTER_COLOURS = [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1], CATEGORY_COLOURS[3]];

const horizonLabel = (h: number | 'all') => (h === 'all' ? 'all horizons' : `${h} months`);
const signedPct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(100 * x))}%`;

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

/** "12 months: +1% [−17%, +16%] over the base rate", one line per horizon. */
function skillLines(doc: RollingDoc): string[] {
  return doc.scores.map((s) =>
    s.skill === null
      ? `${horizonLabel(s.horizon)}: nothing happened`
      : `${horizonLabel(s.horizon)}: ${signedPct(s.skill.point)} [${signedPct(s.skill.lo)}, ${signedPct(s.skill.hi)}] over ${s.skill.reference === 'base_rate' ? 'the base rate' : 'persistence'}`,
  );
}

/**
 * Left: the mean Brier score of each forecaster at each horizon (lower is better). Right: the model's
 * reliability diagram — in each forecast bin, the mean forecast against how often the event happened,
 * the point's area the number of questions; a calibrated forecaster sits on the diagonal.
 */
export function rollingChart(doc: RollingDoc): TopLevelSpec {
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
      `${doc.scenario} · seed ${doc.seed} · origins ${doc.origins.map((o) => o.origin).join(', ')}`,
      `${doc.runs} runs per forecast · ${happened?.questions ?? 0} questions, ${happened?.happened ?? 0} happened`,
      `skill over the better reference (Brier; ${Math.round(100 * (doc.scores.find((s) => s.skill)?.skill?.level ?? 0.9))}% interval over countries):`,
      ...skillLines(doc),
    ),
    hconcat: [
      {
        title: { text: 'Mean Brier score (lower is better)', anchor: 'start', fontSize: 12 },
        data: { values: scores },
        width: 300,
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
          x: { field: 'brier', type: 'quantitative', title: 'Brier score', axis: { format: '.3f' } },
          color: colour,
          tooltip: [
            { field: 'horizon', title: 'Horizon' },
            { field: 'forecaster', title: 'Forecaster' },
            { field: 'brier', type: 'quantitative', title: 'Brier', format: '.4f' },
            { field: 'log', type: 'quantitative', title: 'Log score', format: '.3f' },
          ],
        },
      },
      {
        title: { text: "Reliability of the model's forecasts", anchor: 'start', fontSize: 12 },
        data: { values: bins },
        width: 260,
        height: 260,
        layer: [
          {
            data: { values: [{ p: 0 }, { p: 1 }] },
            mark: { type: 'line', color: '#999999', strokeDash: [4, 3] },
            encoding: {
              x: { field: 'p', type: 'quantitative' },
              y: { field: 'p', type: 'quantitative' },
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
                axis: { format: '.0%' },
              },
              y: {
                field: 'observed',
                type: 'quantitative',
                title: 'Share that happened',
                scale: { domain: [0, 1] },
                axis: { format: '.0%' },
              },
              size: {
                field: 'n',
                type: 'quantitative',
                title: 'Questions',
                scale: { type: 'sqrt', range: [30, 900] },
                legend: { orient: 'bottom', direction: 'horizontal' },
              },
              tooltip: [
                { field: 'lo', type: 'quantitative', title: 'Bin from', format: '.2f' },
                { field: 'hi', type: 'quantitative', title: 'Bin to', format: '.2f' },
                { field: 'n', type: 'quantitative', title: 'Questions' },
                { field: 'mean_p', type: 'quantitative', title: 'Mean forecast', format: '.3f' },
                { field: 'observed', type: 'quantitative', title: 'Happened', format: '.3f' },
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
