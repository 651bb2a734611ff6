// The calibration's charts (CalibrationDoc): the search for the best parameters (the loss of each
// evaluation and the best so far), and where each fitted parameter ended in its search range.
// Pure and browser-safe like the other spec modules.

import type { TopLevelSpec } from 'vega-lite';
import type { CalibrationDoc } from '../validation/docs.js';
import { finite } from './checks.js';
import { factorNames } from './study.js';
import {
  baseConfig,
  type ChartOptions,
  caption,
  chartTitle,
  DOWN,
  FORMATS,
  GREY,
  INK,
  inner,
  MODEL_COLOUR,
  nameAxisExtent,
  namesY,
  QUARTERS,
  RANGE_GREY,
  SCHEMA,
  shareText,
  sig3,
  subtitleLines,
  widthOf,
} from './style.js';

/** "baseline · seed 42 · 100 paths per evaluation · 2021-08 to 2025-06" (the record fitted on) */
function calibrationSubtitle(doc: CalibrationDoc): string {
  return `${doc.scenario} · seed ${doc.seed} · ${doc.paths} paths per evaluation · ${doc.start} to ${doc.end}`;
}

/** The caption's account of the fit: method, likelihood and its Monte Carlo noise, Brier before and after. */
function calibrationSentences(doc: CalibrationDoc): string[] {
  const l = doc.likelihood;
  return [
    fitSentence(doc),
    `Log-likelihood of the record ${sig3(l.before.loglik)} at the start (no offsets), ${sig3(l.after.loglik)} fitted (offsets' penalty ${sig3(l.prior_penalty)}); a constant hazard per country (${l.constant_hazard.parameters} parameters): ${sig3(l.constant_hazard.loglik)}.`,
    noiseSentence(doc),
    brierSentence(doc),
  ];
}

function fitSentence(doc: CalibrationDoc): string {
  return `${doc.params.length} parameters fitted by ${doc.method}, over ${doc.paths} latent paths per evaluation${doc.still_improving ? ', still improving at the last evaluation' : ''}.`;
}

/** The Monte Carlo caveat, from the effective number of paths at the fit ('' when the doc has none). */
export function noiseSentence(doc: CalibrationDoc): string {
  const ess = doc.likelihood.after.ess;
  if (!ess || !Number.isFinite(ess.country) || !Number.isFinite(ess.joint)) return '';
  return `Effective paths at the fit: ${sig3(ess.country)} per country, ${sig3(ess.joint)} jointly, so differences this small may be Monte Carlo noise.`;
}

/** The Brier scores on the record the fit saw, with how many parameters it fitted to it. */
function brierSentence(doc: CalibrationDoc): string {
  const s = doc.in_sample;
  const n = doc.likelihood.parameters;
  const offsets = n - doc.params.length;
  const of = offsets > 0 ? `, ${offsets} of them country offsets` : '';
  return `In-sample Brier (${n} parameters fitted to this record${of}): ${sig3(s.model_before.brier)} before, ${sig3(s.model_after.brier)} after; persistence ${sig3(s.persistence.brier)}, trend ${sig3(s.trend.brier)}; lower is better.`;
}

// ---------------------------------------------------------------------------------------------- trace

export interface TraceDatum {
  evaluation: number;
  /** the penalized log-likelihood of the record at this evaluation: −loss (the search minimizes the loss) */
  penalized: number;
  /** the best penalized log-likelihood so far */
  best: number;
  /** the running best went down: the search started again from a new point */
  restart: boolean;
}
export interface BestDatum extends TraceDatum {
  label: string;
  /** the side of the ring its label goes: toward the middle of the search */
  side: 'left' | 'right';
}

/** What the trace plots, on the axis and in the caption. */
const PENALIZED = 'Penalized log-likelihood';

/**
 * The calibration's search: the penalized log-likelihood of the record at each evaluation (faint
 * points; the trace's loss with its sign turned, so that its figures read like the caption's
 * log-likelihoods) and the best so far (a step line); a dashed rule where the best goes down, which
 * only a restart of the search can do; the best evaluation ringed and labelled.
 * Data: the datasets 'trace' (TraceDatum) and 'best' (BestDatum).
 */
