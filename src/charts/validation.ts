// Vega-Lite spec builders for the validation documents: the backtest against the observed timeline
// (BacktestDoc), the calibration of parameters (CalibrationDoc), the rolling-origin backtest (RollingDoc,
// rolling.ts), forecast questions (ForecastDoc) and the
// term-by-term explanations of one month's decision (CountryExplanation, FactionExplanation).
// Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { ActorInfo } from '../model/results.js';
import { parseMonth } from '../model/time.js';
import { MAX_RUNG, RUNGS } from '../model/types.js';
import type {
  BacktestDoc,
  CalibrationDoc,
  CountryExplanation,
  FactionExplanation,
  ForecastDoc,
  RollingDoc,
  Scores,
} from '../validation/docs.js';
import { type FanDatum, type FanOptions, fanPanel } from './fan.js';
import { rollingChart } from './rolling.js';
import {
  actorsOfKind,
  baseConfig,
  blocLabel,
  CATEGORY_COLOURS,
  chartTitle,
  FAN_NOTE,
  factionColour,
  GREY,
  INK,
  type LayerPanel,
  MONTH_TOOLTIP,
  monthName,
  monthX,
  nameAxisExtent,
  POLICY_LABELS,
  panelTitle,
  RUNG_SHORT,
  RUNG_VALUES,
  rungAtLeast,
  SCHEMA,
  sortCountries,
  subtitleOf,
  type ViewSpec,
} from './style.js';

/** Pushes a quantity up (toward engagement, more power), holds it back, or is a total. */
const UP = CATEGORY_COLOURS[0];
const DOWN = CATEGORY_COLOURS[1];
const TOTAL = '#555555';
/** The light grey of a search range or a reference band. */
const RANGE_GREY = '#e3e3e3';
const MODEL_COLOUR = CATEGORY_COLOURS[0];

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
/** A value with its sign: '+0.35', '−0.40' (a true minus sign), '0.00'. */
function signed(x: number, digits = 2): string {
  const text = Math.abs(x).toFixed(digits);
  return Number(text) === 0 ? text : `${x > 0 ? '+' : '−'}${text}`;
}
/** A parameter value in its own units: up to 4 significant digits, no trailing zeros. */
const real = (x: number) => String(+x.toPrecision(4));
const pct = (x: number) => `${Math.round(100 * x)}%`;
const rungName = (k: number) => `${k} (${RUNGS[k] ?? '?'})`;

function finite(kind: string, x: number, what: string): number {
  if (!Number.isFinite(x)) throw new RangeError(`${kind}: ${what} is not a finite number (got ${x})`);
  return x;
}

function wholeRung(kind: string, k: number, what: string): number {
  if (!Number.isInteger(k) || k < 0 || k > MAX_RUNG)
    throw new RangeError(`${kind}: ${what} must be a whole rung from 0 to ${MAX_RUNG} (got ${k})`);
  return k;
}

