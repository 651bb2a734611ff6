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
  INK,
  inner,
  noteView,
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
  /** the Brier score as written beside its bar, to three significant digits */
  label: string;
}

export function rollingScoreData(doc: RollingDoc): RollingScoreDatum[] {
  if (doc.scores.length === 0) throw new RangeError('rolling: the document has no scores');
  return doc.scores.flatMap((s) =>
    FORECASTERS.map((f, i) => {
      const { brier, log } = s[f];
      if (!Number.isFinite(brier) || !Number.isFinite(log))
        throw new RangeError(`rolling: the ${f} score at ${horizonLabel(s.horizon)} is not finite`);
      return {
        horizon: horizonLabel(s.horizon),
        forecaster: FORECASTER_LABELS[i]!,
        brier,
        log,
        label: sig3(brier),
      };
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

/** The skill the chart states: over all horizons (or the last horizon listed). */
function headlineSkill(doc: RollingDoc): RollingDoc['scores'][number] {
  return doc.scores.find((s) => s.horizon === 'all') ?? doc.scores.at(-1)!;
}

/**
 * The model's skill as written under the Brier panel, two lines: "Model's skill over persistence, all
 * horizons:" and "+4% [−7%, +13%] (90% interval): no clear gain" — "no clear gain" when the interval
 * holds 0, "a clear gain" above it, "clearly worse" below.
 */
export function skillText(doc: RollingDoc): string[] {
  const s = headlineSkill(doc);
  const k = s.skill;
  if (k === null) return [`${horizonLabel(s.horizon)}: nothing happened,`, 'so no skill to measure'];
  const verdict = k.lo > 0 ? 'a clear gain' : k.hi < 0 ? 'clearly worse' : 'no clear gain';
  const reference = k.reference === 'base_rate' ? 'the base rate' : 'persistence';
  return [
    `Model's skill over ${reference}, ${horizonLabel(s.horizon)}:`,
    `${signedPct(k.point)} [${signedPct(k.lo)}, ${signedPct(k.hi)}] (${Math.round(100 * k.level)}% interval): ${verdict}`,
  ];
}

/** 'model 0.0210, persistence 0.0220, base rate 0.0230' at each horizon: the bars' values. */
function brierLines(doc: RollingDoc): string[] {
  return doc.scores.map(
    (s) =>
      `${horizonLabel(s.horizon)}: ${FORECASTERS.map((f) => `${f.replace('_', ' ')} ${sig3(s[f].brier)}`).join(', ')}`,
  );
}

/** The caveat when some refits stopped while still improving, or ''. */
function stillImproving(doc: RollingDoc): string {
  const n = doc.origins.filter((o) => o.still_improving).length;
  if (n === 0) return '';
  const at = n === doc.origins.length ? `every origin` : `${n} of the ${doc.origins.length} origins`;
  return `At ${at} the refit was still improving when its ${doc.evaluations} evaluations ran out: a longer search might fit the record better, and forecast differently.`;
}

/** The origins, shortened to the first and last when there are more than three. */
function originsText(doc: RollingDoc): string {
  const o = doc.origins.map((x) => x.origin);
  return o.length > 3 ? `${o.length} origins ${o[0]} to ${o.at(-1)}` : `origins ${o.join(', ')}`;
}

/** The reliability diagram's side (px), and the room the two panels' axes and the spacing take. */
const RELIABILITY = 230;
const AXES = 80;
/** The bubbles' areas (px²): the largest (radius 9 px) stays off the axis labels, which the scales'
 * padding keeps RELIABILITY_PAD px away from the plot's corner. */
const BUBBLE_SIZES = [15, 250];
const RELIABILITY_PAD = 10;
const FIFTHS = [0, 0.2, 0.4, 0.6, 0.8, 1];
/** The line height (px) of the skill's two lines under the bars. */
const SKILL_LINE = 14;

/** "15 of 460 questions happened" over all horizons, and at each: "6 months: 5 of 230". */
export function happenedText(doc: RollingDoc): { all: string; byHorizon: string } {
  const all = doc.scores.find((s) => s.horizon === 'all') ?? doc.scores.at(-1)!;
  return {
    all: `${all.happened} of ${all.questions} questions happened`,
    byHorizon: doc.scores
      .filter((s) => s.horizon !== 'all')
      .map((s) => `${horizonLabel(s.horizon)}: ${s.happened} of ${s.questions}`)
      .join('; '),
  };
}

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
  const happened = happenedText(doc);
  // the bars in the left 78% of the panel, their values right of them
  // (the reliability's '100%' reaches a few px past its plot)
  const barWidth = inner(width) - RELIABILITY - AXES - 4;
  const share = (title: string) =>
    ({
      type: 'quantitative',
      title,
      scale: { domain: [0, 1], padding: RELIABILITY_PAD },
      axis: { format: FORMATS.share, values: FIFTHS },
    }) as const;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Out of sample: forecasts of who moves, refitted at each origin',
      ...subtitleLines(`${doc.scenario} · seed ${doc.seed} · ${doc.runs} runs · ${originsText(doc)}`, width),
    ),
    description: caption(
      `Forecasts of whether each country's rung is above (below) its rung at the origin ${doc.horizons.join(' and ')} months later, the model refitted on the record up to each origin (${doc.origins.map((o) => o.origin).join(', ')}), ${doc.runs} runs per forecast.`,
      `${happened.all}${happened.byHorizon ? ` (${happened.byHorizon})` : ''}.`,
      `Mean Brier score (lower is better): ${brierLines(doc).join('; ')}.`,
      `The model's skill over the better reference (Brier; ${Math.round(100 * (doc.scores.find((s) => s.skill)?.skill?.level ?? 0.9))}% interval over countries): ${skillLines(doc).join('; ')}.`,
      'Right: in each forecast bin, the mean forecast against the share that happened, the area the number of questions; a calibrated forecaster sits on the diagonal.',
      stillImproving(doc),
    ),
    datasets: { scores, reliability: bins, skill: [{ lines: skillText(doc) }] },
    hconcat: [
      {
        vconcat: [
          {
            title: { text: 'Mean Brier score (lower is better)', anchor: 'start', fontSize: 12 },
            data: { name: 'scores' },
            facet: {
              row: {
                field: 'horizon',
                type: 'nominal',
                title: null,
                sort: horizons,
                header: { labelAngle: 0, labelAlign: 'left', labelOrient: 'top' },
              },
            },
            spec: {
              width: barWidth,
              height: { step: 14 },
              encoding: {
                y: { field: 'forecaster', type: 'nominal', title: null, sort: FORECASTER_LABELS, axis: null },
                x: {
                  field: 'brier',
                  type: 'quantitative',
                  title: null,
                  scale: { zero: true, range: [0, Math.round(0.78 * barWidth)] },
                  // the values are written beside the bars
                  axis: null,
                },
                tooltip: [
                  { field: 'horizon', title: 'Horizon' },
                  { field: 'forecaster', title: 'Forecaster' },
                  { field: 'brier', type: 'quantitative', title: 'Brier', format: FORMATS.score },
                  { field: 'log', type: 'quantitative', title: 'Log score', format: FORMATS.score },
                ],
              },
              layer: [
                { mark: { type: 'bar' }, encoding: { color: colour } },
                {
                  mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
                  encoding: { text: { field: 'label' } },
                },
              ],
            },
          },
          // the model's skill and its interval, and what it says, under the bars
          noteView('skill', 2, barWidth, { field: 'lines', lineHeight: SKILL_LINE }),
        ],
        spacing: 10,
      },
      {
        title: {
          text: "Reliability of the model's forecasts",
          subtitle: happened.all,
          anchor: 'start',
          fontSize: 12,
          subtitleFontSize: 11,
        },
        data: { name: 'reliability' },
        width: RELIABILITY,
        height: RELIABILITY,
        layer: [
          {
            // the diagonal of a calibrated forecaster
            mark: { type: 'rule', color: '#999999', strokeDash: [4, 3] },
            encoding: {
              x: { datum: 0, ...share('Mean forecast in the bin') },
              y: { datum: 0, ...share('Share that happened') },
              x2: { datum: 1 },
              y2: { datum: 1 },
            },
          },
          {
            mark: { type: 'circle', color: FORECASTER_COLOURS[0], opacity: 0.8 },
            encoding: {
              x: { field: 'mean_p', ...share('Mean forecast in the bin') },
              y: { field: 'observed', ...share('Share that happened') },
              size: {
                field: 'n',
                type: 'quantitative',
                title: 'Questions',
                // from 1 question: no '0' entry in the legend (a bin drawn holds at least one)
                scale: { type: 'sqrt', range: BUBBLE_SIZES, domainMin: 1 },
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