export function calibrationTraceChart(doc: CalibrationDoc, opts: ChartOptions = {}): TopLevelSpec {
  if (doc.trace.length === 0) throw new RangeError('calibration-trace: the trace is empty (no evaluations)');
  const width = widthOf(opts);
  const values: TraceDatum[] = doc.trace.map((t, i) => {
    const prev = doc.trace[i - 1];
    finite('calibration-trace', t.loss, `the loss of evaluation ${t.evaluation}`);
    finite('calibration-trace', t.best, `the best loss at evaluation ${t.evaluation}`);
    if (prev && !(t.evaluation > prev.evaluation))
      throw new RangeError(
        `calibration-trace: evaluations must increase (${t.evaluation} follows ${prev.evaluation})`,
      );
    return {
      evaluation: t.evaluation,
      penalized: -t.loss,
      best: -t.best,
      restart: prev !== undefined && t.best > prev.best,
    };
  });
  const best = values.reduce((b, v) => (v.penalized > b.penalized ? v : b), values[0]!);
  const start = values[0]!;
  const last = values.at(-1)!.evaluation;
  const bestRow: BestDatum = {
    ...best,
    label: `best ${sig3(best.penalized)} at evaluation ${best.evaluation}`,
    side: best.evaluation - start.evaluation > (last - start.evaluation) / 2 ? 'left' : 'right',
  };
  const restarts = values.filter((v) => v.restart).length;
  const l = doc.likelihood;
  // the y axis's labels and title take about 70 px
  const plot = inner(width) - 70;
  const x = {
    field: 'evaluation',
    type: 'quantitative',
    title: 'Evaluation',
    // a tick every 64 px or more: '38 40' crowded at the plot's end
    axis: { tickMinStep: 1, format: 'd', tickCount: Math.max(2, Math.floor(plot / 64)) },
  } as const;
  const y = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: `${PENALIZED} of the record (higher is better)`,
      // room under the highest value for the best evaluation's label
      scale: { zero: false, padding: 28 },
      axis: { format: FORMATS.score },
    }) as const;
  const tooltip = [
    { field: 'evaluation', type: 'quantitative', title: 'Evaluation' },
    { field: 'penalized', type: 'quantitative', title: PENALIZED, format: FORMATS.score },
    { field: 'best', type: 'quantitative', title: 'Best so far', format: FORMATS.score },
  ] as const;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Calibration: the search for the best parameters',
      ...subtitleLines(calibrationSubtitle(doc), width),
    ),
    description: caption(
      `Dots: each evaluation's ${PENALIZED.toLowerCase()} (the record's log-likelihood minus the prior penalty of the per-country offsets, refitted each time); line: the best so far${restarts ? `; dashed rules: restarts of the search (${restarts})` : ''}; ring: the best.`,
      `It rose from ${sig3(start.penalized)} (evaluation ${start.evaluation}) to ${sig3(best.penalized)} (evaluation ${best.evaluation}): log-likelihood ${sig3(l.after.loglik)} minus penalty ${sig3(l.prior_penalty)}.`,
      fitSentence(doc),
      noiseSentence(doc),
      brierSentence(doc),
    ),
    datasets: { trace: values, best: [bestRow] },
    data: { name: 'trace' },
    width: plot,
    height: 280,
    encoding: { x },
    layer: [
      {
        transform: [{ filter: 'datum.restart' }],
        mark: { type: 'rule', color: '#999999', strokeDash: [4, 3] },
        encoding: { tooltip: [tooltip[0]] },
      },
      {
        mark: { type: 'point', filled: true, size: 24, opacity: 0.5, color: '#888888' },
        encoding: { y: y('penalized'), tooltip: [...tooltip] },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.2, color: MODEL_COLOUR },
        encoding: {
          y: y('best'),
          tooltip: [{ field: 'best', type: 'quantitative', title: 'Best so far', format: FORMATS.score }],
        },
      },
      {
        data: { name: 'best' },
        encoding: { x, y: y('penalized'), tooltip: [...tooltip] },
        // the label over the ring (the highest value: nothing else is there), toward the middle of the search
        layer: [
          { mark: { type: 'point', size: 200, strokeWidth: 2, color: INK, opacity: 1 } },
          ...(['left', 'right'] as const).map((side) => ({
            transform: [{ filter: `datum.side === '${side}'` }],
            mark: {
              type: 'text' as const,
              align: side === 'left' ? ('right' as const) : ('left' as const),
              baseline: 'bottom' as const,
              dx: side === 'left' ? -4 : 4,
              dy: -10,
              fontSize: 11,
              color: INK,
            },
            encoding: { text: { field: 'label' } },
          })),
        ],
      },
    ],
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- params