function share(kind: string, p: number, what: string): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${kind}: ${what} must be a probability in 0..1 (got ${p})`);
  return p;
}

/** The next month: '2023-12' → '2024-01'. */

/** A month as a vega-lite DateTime (UTC), for a scale domain of 'YYYY-MM' months. */
function dateTime(month: string) {
  const m = parseMonth(month);
  return { year: Math.floor(m / 12), month: (m % 12) + 1, utc: true };
}

/** A readable label of a term name: from the table, else 'snake_case' → 'snake case'. */
function termLabel(labels: Record<string, string>, term: string): string {
  return Object.hasOwn(labels, term) ? labels[term]! : term.replaceAll('_', ' ');
}

/** The y axis of rungs: names at the whole rungs (the long names are in the tooltips). */
const RUNG_LABEL_EXPR = `${JSON.stringify(RUNG_SHORT)}[datum.value]`;

/** A y axis of names (countries, terms, questions) with a fixed extent, so that stacked panels line up. */
function namesY(field: string, sort: string[], extent: number) {
  return {
    field,
    type: 'nominal',
    title: null,
    sort,
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
}

/** A value written just right of its bar or point. */
function valueText(text: { field: string; type?: 'quantitative'; format?: string }) {
  return {
    mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
    encoding: { text },
  } as const;
}

// ---------------------------------------------------------------------------------------------- backtest

const FORECASTERS = ['model', 'persistence', 'trend'] as const;
type Forecaster = (typeof FORECASTERS)[number];
const FORECASTER_COLOURS = [MODEL_COLOUR, CATEGORY_COLOURS[1], CATEGORY_COLOURS[2]];
const FORECASTER_SHAPES = ['circle', 'square', 'triangle-up'];

function forecasterLabels(doc: BacktestDoc): Record<Forecaster, string> {
  return {
    model: 'Model',
    persistence: 'Persistence (no change from the start)',
    trend: `Trend (fitted on the first ${doc.trend_fit_months} months)`,
  };
}

/** 'mean absolute rung error: model 0.430 · persistence 0.650 · trend 0.710', and the same for Brier. */
function scoresLine(scores: BacktestDoc['scores']): string {
  const one = (key: keyof Scores, name: string) =>
    `${name}: ${FORECASTERS.map((f) => `${f} ${f3(scores[f][key])}`).join(' · ')}`;
  return `${one('mae', 'mean absolute rung error')}  |  ${one('brier', 'Brier')}  (lower is better)`;
}

/** The actor of a country id; an id the doc does not describe stands for itself, bloc 'Other'. */
function countryLookup(doc: { actors: ActorInfo[] }): (id: string) => ActorInfo {
  const byId = new Map(actorsOfKind(doc, 'country').map((a) => [a.id, a]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'country' };
}

function requireCountries(kind: string, doc: BacktestDoc): BacktestDoc['per_country'] {
  if (doc.per_country.length === 0) throw new RangeError(`${kind}: the backtest has no countries`);
  return doc.per_country;
}

/** The countries of a backtest ordered by bloc, then by observed rung at the end (most engaged first). */
function backtestOrder(doc: BacktestDoc) {
  const country = countryLookup(doc);
  const byId = new Map(doc.per_country.map((c) => [c.country, c]));
  return sortCountries(
    doc.per_country.map((c) => country(c.country)),
    (a) => byId.get(a.id)?.end_observed ?? -1,
  ).map((actor) => ({ actor, row: byId.get(actor.id)! }));
}

export interface BacktestDatum extends FanDatum {
  country: string;
  bloc: string;
  observed: number;
}

const BACKTEST_MODEL = 'Model: median of the runs';
const BACKTEST_OBSERVED = 'Observed rung';
const BACKTEST_PANEL = { width: 150, height: 100 } as const;
const BACKTEST_COLUMNS = 5;

/** One row per country and month: the band's quantiles and the observed rung; checks the lengths. */
export function backtestData(doc: BacktestDoc): BacktestDatum[] {
  const n = doc.months.length;
  if (n === 0) throw new RangeError('backtest: the document has no months');
  const out: BacktestDatum[] = [];
  for (const { actor, row } of backtestOrder(doc)) {
    const { band } = row;
    const series = { observed: row.observed, p05: band.p05, p25: band.p25, p50: band.p50 };
    const all = { ...series, p75: band.p75, p95: band.p95 };
    for (const [name, values] of Object.entries(all))
      if (values.length !== n)
        throw new RangeError(
          `backtest: ${name === 'observed' ? 'observed' : `band ${name}`} of '${row.country}' has ${values.length} values, expected one per month (${n})`,
        );
    doc.months.forEach((date, m) => {
      out.push({
        date,
        series: BACKTEST_MODEL,
        country: actor.name,
        bloc: blocLabel(actor),
        p05: band.p05[m]!,
        p25: band.p25[m]!,
        p50: band.p50[m]!,
        p75: band.p75[m]!,
        p95: band.p95[m]!,
        observed: row.observed[m]!,
      });
    });
  }
  return out;
}

/**
 * Observed against simulated, one small panel per country, panels grouped by bloc: the simulated 90%
 * and 50% bands and median of the rung, and the observed rung as a black step line on top.
 */
export function backtestChart(doc: BacktestDoc): TopLevelSpec {
  requireCountries('backtest', doc);
  const values = backtestData(doc);
  const ordered = backtestOrder(doc);
  const blocs = [...new Set(ordered.map((c) => blocLabel(c.actor)))];
  const extent = 84;
  // an axis variable, not a literal: FanOptions names only the usual axis properties
  const axis: FanOptions['y']['axis'] = { format: 'd', minExtent: extent, maxExtent: extent };
  // a tick count below 7 would thin the given values out (vega's validTicks)
  Object.assign(axis, {
    values: RUNG_VALUES,
    tickCount: RUNG_VALUES.length,
    labelExpr: RUNG_LABEL_EXPR,
    grid: true,
  });
  const fan = fanPanel({
    nMonths: doc.months.length,
    ...BACKTEST_PANEL,
    series: [BACKTEST_MODEL, BACKTEST_OBSERVED],
    colours: [MODEL_COLOUR, INK],
    legend: { title: null },
    // a little room above rung 6 and below rung 0 keeps the lines off the frame
    y: { title: 'Rung', domain: [-0.4, MAX_RUNG + 0.4], axis },
    valueFormat: '.2~f',
  });
  const panel: LayerPanel = {
    ...fan,
    // the month axis needs no title under every panel
    encoding: { ...fan.encoding, x: { ...monthX(doc.months.length, BACKTEST_PANEL.width), title: null } },
    layer: [
      // quantiles of whole rungs change in steps from one month to the next, like the observed rung
      ...fan.layer.map((l) =>
        'mark' in l && typeof l.mark === 'object' && (l.mark.type === 'area' || l.mark.type === 'line')
          ? { ...l, mark: { ...l.mark, interpolate: 'step-after' as const } }
          : l,
      ),
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          y: { field: 'observed', type: 'quantitative' },
          color: { datum: BACKTEST_OBSERVED, type: 'nominal' },
          tooltip: [
            { field: 'country', type: 'nominal', title: 'Country' },
            { field: 'bloc', type: 'nominal', title: 'Bloc' },
          ],
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60, opacity: 0 },
        encoding: {
          y: { field: 'observed', type: 'quantitative' },
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'country', type: 'nominal', title: 'Country' },
            { field: 'observed', type: 'quantitative', title: 'Observed rung' },
            { field: 'p50', type: 'quantitative', title: 'Simulated median', format: '.2~f' },
            { field: 'p25', type: 'quantitative', title: '25th percentile', format: '.2~f' },
            { field: 'p75', type: 'quantitative', title: '75th percentile', format: '.2~f' },
            { field: 'p05', type: 'quantitative', title: '5th percentile', format: '.2~f' },
            { field: 'p95', type: 'quantitative', title: '95th percentile', format: '.2~f' },
          ],
        },
      },
    ],
  };
  // rows of at most five panels, each a facet of its own so that every panel has its month axis
  const views: ViewSpec[] = blocs.flatMap((bloc) => {
    const names = ordered.filter((c) => blocLabel(c.actor) === bloc).map((c) => c.actor.name);
    return Array.from({ length: Math.ceil(names.length / BACKTEST_COLUMNS) }, (_, row): ViewSpec => {
      const chunk = names.slice(row * BACKTEST_COLUMNS, (row + 1) * BACKTEST_COLUMNS);
      return {
        ...(row === 0 ? { title: panelTitle(bloc) } : {}),
        data: { values: values.filter((v) => chunk.includes(v.country)) },
        facet: {
          column: {
            field: 'country',
            type: 'nominal',
            title: null,
            sort: chunk,
            header: { labelAnchor: 'start', labelFontSize: 12, labelPadding: 4 },
          },
        },
        spacing: 12,
        bounds: 'flush',
        spec: panel,
      };
    });
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Backtest: observed engagement against the simulated runs, by country',
      subtitleOf(doc),
      scoresLine(doc.scores),
      `black step line: observed rung · blue ${FAN_NOTE}`,
    ),
    vconcat: views,
    spacing: 18,
    config: baseConfig(),
  };
}

export interface ScoreDatum {
  metric: string;
  forecaster: string;
  value: number;
}
export interface CountryScoreDatum {
  country: string;
  bloc: string;
  forecaster: string;
  mae: number;
}

const METRICS: { key: keyof Scores; label: string }[] = [
  { key: 'mae', label: 'Mean absolute rung error' },
  { key: 'brier', label: 'Brier score' },
  { key: 'end_miss', label: 'Share wrong at the end' },
];

/**
 * How far off each forecaster is: (a) the overall scores of the model and the naive forecasters, (b) the
 * mean absolute rung error of each country, countries sorted by the model's error (largest first).
 */
export function backtestScoresChart(doc: BacktestDoc): TopLevelSpec {
  const rows = requireCountries('backtest-scores', doc);
  const labels = forecasterLabels(doc);
  const names = FORECASTERS.map((f) => labels[f]);
  const country = countryLookup(doc);
  const overall: ScoreDatum[] = METRICS.flatMap((m) =>
    FORECASTERS.map((f) => ({
      metric: m.label,
      forecaster: labels[f],
      value: finite('backtest-scores', doc.scores[f][m.key], `${f} ${m.key}`),
    })),
  );
  const sorted = [...rows].sort(
    (a, b) => b.model_mae - a.model_mae || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
  );
  const perCountry: CountryScoreDatum[] = sorted.flatMap((r) => {
    const c = country(r.country);
    const mae: Record<Forecaster, number> = {
      model: r.model_mae,
      persistence: r.persistence_mae,
      trend: r.trend_mae,
    };
    return FORECASTERS.map((f) => ({
      country: c.name,
      bloc: blocLabel(c),
      forecaster: labels[f],
      mae: finite('backtest-scores', mae[f], `${f} MAE of '${r.country}'`),
    }));
  });
  const ranges = sorted.map((r) => ({
    country: country(r.country).name,
    lo: Math.min(r.model_mae, r.persistence_mae, r.trend_mae),
    hi: Math.max(r.model_mae, r.persistence_mae, r.trend_mae),
  }));
  const countryNames = ranges.map((r) => r.country);
  const extent = nameAxisExtent([...countryNames, ...names]);
  const forecaster = {
    field: 'forecaster',
    type: 'nominal',
    title: 'Forecaster',
    sort: names,
    scale: { domain: names, range: FORECASTER_COLOURS },
    legend: { orient: 'bottom', direction: 'vertical' },
  } as const;
  const countryY = namesY('country', countryNames, extent);
  const maeX = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Mean absolute rung error over the months',
      scale: { zero: true },
      axis: { tickCount: 8 },
    }) as const;
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) Overall, over all countries and months'),
      data: { values: overall },
      facet: {
        column: {
          field: 'metric',
          type: 'nominal',
          title: null,
          sort: METRICS.map((m) => m.label),
          header: { labelFontSize: 12, labelAnchor: 'start' },
        },
      },
      spacing: 24,
      resolve: { scale: { x: 'independent' } },
      spec: {
        width: 170,
        height: { step: 20 },
        encoding: {
          y: namesY('forecaster', names, extent),
          x: {
            field: 'value',
            type: 'quantitative',
            title: null,
            scale: { zero: true },
            // narrow panels: few ticks, trailing zeros trimmed, a label that would overlap dropped
            axis: { tickCount: 3, format: '~g', labelOverlap: 'greedy' },
          },
          tooltip: [
            { field: 'metric', type: 'nominal', title: 'Score' },
            { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
            { field: 'value', type: 'quantitative', title: 'Value', format: '.3f' },
          ],
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            encoding: { color: forecaster },
          },
          valueText({ field: 'value', type: 'quantitative', format: '.3f' }),
        ],
      },
    },
    {
      title: panelTitle('(b) Mean absolute rung error by country, largest model error first'),
      width: 420,
      height: { step: 18 },
      layer: [
        {
          data: { values: ranges },
          mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1.5 },
          encoding: {
            y: countryY,
            x: maeX('lo'),
            x2: { field: 'hi' },
            tooltip: [{ field: 'country', type: 'nominal', title: 'Country' }],
          },
        },
        {
          data: { values: perCountry },
          mark: { type: 'point', filled: true, size: 60, opacity: 0.95 },
          encoding: {
            y: countryY,
            x: maeX('mae'),
            color: forecaster,
            shape: {
              field: 'forecaster',
              type: 'nominal',
              title: 'Forecaster',
              sort: names,
              scale: { domain: names, range: FORECASTER_SHAPES },
              legend: { orient: 'bottom', direction: 'vertical' },
            },
            tooltip: [
              { field: 'country', type: 'nominal', title: 'Country' },
              { field: 'bloc', type: 'nominal', title: 'Bloc' },
              { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
              { field: 'mae', type: 'quantitative', title: 'Mean absolute rung error', format: '.3f' },
            ],
          },
        },
      ],
    },
  ];
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Backtest scores: the model against naive forecasters',
      subtitleOf(doc),
      scoresLine(doc.scores),
      'persistence: every country keeps its rung at the start · trend: each country’s rung trend, extrapolated',
      'Brier: over the events “rung ≥ k” (k = 1..6) of every country and month · share wrong at the end: countries whose final rung is missed',
    ),
    vconcat: views,
    spacing: 24,
    config: baseConfig(),
  };
}

export interface OrderDatum {
  country: string;
  bloc: string;
  source: string;
  /** the month, or the end of the window for a country that did not reach the rung (drawn at the edge) */
  date: string;
  reached: string;
  when: string;
}
export interface OrderSpan {
  country: string;
  from: string;
  to: string;
}

const ORDER_SOURCES = ['Observed', 'Model median'];

/**
 * When did each country first reach rung 4 and rung 5, observed against the model's median month: a
 * dumbbell per country, one panel per rung, Spearman's rho of the two orders in the panel title.
 * A country that did not reach the rung by the end is drawn at the right edge as ▶; countries that
 * reached it neither in the data nor in the model are left out and named under the panel title.
 */
export function backtestOrderChart(doc: BacktestDoc): TopLevelSpec {
  if (doc.order.length === 0)
    throw new RangeError('backtest-order: the backtest has no order of reaching rungs');
  const country = countryLookup(doc);
  const notBy = `not by ${monthName(doc.end)}`;
  const reached = ['reached in the window', `${notBy} (drawn at the edge)`];
  const width = 460;
  const x = (field: string) => ({ ...monthX(doc.months.length, width), field }) as const;
  // the whole window, set in one layer only (vega-lite reads DateTime domains of two layers as a conflict)
  const window = { domain: [dateTime(doc.start), dateTime(doc.end)] };
  const all = doc.order.flatMap((o) => o.countries.map((c) => country(c.country).name));
  const extent = nameAxisExtent(all);
  const views: ViewSpec[] = doc.order.map((o) => {
    wholeRung('backtest-order', o.k, 'k');
    if (o.k === 0) throw new RangeError('backtest-order: k must be a rung from 1 to 6 (got 0)');
    const shown = o.countries.filter((c) => c.observed !== null || c.model_median !== null);
    const omitted = o.countries.filter((c) => c.observed === null && c.model_median === null);
    // reached first at the top; not reached (null) after, by the model's month, then by name
    const key = (m: string | null) => (m === null ? '9999-99' : m);
    shown.sort(
      (a, b) =>
        key(a.observed).localeCompare(key(b.observed)) ||
        key(a.model_median).localeCompare(key(b.model_median)) ||
        (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
    );
    const points: OrderDatum[] = shown.flatMap((c) => {
      const a = country(c.country);
      return ([c.observed, c.model_median] as const).map((m, i) => ({
        country: a.name,
        bloc: blocLabel(a),
        source: ORDER_SOURCES[i]!,
        date: m ?? doc.end,
        reached: reached[m === null ? 1 : 0]!,
        when: m === null ? notBy : monthName(m),
      }));
    });
    const spans: OrderSpan[] = shown.map((c) => ({
      country: country(c.country).name,
      from: c.observed ?? doc.end,
      to: c.model_median ?? doc.end,
    }));
    const rho =
      o.spearman === null
        ? "Spearman's ρ not defined (too few countries reached it)"
        : `Spearman's ρ = ${f2(o.spearman)}`;
    const y = namesY(
      'country',
      spans.map((s) => s.country),
      extent,
    );
    const title = panelTitle(`First month at ${rungAtLeast(o.k)}: ${rho}`);
    return {
      title: omitted.length
        ? {
            ...title,
            subtitle: `reached it neither in the data nor in the model's median (left out): ${omitted.map((c) => country(c.country).name).join(', ')}`,
            subtitleFontSize: 11,
          }
        : title,
      width,
      height: { step: 18 },
      layer: [
        {
          data: { values: spans },
          mark: { type: 'rule', color: '#aaaaaa', strokeWidth: 2 },
          encoding: {
            y,
            x: x('from'),
            x2: { field: 'to' },
            tooltip: [{ field: 'country', type: 'nominal', title: 'Country' }],
          },
        },
        {
          data: { values: points },
          encoding: {
            y,
            x: { ...x('date'), scale: window },
            color: {
              field: 'source',
              type: 'nominal',
              title: 'First month at the rung',
              scale: { domain: ORDER_SOURCES, range: [INK, MODEL_COLOUR] },
              legend: { orient: 'bottom' },
            },
            shape: {
              field: 'reached',
              type: 'nominal',
              title: null,
              scale: { domain: reached, range: ['circle', 'triangle-right'] },
              legend: { orient: 'bottom' },
            },
            tooltip: [
              { field: 'country', type: 'nominal', title: 'Country' },
              { field: 'bloc', type: 'nominal', title: 'Bloc' },
              { field: 'source', type: 'nominal', title: 'Source' },
              { field: 'when', type: 'nominal', title: 'First month' },
            ],
          },
          // the model as a ring around the observed dot, so that the same month shows both
          layer: [
            {
              transform: [{ filter: `datum.source === '${ORDER_SOURCES[1]}'` }],
              mark: { type: 'point', filled: false, size: 130, strokeWidth: 2.2, opacity: 1 },
            },
            {
              transform: [{ filter: `datum.source === '${ORDER_SOURCES[0]}'` }],
              mark: { type: 'point', filled: true, size: 45, opacity: 1 },
            },
          ],
        },
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Backtest: in which order did countries reach diplomatic presence and ambassadors?',
      subtitleOf(doc),
      `black dot: first month the country stood at the rung · blue ring: the model's median first month over the runs · ▶: ${notBy}`,
    ),
    vconcat: views,
    spacing: 24,
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- calibration

/** "log-likelihood of the record −88.4 → −52.1 (constant hazard −64.6) · Brier 0.061 → 0.048 (…)" */
function calibrationScores(doc: CalibrationDoc): string {
  const l = doc.likelihood;
  const s = doc.in_sample;
  return `log-likelihood of the record ${f1(l.before.loglik)} → ${f1(l.after.loglik)} (per-country constant hazard ${f1(l.constant_hazard.loglik)}) · Brier ${f3(s.model_before.brier)} → ${f3(s.model_after.brier)} (persistence ${f3(s.persistence.brier)}, trend ${f3(s.trend.brier)})`;
}

function calibrationSubtitle(doc: CalibrationDoc): string {
  return `${doc.scenario} · seed ${doc.seed} · ${doc.paths} latent paths per evaluation · ${doc.method} · fitted on ${doc.start} to ${doc.end}${doc.still_improving ? ' · still improving at the last evaluation' : ''}`;
}

const f1 = (x: number) => (x < 0 ? `−${Math.abs(x).toFixed(1)}` : x.toFixed(1));

export interface TraceDatum {
  evaluation: number;
  loss: number;
  best: number;
  /** the running best went up: the search started again from a new point */
  restart: boolean;
}

/**
 * The calibration's search: the loss of each evaluation (faint points) and the best so far (a step
 * line); a dashed rule where the best goes up, which only a restart of the search can do.
 */
export function calibrationTraceChart(doc: CalibrationDoc): TopLevelSpec {
  if (doc.trace.length === 0) throw new RangeError('calibration-trace: the trace is empty (no evaluations)');
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
      loss: t.loss,
      best: t.best,
      restart: prev !== undefined && t.best > prev.best,
    };
  });
  const best = values.reduce((b, v) => (v.loss < b.loss ? v : b), values[0]!);
  const restarts = values.filter((v) => v.restart).length;
  const x = {
    field: 'evaluation',
    type: 'quantitative',
    title: 'Evaluation',
    axis: { tickMinStep: 1, format: 'd' },
  } as const;
  const y = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Loss: −(log-likelihood + log prior)',
      scale: { zero: false },
      axis: { format: '.1f' },
    }) as const;
  const tooltip = [
    { field: 'evaluation', type: 'quantitative', title: 'Evaluation' },
    { field: 'loss', type: 'quantitative', title: 'Loss', format: '.2f' },
    { field: 'best', type: 'quantitative', title: 'Best so far', format: '.2f' },
  ] as const;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Calibration: the search for the best parameters (${doc.params.length} parameters)`,
      calibrationSubtitle(doc),
      calibrationScores(doc),
      `dots: loss of each evaluation · line: best so far${restarts ? ` · dashed: restart of the search (${restarts})` : ''} · ring: best evaluation`,
    ),
    data: { values },
    width: 640,
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
        encoding: { y: y('loss'), tooltip: [...tooltip] },
      },
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.2, color: MODEL_COLOUR },
        encoding: {
          y: y('best'),
          tooltip: [{ field: 'best', type: 'quantitative', title: 'Best so far', format: '.2f' }],
        },
      },
      {
        data: {
          values: [{ ...best, label: `best ${best.loss.toFixed(2)} at evaluation ${best.evaluation}` }],
        },
        encoding: { x, y: y('loss'), tooltip: [...tooltip] },
        layer: [
          { mark: { type: 'point', size: 200, strokeWidth: 2, color: INK, opacity: 1 } },
          {
            mark: { type: 'text', align: 'left', baseline: 'top', dx: 8, dy: 6, fontSize: 11, color: INK },
            encoding: { text: { field: 'label' } },
          },
        ],
      },
    ],
    config: baseConfig(),
  };
}

export interface ParamDatum {
  path: string;
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
  which: string;
  x: number;
  value: number;
}

const QUARTERS = [0, 0.25, 0.5, 0.75, 1];
const UNIT = [0, 1];

/** A fitted value this close to a bound (share of the range) counts as at the bound. */
export const AT_BOUND = 0.01;

/**
 * Each parameter's search range as a grey bar normalized to 0..1 (its bounds written at the ends, in
 * the parameter's own units), the start value (grey circle) and the fitted value (diamond, orange if it
 * ended on a bound), with their values.
 */
export function calibrationParamsChart(doc: CalibrationDoc): TopLevelSpec {
  if (doc.params.length === 0) throw new RangeError('calibration-params: the calibration has no parameters');
  const kinds = [
    'start value',
    'fitted value',
    `fitted value at a bound (within ${pct(AT_BOUND)} of the range)`,
  ];
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
      lo: p.lo,
      hi: p.hi,
      start: p.start,
      fitted: p.fitted,
      start_x: at(p.start),
      fitted_x: at(p.fitted),
      lo_label: real(p.lo),
      hi_label: real(p.hi),
      start_label: real(p.start),
      fitted_label: real(p.fitted),
    };
  });
  const points: ParamPoint[] = values.flatMap((v) => {
    const atBound = v.fitted_x <= AT_BOUND || v.fitted_x >= 1 - AT_BOUND;
    return [
      { path: v.path, which: kinds[0]!, x: v.start_x, value: v.start },
      { path: v.path, which: kinds[atBound ? 2 : 1]!, x: v.fitted_x, value: v.fitted },
    ];
  });
  const xs = values.flatMap((v) => [v.start_x, v.fitted_x]);
  // room at both ends for the bounds' labels
  const domain = [Math.min(-0.25, ...xs.map((v) => v - 0.05)), Math.max(1.25, ...xs.map((v) => v + 0.05))];
  const position = {
    type: 'quantitative',
    title: 'Position in the search range (0% = lower bound, 100% = upper bound)',
    scale: { domain, nice: false },
    axis: { values: QUARTERS, format: '.0%' },
  } as const;
  const x = (field: string) => ({ field, ...position }) as const;
  const extent = Math.min(320, nameAxisExtent(values.map((v) => v.path)));
  const y = namesY(
    'path',
    values.map((v) => v.path),
    extent,
  );
  const tooltip = [
    { field: 'path', type: 'nominal', title: 'Parameter' },
    { field: 'lo', type: 'quantitative', title: 'Lower bound', format: '.4~g' },
    { field: 'hi', type: 'quantitative', title: 'Upper bound', format: '.4~g' },
    { field: 'start', type: 'quantitative', title: 'Start value', format: '.4~g' },
    { field: 'fitted', type: 'quantitative', title: 'Fitted value', format: '.4~g' },
  ] as const;
  const atEnd = (v: number) => ({ datum: v, type: 'quantitative', scale: { domain, nice: false } }) as const;
  const text = (
    field: string,
    xEnc: ReturnType<typeof x> | ReturnType<typeof atEnd>,
    o: { align: 'left' | 'right' | 'center'; dx?: number; dy?: number; color?: string },
  ) => ({
    mark: { type: 'text' as const, fontSize: 10, baseline: 'middle' as const, color: '#555555', ...o },
    encoding: { x: xEnc, text: { field } },
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Calibration: where the fitted parameters ended in their search ranges',
      calibrationSubtitle(doc),
      calibrationScores(doc),
      'grey bar: the search range, its bounds written at the ends · numbers under and over the marks: start and fitted value',
    ),
    data: { values },
    width: 440,
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
        data: { values: points },
        mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: 'white', strokeWidth: 0.8 },
        encoding: {
          x: x('x'),
          color: {
            field: 'which',
            type: 'nominal',
            title: null,
            scale: { domain: kinds, range: [GREY, MODEL_COLOUR, DOWN] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          shape: {
            field: 'which',
            type: 'nominal',
            title: null,
            scale: { domain: kinds, range: ['circle', 'diamond', 'diamond'] },
          },
          tooltip: [
            { field: 'path', type: 'nominal', title: 'Parameter' },
            { field: 'which', type: 'nominal', title: 'Value' },
            { field: 'value', type: 'quantitative', title: 'In its units', format: '.4~g' },
            { field: 'x', type: 'quantitative', title: 'Position in the range', format: '.1%' },
          ],
        },
      },
    ],
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- forecast

/**
 * The family of a forecast question: the first word of its id, cut at '@' or a comparison
 * ('RU rung>=6 by 2025-12' → 'RU', 'recognizers>=3 at 2026-12' → 'recognizers', 'UN seat 2026-12' → 'UN',
 * 'first recognizer CN' → 'first').
 */
export function questionFamily(id: string): string {
  return (
    id
      .trim()
      .split(/\s+/)[0]!
      .split(/[@<>=]/)[0] || id.trim()
  );
}

/** An id for display: comparisons as ≥ and ≤. */
const readableId = (id: string) => id.replaceAll('>=', ' ≥ ').replaceAll('<=', ' ≤ ').replace(/\s+/g, ' ');

/** Compares text with the numbers in it taken as numbers: 'x>=2' before 'x>=10'. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const diff = i % 2 === 1 ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return pa.length - pb.length;
}

export interface ForecastRow {
  id: string;
  family: string;
  label: string;
  text: string;
  p: number;
  persistence: number;
  values: string;
}
export interface ForecastDatum {
  id: string;
  label: string;
  text: string;
  forecaster: string;
  p: number;
}

const FORECAST_SOURCES = ['Model', 'Persistence baseline'];

/**
 * Forecast questions: the model's probability (dot) and the persistence baseline's (square), one panel
 * per question family (see questionFamily) in the order the families first appear, questions within a
 * family in the natural order of their ids (thresholds and months ascending).
 */
/** The forecast chart shows at most this many questions; forecast.csv keeps all of them. */
export const FORECAST_SHOWN = 40;

/** A question is worth a row when the model and persistence differ by 2 points or more, or the model
 * is between 2% and 98%: the rest say "almost surely not (or so), as nothing changes". */
export function informative(q: { p: number; persistence: number }): boolean {
  return Math.abs(q.p - q.persistence) >= 0.02 || (q.p >= 0.02 && q.p <= 0.98);
}

/** The questions the chart shows: the informative ones where the model and persistence differ most,
 * at most FORECAST_SHOWN, in the document's order (the first ones if none is informative). */
export function shownQuestions(questions: ForecastDoc['questions']): ForecastDoc['questions'] {
  const ranked = questions
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => informative(q))
    .sort((a, b) => Math.abs(b.q.p - b.q.persistence) - Math.abs(a.q.p - a.q.persistence) || a.i - b.i)
    .slice(0, FORECAST_SHOWN)
    .sort((a, b) => a.i - b.i);
  return ranked.length > 0 ? ranked.map((x) => x.q) : questions.slice(0, FORECAST_SHOWN);
}

export function forecastChart(doc: ForecastDoc): TopLevelSpec {
  if (doc.questions.length === 0) throw new RangeError('forecast: the document has no questions');
  const shown = shownQuestions(doc.questions);
  const left = doc.questions.length - shown.length;
  const rows: ForecastRow[] = shown.map((q) => ({
    id: q.id,
    family: questionFamily(q.id),
    label: readableId(q.id),
    text: q.text,
    p: share('forecast', q.p, `p of '${q.id}'`),
    persistence: share('forecast', q.persistence, `persistence of '${q.id}'`),
    values: `${pct(q.p)} (baseline ${pct(q.persistence)})`,
  }));
  const ids = new Set<string>();
  for (const q of doc.questions) {
    if (ids.has(q.id)) throw new RangeError(`forecast: question '${q.id}' appears twice`);
    ids.add(q.id);
  }
  const families = [...new Set(rows.map((r) => r.family))];
  const extent = Math.min(320, nameAxisExtent(rows.map((r) => r.label)));
  const x = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Probability',
      scale: { domain: UNIT },
      axis: { format: '.0%', values: QUARTERS, tickCount: QUARTERS.length },
    }) as const;
  const tooltip = [
    { field: 'id', type: 'nominal', title: 'Question' },
    { field: 'text', type: 'nominal', title: 'Means' },
  ] as const;
  const views = families.map((family): ViewSpec => {
    const members = rows.filter((r) => r.family === family).sort((a, b) => naturalCompare(a.id, b.id));
    const y = namesY(
      'label',
      members.map((r) => r.label),
      extent,
    );
    const points: ForecastDatum[] = members.flatMap((r) =>
      // the baseline first, so that the model's dot is drawn over it
      [r.persistence, r.p].map((p, i) => ({
        id: r.id,
        label: r.label,
        text: r.text,
        forecaster: FORECAST_SOURCES[1 - i]!,
        p,
      })),
    );
    return {
      title: panelTitle(`${family} … (${members.length} question${members.length === 1 ? '' : 's'})`),
      width: 240,
      height: { step: 18 },
      layer: [
        {
          data: { values: members },
          encoding: { y },
          layer: [
            {
              mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1.5 },
              encoding: { x: x('persistence'), x2: { field: 'p' }, tooltip: [...tooltip] },
            },
            {
              mark: { type: 'text', align: 'left', dx: 10, fontSize: 10, color: INK },
              encoding: {
                x: { datum: 1, type: 'quantitative' },
                text: { field: 'values' },
                tooltip: [
                  ...tooltip,
                  { field: 'p', type: 'quantitative', title: 'Model', format: '.1%' },
                  { field: 'persistence', type: 'quantitative', title: 'Persistence', format: '.1%' },
                ],
              },
            },
          ],
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 0.6 },
          encoding: {
            y,
            x: x('p'),
            color: {
              field: 'forecaster',
              type: 'nominal',
              title: null,
              scale: { domain: FORECAST_SOURCES, range: [MODEL_COLOUR, CATEGORY_COLOURS[1]] },
              legend: { orient: 'bottom', direction: 'horizontal' },
            },
            shape: {
              field: 'forecaster',
              type: 'nominal',
              title: null,
              scale: { domain: FORECAST_SOURCES, range: ['circle', 'square'] },
            },
            tooltip: [
              ...tooltip,
              { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
              { field: 'p', type: 'quantitative', title: 'Probability', format: '.1%' },
            ],
          },
        },
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Forecast: ${left > 0 ? `${shown.length} of ` : ''}${doc.questions.length} questions about ${monthName(doc.from)} to ${monthName(doc.to)}`,
      `${doc.scenario} · seed ${doc.seed} · ${doc.runs} runs · from ${doc.from} to ${doc.to} · created ${doc.created}`,
      'dot: share of the runs in which the event happens · square: the persistence baseline (nothing changes from the start)',
      ...(left > 0
        ? [
            `left out: ${left} question${left === 1 ? '' : 's'} the model puts below 2% or above 98%, as persistence does${shown.length === FORECAST_SHOWN ? `, and those beyond the ${FORECAST_SHOWN} where the two differ most` : ''} (forecast.csv has all)`,
          ]
        : []),
    ),
    concat: views,
    columns: families.length > 3 ? 2 : 1,
    spacing: { row: 20, column: 36 },
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- explain