export interface ParamDatum {
  path: string;
  /** its readable name, on the axis (the path is in the tooltip) */
  name: string;
  lo: number;
  hi: number;
  start: number;
  fitted: number;
  /** start and fitted value as a share of the range lo..hi */
  start_x: number;
  fitted_x: number;
  lo_label: string;
  hi_label: string;
  start_label: string;
  fitted_label: string;
}
export interface ParamPoint {
  path: string;
  name: string;
  which: string;
  x: number;
  value: number;
}

/** A parameter's value to three significant digits, zero as '0' (sig3 writes '0.00', which reads as
 * two decimals beside '0.0600'). A candidate for style.ts. */
export function paramText(x: number): string {
  return x === 0 ? '0' : sig3(x);
}

/** The legend of the points: each says where its value is written (reader 3: which number is which). */
export const PARAM_POINT_KINDS = [
  'start (written below)',
  'fitted (written above)',
  'fitted, at a bound',
] as const;

/** A fitted value this close to a bound (share of the range) counts as at the bound. */
export const AT_BOUND = 0.01;
/** The position axis: the range 0..1 and room at both ends for the bounds' labels (a start value
 * outside the range is drawn at the edge). */
const POSITION_DOMAIN = [-0.3, 1.3];

/**
 * Each parameter's search range as a grey bar normalized to 0..1 (its bounds written at the ends, in
 * the parameter's own units), the start value (grey circle) and the fitted value (diamond, orange if it
 * ended on a bound), with their values. Data: the datasets 'params' (ParamDatum) and 'param_points'
 * (ParamPoint).
 */