/** Readable names of the drive terms of a country (src/model/terms.ts, DRIVE_TERMS). */
export const DRIVE_TERM_LABELS: Record<string, string> = {
  base: 'base drive',
  security: 'security (ISK threat × counter-terrorism)',
  harboured: 'militants the Taliban harbour',
  alignment: 'alignment against the West',
  economic: 'economic stakes',
  humanitarian: 'humanitarian access',
  migration: 'migration and returns',
  reserves: 'frozen central-bank reserves',
  rivalry: "rivals' lead",
  peers: "peers' stances",
  patron: "patron's stance",
  rights: "women's rights cost",
  domestic: 'domestic political cost',
  sanctions: 'terrorist listing and UN sanctions',
  events: 'events and shocks',
  offset: 'fitted offset',
};

/** Readable names of the log-growth terms of a faction's power (src/model/factions.ts, POWER_TERMS). */
export const POWER_TERM_LABELS: Record<string, string> = {
  consolidation: 'consolidation',
  reform_rewarded: 'reform rewarded (earned engagement)',
  emboldening: 'emboldening (legitimacy without reform)',
  isolation_crackdown: 'isolation crack-down',
};

const STEP_KINDS = ['raises it', 'lowers it', 'total'];
const STEP_COLOURS = [UP, DOWN, TOTAL];

/** Bars coloured by whether the term raises the quantity, lowers it, or is the total. */
const STEP_COLOUR = {
  field: 'kind',
  type: 'nominal',
  title: 'The term',
  scale: { domain: STEP_KINDS, range: STEP_COLOURS },
  legend: { orient: 'bottom', direction: 'horizontal' },
} as const;

export interface WaterfallDatum {
  order: number;
  term: string;
  label: string;
  value: number;
  start: number;
  end: number;
  kind: string;
  value_label: string;
  /** where the value label goes: the right end of the bar */
  label_x: number;
}

/** Tolerance of `sum of terms = drive` (the document rounds each number to 6 decimals). */
const SUM_TOLERANCE = 1e-4;

/** The steps of the waterfall: each term from where the previous ended, then the total from 0. */
export function waterfallData(doc: CountryExplanation): WaterfallDatum[] {
  const kind = 'explain-country';
  let at = 0;
  const out: WaterfallDatum[] = doc.terms.map((t, order) => {
    const value = finite(kind, t.value, `term '${t.term}'`);
    const start = at;
    at += value;
    return {
      order,
      term: t.term,
      label: termLabel(DRIVE_TERM_LABELS, t.term),
      value,
      start,
      end: at,
      kind: STEP_KINDS[value >= 0 ? 0 : 1]!,
      value_label: signed(value),
      label_x: Math.max(start, at),
    };
  });
  const drive = finite(kind, doc.drive, 'the drive');
  if (Math.abs(at - drive) > SUM_TOLERANCE)
    throw new RangeError(`${kind}: the terms add up to ${at.toFixed(6)}, not to the drive ${drive}`);
  out.push({
    order: out.length,
    term: 'drive',
    label: 'total drive',
    value: drive,
    start: 0,
    end: drive,
    kind: STEP_KINDS[2]!,
    value_label: f2(drive),
    label_x: Math.max(0, drive),
  });
  return out;
}