export function calibrationParamsChart(doc: CalibrationDoc, opts: ChartOptions = {}): TopLevelSpec {
  if (doc.params.length === 0) throw new RangeError('calibration-params: the calibration has no parameters');
  const width = widthOf(opts);
  const kinds = PARAM_POINT_KINDS;
  const names = factorNames(doc.params.map((p) => p.path));
  const values: ParamDatum[] = doc.params.map((p) => {
    for (const key of ['lo', 'hi', 'start', 'fitted'] as const)
      finite('calibration-params', p[key], `${key} of '${p.path}'`);
    if (!(p.hi > p.lo))
      throw new RangeError(
        `calibration-params: '${p.path}' has bounds ${p.lo}..${p.hi} (lo must be below hi)`,
      );
    const at = (v: number) => (v - p.lo) / (p.hi - p.lo);
    return {
      path: p.path,
      name: names.get(p.path)!,
      lo: p.lo,
      hi: p.hi,
      start: p.start,
      fitted: p.fitted,
      start_x: at(p.start),
      fitted_x: at(p.fitted),
      lo_label: paramText(p.lo),
      hi_label: paramText(p.hi),
      start_label: paramText(p.start),
      fitted_label: paramText(p.fitted),
    };
  });
  const points: ParamPoint[] = values.flatMap((v) => {
    const atBound = v.fitted_x <= AT_BOUND || v.fitted_x >= 1 - AT_BOUND;
    return [
      { path: v.path, name: v.name, which: kinds[0]!, x: v.start_x, value: v.start },
      { path: v.path, name: v.name, which: kinds[atBound ? 2 : 1]!, x: v.fitted_x, value: v.fitted },
    ];
  });
  const scale = { domain: POSITION_DOMAIN, nice: false, clamp: true };
  const position = {
    type: 'quantitative',
    title: 'Position in the search range',
    scale,
    axis: { values: QUARTERS, format: FORMATS.share },
  } as const;
  const x = (field: string) => ({ field, ...position }) as const;
  const extent = Math.min(Math.round(0.45 * inner(width)), nameAxisExtent(values.map((v) => v.name)));
  const y = namesY(
    'name',
    values.map((v) => v.name),
    extent,
  );
  const tooltip = [
    { field: 'name', type: 'nominal', title: 'Parameter' },
    { field: 'path', type: 'nominal', title: 'Path' },
    { field: 'lo_label', type: 'nominal', title: 'Lower bound' },
    { field: 'hi_label', type: 'nominal', title: 'Upper bound' },
    { field: 'start_label', type: 'nominal', title: 'Start value' },
    { field: 'fitted_label', type: 'nominal', title: 'Fitted value' },
  ] as const;
  const atEnd = (v: number) => ({ datum: v, type: 'quantitative', scale }) as const;
  const text = (
    field: string,
    xEnc: ReturnType<typeof x> | ReturnType<typeof atEnd>,
    o: { align: 'left' | 'right' | 'center'; dx?: number; dy?: number; color?: string },
  ) => ({
    mark: { type: 'text' as const, fontSize: 11, baseline: 'middle' as const, color: '#555555', ...o },
    encoding: { x: xEnc, text: { field } },
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Calibration: the fitted parameters in their search ranges',
      ...subtitleLines(calibrationSubtitle(doc), width),
    ),
    description: caption(
      // the parameters' paths are in the tooltips: the caption stays short
      'Grey bar: each search range, bounds in the parameter’s units; under the marks the start value, over them the fitted value.',
      `Orange diamond: within ${shareText(AT_BOUND)} of the range from a bound; a wider range might fit better.`,
      ...calibrationSentences(doc),
    ),
    datasets: { params: values, param_points: points },
    data: { name: 'params' },
    width: inner(width) - extent,
    height: { step: 44 },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: RANGE_GREY, height: { band: 0.35 } },
        encoding: { x: { datum: 0, ...position }, x2: { datum: 1 }, tooltip: [...tooltip] },
      },
      {
        mark: { type: 'rule', color: '#777777', strokeWidth: 1.2 },
        encoding: { x: x('start_x'), x2: { field: 'fitted_x' }, tooltip: [...tooltip] },
      },
      text('lo_label', atEnd(0), { align: 'right', dx: -6 }),
      text('hi_label', atEnd(1), { align: 'left', dx: 6 }),
      text('start_label', x('start_x'), { align: 'center', dy: 14 }),
      text('fitted_label', x('fitted_x'), { align: 'center', dy: -14, color: INK }),
      {
        data: { name: 'param_points' },
        mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
        encoding: {
          x: x('x'),
          color: {
            field: 'which',
            type: 'nominal',
            title: null,
            scale: { domain: kinds, range: [GREY, MODEL_COLOUR, DOWN] },
            // two entries a line: the three say where their numbers are written, and are long
            legend: { orient: 'bottom', direction: 'horizontal', columns: 2 },
          },
          shape: {
            field: 'which',
            type: 'nominal',
            title: null,
            scale: { domain: kinds, range: ['circle', 'diamond', 'diamond'] },
          },
          tooltip: [
            { field: 'name', type: 'nominal', title: 'Parameter' },
            { field: 'path', type: 'nominal', title: 'Path' },
            { field: 'which', type: 'nominal', title: 'Value' },
            { field: 'value', type: 'quantitative', title: 'In its units', format: FORMATS.score },
            { field: 'x', type: 'quantitative', title: 'Position in the range', format: '.1%' },
          ],
        },
      },
    ],
    config: baseConfig(),
  } as TopLevelSpec;
}