export interface MarkerDatum {
  x: number;
  label: string;
  kind: string;
  align: 'left' | 'right';
}

/** The rules at the current rung and the cap, labelled; the lower one's label to its left. */
function markers(doc: CountryExplanation): MarkerDatum[] {
  const gate = doc.binding_gate;
  // a listed country stops below the ambassadors' rung even when its gate would allow more
  const capWhy =
    gate && gate.rung - 1 <= doc.cap
      ? `gate of rung ${gate.rung}: ${gate.when}`
      : doc.listed && doc.cap < MAX_RUNG
        ? 'listed: no ambassadors or recognition until it delists'
        : gate
          ? `gate of rung ${gate.rung}: ${gate.when}`
          : 'no gate binds';
  const now = { x: doc.rung_before, label: `now: rung ${doc.rung_before}`, kind: 'current rung' };
  const cap = { x: doc.cap, label: `cap: rung ${doc.cap} (${capWhy})`, kind: 'cap' };
  if (now.x === cap.x)
    return [{ x: now.x, label: `now and cap: rung ${doc.cap} (${capWhy})`, kind: 'cap', align: 'left' }];
  const [lo, hi] = now.x < cap.x ? [now, cap] : [cap, now];
  return [
    { ...lo, align: 'right' },
    { ...hi, align: 'left' },
  ];
}

const CHOICES = ['taken this month', 'not taken'];
const CHOICE_COLOURS: Record<string, string> = {
  [CHOICES[0]!]: '#444444',
  [CHOICES[1]!]: '#bbbbbb',
};

export interface OptionDatum {
  rung: number;
  label: string;
  p: number;
  chosen: string;
}

/**
 * Why a country stands where it does in one month: (a) a waterfall of the drive terms in order, from 0
 * to the total drive, with rules at the current rung and at the cap the gates allow (the binding gate
 * named); (b) this month's probabilities of one rung down, staying and the up-move (the hazards).
 */
export function explainCountryChart(doc: CountryExplanation): TopLevelSpec {
  const kind = 'explain-country';
  for (const [what, k] of [
    ['rung_before', doc.rung_before],
    ['rung_after', doc.rung_after],
    ['cap', doc.cap],
  ] as const)
    wholeRung(kind, k, what);
  const steps = waterfallData(doc);
  const marks = markers(doc);
  const xs = [...steps.flatMap((s) => [s.start, s.end]), ...marks.map((m) => m.x)];
  const lowest = Math.min(0, ...xs);
  const domain = [lowest < 0 ? Math.floor(lowest - 0.25) : 0, Math.ceil(Math.max(...xs) + 0.25)];
  const width = 460;
  const extent = nameAxisExtent([...steps.map((s) => s.label), ...RUNGS.map((r, k) => `${k} ${r} (stay)`)]);
  const x = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Drive: the rung the country’s interests point to',
      scale: { domain, nice: false },
      axis: { tickMinStep: 0.5, format: '.1~f' },
    }) as const;
  const y = namesY(
    'label',
    steps.map((s) => s.label),
    extent,
  );
  const options: OptionDatum[] = doc.options.map((o) => {
    wholeRung(kind, o.rung, 'an option');
    const move = o.rung > doc.rung_before ? 'up' : o.rung < doc.rung_before ? 'down' : 'stay';
    return {
      rung: o.rung,
      label: `${o.rung} ${RUNGS[o.rung]} (${move})`,
      p: share(kind, o.p, `p of option ${o.rung}`),
      chosen: o.rung === doc.rung_after ? CHOICES[0]! : CHOICES[1]!,
    };
  });
  const choices = CHOICES.filter((c) => options.some((o) => o.chosen === c));
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) The drive, term by term'),
      width,
      height: { step: 24 },
      // the rules first, so that the bars and their labels are drawn over them
      layer: [
        {
          data: { values: marks },
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [5, 3] },
              encoding: {
                x: x('x'),
                color: { value: INK },
                tooltip: [
                  { field: 'kind', type: 'nominal', title: 'Rule' },
                  { field: 'label', type: 'nominal', title: 'Where' },
                ],
              },
            },
            ...(['left', 'right'] as const).map((align) => ({
              transform: [{ filter: `datum.align === '${align}'` }],
              mark: {
                type: 'text' as const,
                align,
                dx: align === 'left' ? 4 : -4,
                baseline: 'bottom' as const,
                fontSize: 11,
                color: INK,
              },
              encoding: { x: x('x'), y: { value: -4 }, text: { field: 'label' } },
            })),
          ],
        },
        {
          data: { values: steps },
          encoding: { y },
          layer: [
            {
              mark: { type: 'bar', height: { band: 0.7 } },
              encoding: {
                x: x('start'),
                x2: { field: 'end' },
                color: STEP_COLOUR,
                tooltip: [
                  { field: 'label', type: 'nominal', title: 'Term' },
                  { field: 'value', type: 'quantitative', title: 'Value (rungs)', format: '+.3f' },
                  { field: 'start', type: 'quantitative', title: 'From', format: '.3f' },
                  { field: 'end', type: 'quantitative', title: 'To', format: '.3f' },
                ],
              },
            },
            {
              ...valueText({ field: 'value_label' }),
              encoding: { x: x('label_x'), text: { field: 'value_label' } },
            },
          ],
        },
      ],
    },
  ];
  if (options.length > 0)
    views.push({
      title: panelTitle(`(b) This month's hazards (cause in view: ${doc.cause})`),
      data: { values: options },
      width,
      height: { step: 24 },
      encoding: {
        y: namesY(
          'label',
          options.map((o) => o.label),
          extent,
        ),
        x: {
          field: 'p',
          type: 'quantitative',
          title: 'Probability of the option',
          scale: { domain: UNIT },
          axis: { format: '.0%', values: QUARTERS, tickCount: QUARTERS.length },
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Option' },
          { field: 'p', type: 'quantitative', title: 'Probability', format: '.1%' },
        ],
      },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            color: {
              field: 'chosen',
              type: 'nominal',
              title: null,
              scale: { domain: choices, range: choices.map((c) => CHOICE_COLOURS[c]!) },
              legend: { orient: 'bottom', direction: 'horizontal' },
            },
          },
        },
        valueText({ field: 'p', type: 'quantitative', format: '.0%' }),
      ],
    });
  const gate = doc.binding_gate;
  const limits = [
    gate ? `binding gate: reaching rung ${gate.rung} needs ${gate.when}` : 'no gate binds',
    doc.listed
      ? 'lists the Taliban: no ambassadors or recognition until it delists'
      : 'does not list the Taliban',
    `first-mover cost of the next rung ${f2(doc.first_mover_cost)} rungs`,
  ];
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Why ${doc.name} stands where it does, ${monthName(doc.date)}`,
      `${doc.scenario} · seed ${doc.seed} · ${doc.date} · ${
        doc.moved
          ? `moved: rung ${rungName(doc.rung_before)} → ${rungName(doc.rung_after)} (cause: ${doc.cause})`
          : `stays at rung ${rungName(doc.rung_before)}`
      } · drive ${f2(doc.drive)} rungs · cap: rung ${rungName(doc.cap)}`,
      limits.join(' · '),
    ),
    vconcat: views,
    spacing: 28,
    resolve: { scale: { color: 'independent' } },
    config: baseConfig(),
  };
}

export interface PowerTermDatum {
  term: string;
  label: string;
  value: number;
  kind: string;
  value_label: string;
}
export interface PolicyWeightDatum {
  dimension: string;
  label: string;
  target: number;
  ideal: number;
  weight: number;
}

/**
 * Why a faction's power moved in one month: (a) the named contributions to its log-power growth, and
 * their sum; (b) its weight in the regime's policy target on each dimension; (c) the target against the
 * faction's ideal.
 */
export function explainFactionChart(doc: FactionExplanation): TopLevelSpec {
  const kind = 'explain-faction';
  if (doc.terms.length === 0) throw new RangeError(`${kind}: the document has no power terms`);
  const terms: PowerTermDatum[] = doc.terms.map((t) => {
    const value = finite(kind, t.value, `term '${t.term}'`);
    return {
      term: t.term,
      label: termLabel(POWER_TERM_LABELS, t.term),
      value,
      kind: STEP_KINDS[value >= 0 ? 0 : 1]!,
      value_label: signed(value, 3),
    };
  });
  const sum = terms.reduce((s, t) => s + t.value, 0);
  terms.push({
    term: 'sum',
    label: 'sum of the terms',
    value: sum,
    kind: STEP_KINDS[2]!,
    value_label: signed(sum, 3),
  });
  const policy: PolicyWeightDatum[] = doc.policy.map((p) => ({
    dimension: p.dimension,
    label: POLICY_LABELS[p.dimension] ?? p.dimension.replaceAll('_', ' '),
    target: finite(kind, p.target, `target of '${p.dimension}'`),
    ideal: finite(kind, p.ideal, `ideal of '${p.dimension}'`),
    weight: share(kind, p.weight, `weight on '${p.dimension}'`),
  }));
  const colour = factionColour(doc.faction);
  const labels = [...terms.map((t) => t.label), ...policy.map((p) => p.label)];
  const extent = nameAxisExtent(labels);
  const width = 400;
  const policyY = namesY(
    'label',
    policy.map((p) => p.label),
    extent,
  );
  const policyTooltip = [
    { field: 'label', type: 'nominal', title: 'Dimension' },
    { field: 'weight', type: 'quantitative', title: `Weight of ${doc.name}`, format: '.1%' },
    { field: 'target', type: 'quantitative', title: 'Policy target', format: '.3f' },
    { field: 'ideal', type: 'quantitative', title: `Ideal of ${doc.name}`, format: '.3f' },
  ] as const;
  const termValues = terms.map((t) => t.value);
  const span = Math.max(0.001, ...termValues.map(Math.abs));
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) Contributions to the growth of its power this month'),
      data: { values: terms },
      width,
      height: { step: 24 },
      encoding: {
        y: namesY(
          'label',
          terms.map((t) => t.label),
          extent,
        ),
        x: {
          field: 'value',
          type: 'quantitative',
          title: 'Change of log power',
          scale: {
            domain: [Math.min(0, ...termValues) - 0.25 * span, Math.max(0, ...termValues) + 0.35 * span],
          },
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Term' },
          { field: 'value', type: 'quantitative', title: 'Change of log power', format: '+.4f' },
        ],
      },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            color: STEP_COLOUR,
          },
        },
        {
          mark: { type: 'rule', color: INK },
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        { transform: [{ filter: 'datum.value >= 0' }], ...valueText({ field: 'value_label' }) },
        {
          transform: [{ filter: 'datum.value < 0' }],
          mark: { type: 'text', align: 'right', dx: -4, fontSize: 11, color: INK },
          encoding: { text: { field: 'value_label' } },
        },
      ],
    },
  ];
  if (policy.length > 0)
    views.push(
      {
        title: panelTitle(`(b) Weight of ${doc.name} in the regime's policy target`),
        data: { values: policy },
        width,
        height: { step: 24 },
        encoding: {
          y: policyY,
          x: {
            field: 'weight',
            type: 'quantitative',
            title: 'Share of the target set by this faction',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          tooltip: [...policyTooltip],
        },
        layer: [
          { mark: { type: 'bar', height: { band: 0.6 }, color: TOTAL } },
          valueText({ field: 'weight', type: 'quantitative', format: '.0%' }),
        ],
      },
      {
        title: panelTitle(`(c) The policy target against the ideal of ${doc.name}`),
        width,
        height: { step: 24 },
        layer: [
          {
            data: { values: policy },
            mark: { type: 'rule', color: '#aaaaaa', strokeWidth: 2 },
            encoding: {
              y: policyY,
              x: {
                field: 'target',
                type: 'quantitative',
                scale: { domain: [0, 1] },
                title: 'Index (0 = most repressive / least cooperative, 1 = most open)',
              },
              x2: { field: 'ideal' },
              tooltip: [...policyTooltip],
            },
          },
          {
            data: {
              values: policy.flatMap((p) => [
                { label: p.label, which: 'policy target', value: p.target },
                { label: p.label, which: `ideal of ${doc.name}`, value: p.ideal },
              ]),
            },
            mark: { type: 'point', filled: true, size: 80, opacity: 1 },
            encoding: {
              y: policyY,
              x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] } },
              color: {
                field: 'which',
                type: 'nominal',
                title: null,
                scale: { domain: ['policy target', `ideal of ${doc.name}`], range: [INK, colour] },
                legend: { orient: 'bottom', direction: 'horizontal' },
              },
              shape: {
                field: 'which',
                type: 'nominal',
                title: null,
                scale: { domain: ['policy target', `ideal of ${doc.name}`], range: ['circle', 'diamond'] },
              },
              tooltip: [
                { field: 'label', type: 'nominal', title: 'Dimension' },
                { field: 'which', type: 'nominal', title: 'Value' },
                { field: 'value', type: 'quantitative', title: 'Index', format: '.3f' },
              ],
            },
          },
        ],
      },
    );
  const { earned, unearned, isolation } = doc.flows;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Why the power of ${doc.name} moved, ${monthName(doc.date)}`,
      `${doc.scenario} · seed ${doc.seed} · ${doc.date} · power share ${f3(doc.power_before)} → ${f3(doc.power_after)} (${signed(doc.power_after - doc.power_before, 3)})`,
      `inputs this month: engagement earned by reform ${f3(earned)} · legitimacy without reform ${f3(unearned)} · Western isolation ${f3(isolation)} · the shares also move with noise and the other factions' terms`,
    ),
    vconcat: views,
    spacing: 28,
    resolve: { scale: { color: 'independent', shape: 'independent' } },
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- kinds

export const BACKTEST_CHART_KINDS = ['backtest', 'backtest-scores', 'backtest-order'] as const;
export const CALIBRATION_CHART_KINDS = ['calibration-trace', 'calibration-params'] as const;
export const FORECAST_CHART_KINDS = ['forecast'] as const;
export const EXPLAIN_CHART_KINDS = ['explain-country', 'explain-faction'] as const;
export const ROLLING_CHART_KINDS = ['rolling'] as const;
export const VALIDATION_CHART_KINDS = [
  ...BACKTEST_CHART_KINDS,
  ...CALIBRATION_CHART_KINDS,
  ...ROLLING_CHART_KINDS,
  ...FORECAST_CHART_KINDS,
  ...EXPLAIN_CHART_KINDS,
] as const;
export type BacktestChartKind = (typeof BACKTEST_CHART_KINDS)[number];
export type CalibrationChartKind = (typeof CALIBRATION_CHART_KINDS)[number];
export type ValidationChartKind = (typeof VALIDATION_CHART_KINDS)[number];
/** The documents of the validation commands that have charts (score.json has none). */
export type ValidationDoc =
  | BacktestDoc
  | CalibrationDoc
  | RollingDoc
  | ForecastDoc
  | CountryExplanation
  | FactionExplanation;

/** One-line description of each chart, for `--help` texts and report captions. */
export const VALIDATION_CHART_DESCRIPTIONS: Record<ValidationChartKind, string> = {
  backtest:
    'observed rung against the simulated median, 50% and 90% bands, one panel per country, grouped by bloc',
  'backtest-scores':
    'mean absolute rung error of the model, persistence and trend, overall and by country; Brier and end miss overall',
  'backtest-order':
    "first month at rung ≥ 4 and ≥ 5, observed against the model's median, with Spearman's rho",
  'calibration-trace': 'loss of each evaluation of the calibration search and the best so far',
  'calibration-params': 'each fitted parameter in its search range: bounds, start and fitted value',
  rolling:
    "rolling-origin Brier scores of the model, persistence and the base rate per horizon, with the model's skill, and its reliability diagram",
  forecast: 'probability of each forecast question and the persistence baseline, by question family',
  'explain-country':
    "a country's drive term by term (waterfall), its current rung and cap, and this month's move probabilities",
  'explain-faction':
    "a faction's power-growth terms, and its weight in the regime's policy target against its ideal",
};

/**
 * The charts of a validation document, in the order of their kinds: backtest → 3 charts, calibration
 * → 2, forecast, explain-country and explain-faction → 1. Throws a RangeError for a document the charts
 * cannot show (arrays of the wrong length, an empty trace, no questions…). Render with `renderSpecs`.
 */
export function buildValidationCharts(
  doc: ValidationDoc,
): { kind: ValidationChartKind; spec: TopLevelSpec }[] {
  switch (doc.kind) {
    case 'backtest':
      return [
        { kind: 'backtest', spec: backtestChart(doc) },
        { kind: 'backtest-scores', spec: backtestScoresChart(doc) },
        { kind: 'backtest-order', spec: backtestOrderChart(doc) },
      ];
    case 'calibration':
      return [
        { kind: 'calibration-trace', spec: calibrationTraceChart(doc) },
        { kind: 'calibration-params', spec: calibrationParamsChart(doc) },
      ];
    case 'rolling-backtest':
      return [{ kind: 'rolling', spec: rollingChart(doc) }];
    case 'forecast':
      return [{ kind: 'forecast', spec: forecastChart(doc) }];
    case 'explain-country':
      return [{ kind: 'explain-country', spec: explainCountryChart(doc) }];
    case 'explain-faction':
      return [{ kind: 'explain-faction', spec: explainFactionChart(doc) }];
    default:
      throw new RangeError(
        `no charts for a document of kind '${String((doc as { kind?: unknown }).kind)}' (expected one of: backtest, calibration, rolling-backtest, forecast, explain-country, explain-faction)`,
      );
  }
}
