// The backtest's charts (BacktestDoc): observed engagement against the simulated runs by country, the
// scores of the model against naive forecasters, and the order in which countries reached rungs 4 and 5.
// Pure and browser-safe like the other spec modules: type imports from vega-lite only, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import { MAX_RUNG } from '../model/types.js';
import type { BacktestDoc, Scores } from '../validation/docs.js';
import { finite, wholeRung } from './checks.js';
import { type FanDatum, type FanOptions, fanPanel } from './fan.js';
import {
  baseConfig,
  blocLabel,
  CATEGORY_COLOURS,
  type ChartOptions,
  caption,
  chartTitle,
  countryLookup,
  countryOrder,
  FAN_NOTE,
  FORMATS,
  INK,
  inner,
  type LayerPanel,
  MODEL_COLOUR,
  MONTH_TOOLTIP,
  monthDatum,
  monthName,
  monthX,
  nameAxisExtent,
  namesY,
  panelTitle,
  RUNG_LABEL_EXPR,
  RUNG_VALUES,
  rungAtLeast,
  SCHEMA,
  shareText,
  sig3,
  subtitleLines,
  subtitleOf,
  textWidth,
  type ViewSpec,
  widthOf,
  wrapLines,
} from './style.js';

const FORECASTERS = ['model', 'persistence', 'trend'] as const;
type Forecaster = (typeof FORECASTERS)[number];
/** The forecasters' names on the charts; forecasterNotes says what each is. */
const FORECASTER_NAMES: Record<Forecaster, string> = {
  model: 'Model',
  persistence: 'Persistence',
  trend: 'Trend',
};
const NAMES = FORECASTERS.map((f) => FORECASTER_NAMES[f]);
const FORECASTER_COLOURS = [MODEL_COLOUR, CATEGORY_COLOURS[1], CATEGORY_COLOURS[2]];
const FORECASTER_SHAPES = ['circle', 'square', 'triangle-up'];

/** What the naive forecasters are, for the captions. */
function forecasterNotes(doc: BacktestDoc): string {
  return `Persistence: every country keeps its rung at the start. Trend: each country's rung trend, fitted on the first ${doc.trend_fit_months} months and extrapolated.`;
}

/** 'Mean absolute rung error: model 0.430, persistence 0.650, trend 0.710. Brier: …' (lower is better). */
function scoresSentence(scores: BacktestDoc['scores']): string {
  const one = (key: keyof Scores, name: string) =>
    `${name}: ${FORECASTERS.map((f) => `${f} ${sig3(scores[f][key])}`).join(', ')}.`;
  return `Scores over all countries and months (lower is better). ${one('mae', 'Mean absolute rung error')} ${one('brier', 'Brier')}`;
}

function requireCountries(kind: string, doc: BacktestDoc): BacktestDoc['per_country'] {
  if (doc.per_country.length === 0) throw new RangeError(`${kind}: the backtest has no countries`);
  return doc.per_country;
}

/** The countries of a backtest in the fixed order of the palette (by bloc, then as the data list them;
 * never by the backtest's values), those the doc does not describe after them. */
function backtestOrder(doc: BacktestDoc) {
  const country = countryLookup(doc);
  const byId = new Map(doc.per_country.map((c) => [c.country, c]));
  const known = countryOrder(doc).filter((a) => byId.has(a.id));
  const ids = new Set(known.map((a) => a.id));
  const unknown = doc.per_country.filter((c) => !ids.has(c.country)).map((c) => country(c.country));
  return [...known, ...unknown].map((actor) => ({ actor, row: byId.get(actor.id)! }));
}

// ---------------------------------------------------------------------------------------------- backtest

export interface BacktestDatum extends FanDatum {
  country: string;
  bloc: string;
  observed: number;
}

const BACKTEST_MODEL = 'Model: median of the runs';
const BACKTEST_OBSERVED = 'Observed rung';
/** The two bands in the legend, dark (the middle 50%) first. */
const BACKTEST_BANDS = ['Model: middle 50% of the runs', 'Model: middle 90% of the runs'];
/** The bands drawn opaque in the colours the fan's translucent blue makes on white (0.32 over 0.16, and
 * 0.16 alone), so that the legend shows the colours the panels do; the grid is drawn over them. */
export const BAND_COLOURS = [blend(MODEL_COLOUR, 1 - (1 - 0.16) * (1 - 0.32)), blend(MODEL_COLOUR, 0.16)];
/** 80 px for 7 rungs: 11.8 px a rung, room for every rung label at 11 px. */
const PANEL_HEIGHT = 80;
const PANEL_SPACING = 12;
/** The rung axis: labels and ticks, then its title. */
const RUNG_AXIS = 84;
const RUNG_TITLE = 22;
/** Panel headers: 11 px bold, on one line, or two when a name is wider than its panel. */
const HEADER_SIZE = 11;

/** The rungs' grid: a light rule at each whole rung, one per panel (the facet's country), drawn over
 * the opaque bands and under the lines. */
const RUNG_GRID = {
  transform: [
    { aggregate: [{ op: 'count' as const, as: 'months' }], groupby: ['country'] },
    { calculate: JSON.stringify(RUNG_VALUES), as: 'rung' },
    { flatten: ['rung'] },
  ],
  mark: { type: 'rule' as const, color: '#dddddd', strokeWidth: 1 },
  // no month and no series: x and the panel's colour dropped
  encoding: { y: { field: 'rung', type: 'quantitative' as const }, x: null as never, color: null as never },
};

/** `colour` drawn at `alpha` over white, as '#rrggbb'. */
function blend(colour: string, alpha: number): string {
  const channel = (i: number) => {
    const c = Number.parseInt(colour.slice(1 + 2 * i, 3 + 2 * i), 16);
    return Math.round(alpha * c + (1 - alpha) * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** A name on as few lines as fit `width` px (12 px bold): one, or two broken at the space that makes
 * the wider line narrowest; a name without spaces stays on one line. */
export function headerLines(name: string, width: number): string[] {
  if (textWidth(name, HEADER_SIZE, true) <= width) return [name];
  const words = name.split(' ');
  let best = [name];
  let widest = textWidth(name, HEADER_SIZE, true);
  for (let i = 1; i < words.length; i++) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const w = Math.max(...lines.map((l) => textWidth(l, HEADER_SIZE, true)));
    if (w < widest) [best, widest] = [lines, w];
  }
  return best;
}

/** Panels a row and their width, so that a row fills the chart and every country's name fits over
 * its panel, on two lines if need be: at most six, the widest that leave each panel room for the
 * longest name (12 px bold, after the break of headerLines) and at least 72 px. */
export function backtestGrid(names: string[], width: number): { columns: number; panel: number } {
  // a few px for the wider gaps between the blocs of a row
  const room = inner(width) - RUNG_AXIS - RUNG_TITLE - 16;
  const least = Math.max(
    72,
    ...names.map((n) => Math.max(...headerLines(n, 0).map((l) => textWidth(l, HEADER_SIZE, true)))),
  );
  const fit = Math.floor((room + PANEL_SPACING) / (least + PANEL_SPACING));
  const columns = Math.max(1, Math.min(6, fit));
  return { columns, panel: Math.floor((room - (columns - 1) * PANEL_SPACING) / columns) };
}

/** A bloc's panels in one row of the backtest chart; `continued` when the bloc began on the row above. */
export interface BacktestSegment {
  bloc: string;
  names: string[];
  continued: boolean;
}

/** The backtest's rows of `columns` panels: the blocs in order, a bloc beside the one before it when it
 * fits in the rest of the row, else on a new row; a bloc of more than `columns` countries goes on over
 * rows. Depends on the actors only. */
export function backtestRows(
  blocs: { bloc: string; names: string[] }[],
  columns: number,
): BacktestSegment[][] {
  const rows: BacktestSegment[][] = [];
  let row: BacktestSegment[] = [];
  let used = 0;
  const close = () => {
    if (row.length) rows.push(row);
    row = [];
    used = 0;
  };
  for (const { bloc, names } of blocs) {
    if (names.length === 0) continue;
    if (used > 0 && used + names.length > columns) close();
    let rest = names;
    let continued = false;
    while (rest.length) {
      const take = rest.slice(0, columns - used);
      row.push({ bloc, names: take, continued });
      used += take.length;
      rest = rest.slice(take.length);
      continued = true;
      if (used >= columns) close();
    }
  }
  close();
  return rows;
}

/** The width of `n` panels side by side (with the spacing between them). */
function segmentWidth(n: number, panel: number): number {
  return n * panel + (n - 1) * PANEL_SPACING;
}

/** The month axis of a narrow panel: monthX, but years 40 px apart or more (a year's label is 26 px
 * wide at 11 px): '2022 2024' rather than '2025' alone under a 90 px panel of four years. */
function panelMonthX(nMonths: number, width: number) {
  const x = monthX(nMonths, width);
  if (x.axis.tickCount.interval !== 'year') return x;
  const perYear = (12 * width) / Math.max(1, nMonths);
  const step = [1, 2, 5, 10, 20, 50].find((s) => s * perYear >= 40) ?? 100;
  return { ...x, axis: { ...x.axis, tickCount: { interval: 'year' as const, step } } };
}

/** A segment's title: its bloc, '(continued)' after it on the rows after the first, as much as fits. */
function segmentTitle(seg: BacktestSegment, width: number): string {
  const tries = seg.continued ? [`${seg.bloc} (continued)`, `${seg.bloc} (cont.)`, seg.bloc] : [seg.bloc];
  return tries.find((t) => textWidth(t, 13, true) <= width) ?? ' ';
}

/** A copy of a backtest panel without its rung axis (the panels after the first of a row). */
function withoutRungAxis(panel: LayerPanel): LayerPanel {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = strip(x);
    // every layer's y, so that no layer brings back a default axis
    const y = (out.encoding as Record<string, unknown> | undefined)?.y;
    if (y && typeof y === 'object') out.encoding = { ...(out.encoding as object), y: { ...y, axis: null } };
    return out;
  };
  const out = strip(panel) as LayerPanel;
  // the rungs' grid aggregates under another name: vega-lite would share one aggregate between the
  // facets of a row, and draw the grid in the first only
  out.layer = out.layer.map((l) =>
    l === undefined || JSON.stringify(l) !== JSON.stringify(strip(RUNG_GRID))
      ? l
      : {
          ...RUNG_GRID,
          encoding: { ...RUNG_GRID.encoding, y: { ...RUNG_GRID.encoding.y, axis: null } },
          transform: [
            { aggregate: [{ op: 'count' as const, as: 'months_bare' }], groupby: ['country'] },
            ...RUNG_GRID.transform.slice(1),
          ],
        },
  );
  return out;
}

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
 * Observed against simulated, one small panel per country, panels grouped by bloc in rows that fill
 * the width (backtestGrid): the simulated 90% and 50% bands and median of the rung, and the observed
 * rung as a black step line on top. Data: the dataset 'backtest' (BacktestDatum rows).
 */
export function backtestChart(doc: BacktestDoc, opts: ChartOptions = {}): TopLevelSpec {
  requireCountries('backtest', doc);
  const width = widthOf(opts);
  const values = backtestData(doc);
  const ordered = backtestOrder(doc);
  const blocs = [...new Set(ordered.map((c) => blocLabel(c.actor)))];
  const grid = backtestGrid(
    ordered.map((c) => c.actor.name),
    width,
  );
  const twoLines: Record<string, string[]> = Object.fromEntries(
    ordered
      .map((c) => [c.actor.name, headerLines(c.actor.name, grid.panel)])
      .filter(([, l]) => l!.length > 1),
  );
  // an axis variable, not a literal: FanOptions names only the usual axis properties
  const axis: FanOptions['y']['axis'] = { format: 'd', minExtent: RUNG_AXIS, maxExtent: RUNG_AXIS };
  // a tick count below 7 would thin the given values out (vega's validTicks)
  Object.assign(axis, {
    values: RUNG_VALUES,
    tickCount: RUNG_VALUES.length,
    labelExpr: RUNG_LABEL_EXPR,
    // the rungs' grid is a layer over the opaque bands and under the lines (RUNG_GRID)
    grid: false,
    // every rung named: none hidden for want of room (the panel height leaves room for all)
    labelOverlap: false,
  });
  const bandFill = {
    title: null,
    scale: { domain: BACKTEST_BANDS, range: BAND_COLOURS },
    legend: { orient: 'bottom', direction: 'vertical', symbolType: 'square', symbolSize: 150 },
  } as const;
  const fan = fanPanel({
    nMonths: doc.months.length,
    width: grid.panel,
    height: PANEL_HEIGHT,
    series: [BACKTEST_MODEL, BACKTEST_OBSERVED],
    colours: [MODEL_COLOUR, INK],
    legend: { title: null },
    // a little room above rung 6 and below rung 0 keeps the lines off the frame
    y: { title: 'Rung', domain: [-0.4, MAX_RUNG + 0.4], axis },
    valueFormat: '.2~f',
  });
  // quantiles of whole rungs change in steps from one month to the next, like the observed rung
  const layers = fan.layer.map((l, i) => {
    if (!('mark' in l) || typeof l.mark !== 'object') return l;
    if (l.mark.type === 'line') return { ...l, mark: { ...l.mark, interpolate: 'step-after' as const } };
    if (l.mark.type !== 'area') return l;
    const band = BACKTEST_BANDS[i === 0 ? 1 : 0]!;
    return {
      ...l,
      mark: { ...l.mark, interpolate: 'step-after' as const, opacity: 1 },
      // the fill, not the series' colour of the panel (null drops the inherited channel)
      encoding: {
        ...l.encoding,
        color: null as never,
        fill: { datum: band, type: 'nominal' as const, ...bandFill },
      },
    };
  });
  const panel: LayerPanel = {
    ...fan,
    // the month axis needs no title under every panel
    encoding: { ...fan.encoding, x: { ...panelMonthX(doc.months.length, grid.panel), title: null } },
    layer: [
      // the bands opaque in their colours on white, each with its legend entry; the rungs' grid over them
      ...layers.slice(0, 2),
      RUNG_GRID,
      ...layers.slice(2),
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
  // the panels after the first of a row: no rung axis (the first panel of the row names the rungs)
  const bare = withoutRungAxis(panel);
  const rows = backtestRows(
    blocs.map((bloc) => ({
      bloc,
      names: ordered.filter((c) => blocLabel(c.actor) === bloc).map((c) => c.actor.name),
    })),
    grid.columns,
  );
  // every header on as many lines as the tallest, the name at the bottom: panels of a row line up
  const lines = Math.max(1, ...Object.values(twoLines).map((l) => l.length));
  const headerOf = (name: string) => {
    const l = twoLines[name] ?? [name];
    return [...Array(lines - l.length).fill(''), ...l];
  };
  const headers =
    lines > 1
      ? JSON.stringify(Object.fromEntries(ordered.map((c) => [c.actor.name, headerOf(c.actor.name)])))
      : null;
  const segmentView = (seg: BacktestSegment, first: boolean): ViewSpec => ({
    title: {
      ...panelTitle(segmentTitle(seg, segmentWidth(seg.names.length, grid.panel))),
      limit: segmentWidth(seg.names.length, grid.panel),
    },
    data: { name: 'backtest' },
    transform: [{ filter: { field: 'country', oneOf: seg.names } }],
    facet: {
      column: {
        field: 'country',
        type: 'nominal',
        title: null,
        sort: seg.names,
        header: {
          labelAnchor: 'start',
          labelFontSize: HEADER_SIZE,
          labelPadding: 4,
          // no limit: backtestGrid leaves every name's lines room over its panel
          labelLimit: 0,
          // a name wider than its panel on two lines (headerLines)
          ...(headers ? { labelExpr: `${headers}[datum.value] || datum.value`, labelLineHeight: 14 } : {}),
        },
      },
    },
    spacing: PANEL_SPACING,
    bounds: 'flush',
    spec: first ? panel : bare,
  });
  // rows of grid.columns panels, blocs side by side where they fit, each bloc a facet with its title
  const views: ViewSpec[] = rows.map(
    (row): ViewSpec => ({
      hconcat: row.map((seg, i) => segmentView(seg, i === 0)),
      spacing: PANEL_SPACING,
    }),
  );
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Backtest: observed rung against the simulated runs',
      ...subtitleLines(subtitleOf(doc), width),
    ),
    description: caption(
      `Observed engagement of each country against the ${doc.runs} simulated runs, by bloc.`,
      `Black step line: the observed rung; blue ${FAN_NOTE.replaceAll(' · ', '; ')}.`,
      scoresSentence(doc.scores),
    ),
    datasets: { backtest: values },
    vconcat: views,
    // rows close together: each has its headers over it, each bloc its title
    spacing: 10,
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- scores

export interface ScoreDatum {
  metric: string;
  forecaster: string;
  value: number;
  /** the value as the chart writes it: a score to three significant digits, a share in percent */
  label: string;
}
export interface CountryScoreDatum {
  /** the country's place on the axis: largest model error first */
  order: number;
  country: string;
  bloc: string;
  forecaster: string;
  mae: number;
}
export interface ScoreRange {
  order: number;
  country: string;
  lo: number;
  hi: number;
}

const METRICS: { key: keyof Scores; label: string; share: boolean }[] = [
  { key: 'mae', label: 'Rung error (MAE)', share: false },
  { key: 'brier', label: 'Brier score', share: false },
  { key: 'end_miss', label: 'Wrong at the end', share: true },
];
const SCORE_SPACING = 20;
/** The forecasters in the order their points are drawn: the model on top. */
const DRAW_ORDER: Forecaster[] = ['persistence', 'trend', 'model'];
/** Persistence drawn hollow, so that the model's dot shows inside its square where the two agree. */
const FORECASTER_FILLS = [MODEL_COLOUR, 'transparent', CATEGORY_COLOURS[2]!];

/** Room at both ends of the rung-error axis of backtest-scores (px): a marker is about 9 px wide. */
export const SCORE_ROOM = 8;

/**
 * How far off each forecaster is: (a) the overall scores of the model and the naive forecasters, (b) the
 * mean absolute rung error of each country, countries sorted by the model's error (largest first).
 * Data: the datasets 'overall' (ScoreDatum), 'by_country' (CountryScoreDatum) and 'ranges' (ScoreRange).
 */
export function backtestScoresChart(doc: BacktestDoc, opts: ChartOptions = {}): TopLevelSpec {
  const rows = requireCountries('backtest-scores', doc);
  const width = widthOf(opts);
  const country = countryLookup(doc);
  const overall: ScoreDatum[] = METRICS.flatMap((m) =>
    FORECASTERS.map((f) => {
      const value = finite('backtest-scores', doc.scores[f][m.key], `${f} ${m.key}`);
      return {
        metric: m.label,
        forecaster: FORECASTER_NAMES[f],
        value,
        label: m.share ? shareText(value) : sig3(value),
      };
    }),
  );
  const sorted = [...rows].sort(
    (a, b) => b.model_mae - a.model_mae || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
  );
  const perCountry: CountryScoreDatum[] = sorted.flatMap((r, order) => {
    const c = country(r.country);
    const mae: Record<Forecaster, number> = {
      model: r.model_mae,
      persistence: r.persistence_mae,
      trend: r.trend_mae,
    };
    // the model last: drawn over the others where its error equals theirs
    return DRAW_ORDER.map((f) => ({
      order,
      country: c.name,
      bloc: blocLabel(c),
      forecaster: FORECASTER_NAMES[f],
      mae: finite('backtest-scores', mae[f], `${f} MAE of '${r.country}'`),
    }));
  });
  const ranges: ScoreRange[] = sorted.map((r, order) => ({
    order,
    country: country(r.country).name,
    lo: Math.min(r.model_mae, r.persistence_mae, r.trend_mae),
    hi: Math.max(r.model_mae, r.persistence_mae, r.trend_mae),
  }));
  const countryNames = rows.map((r) => country(r.country).name);
  const extent = nameAxisExtent([...countryNames, ...NAMES]);
  const forecaster = {
    field: 'forecaster',
    type: 'nominal',
    title: null,
    sort: NAMES,
    scale: { domain: NAMES, range: FORECASTER_COLOURS },
    legend: { orient: 'bottom', direction: 'horizontal' },
  } as const;
  const countryY = namesY('country', { field: 'order', op: 'min' }, extent);
  const maeX = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Mean absolute rung error over the months (lower is better)',
      // room at the ends so that a marker at 0 (or at the largest error) is drawn off the axis line and
      // the country names; not nice, which would round the padded start down to a whole tick below 0
      scale: { zero: true, nice: false, padding: SCORE_ROOM },
      axis: { tickCount: 8 },
    }) as const;
  // (a): three panels side by side, the bars in the left 70% of each and their values right of them
  // (the frame of the panels takes a few px more than the axis extent)
  const facetWidth = Math.floor((inner(width) - extent - 2 * SCORE_SPACING - 6) / 3);
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) Overall, over all countries and months (lower is better)'),
      data: { name: 'overall' },
      facet: {
        column: {
          field: 'metric',
          type: 'nominal',
          title: null,
          sort: METRICS.map((m) => m.label),
          header: { labelFontSize: 12, labelAnchor: 'start', labelLimit: facetWidth },
        },
      },
      spacing: SCORE_SPACING,
      resolve: { scale: { x: 'independent' } },
      spec: {
        width: facetWidth,
        height: { step: 20 },
        encoding: {
          y: namesY('forecaster', NAMES, extent),
          x: {
            field: 'value',
            type: 'quantitative',
            title: null,
            scale: { zero: true, range: [0, Math.round(0.68 * facetWidth)] },
            // the values are written beside the bars
            axis: null,
          },
          tooltip: [
            { field: 'metric', type: 'nominal', title: 'Score' },
            { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
            { field: 'label', type: 'nominal', title: 'Value' },
          ],
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 } },
            // the legend is the points' (persistence hollow there): the bars are named on the axis
            encoding: { color: { ...forecaster, legend: null } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
            encoding: { text: { field: 'label' } },
          },
        ],
      },
    },
    {
      title: panelTitle('(b) Rung error by country, largest model error first (lower is better)'),
      // the last tick's label reaches past the plot's end
      width: inner(width) - extent - 12,
      height: { step: 18 },
      layer: [
        {
          data: { name: 'ranges' },
          mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1.5 },
          encoding: {
            y: countryY,
            x: maeX('lo'),
            x2: { field: 'hi' },
            tooltip: [{ field: 'country', type: 'nominal', title: 'Country' }],
          },
        },
        {
          data: { name: 'by_country' },
          mark: { type: 'point', size: 70, strokeWidth: 1.6, opacity: 1 },
          encoding: {
            y: countryY,
            x: maeX('mae'),
            stroke: forecaster,
            fill: { ...forecaster, scale: { domain: NAMES, range: FORECASTER_FILLS } },
            shape: {
              field: 'forecaster',
              type: 'nominal',
              title: null,
              sort: NAMES,
              scale: { domain: NAMES, range: FORECASTER_SHAPES },
              legend: { orient: 'bottom', direction: 'horizontal' },
            },
            tooltip: [
              { field: 'country', type: 'nominal', title: 'Country' },
              { field: 'bloc', type: 'nominal', title: 'Bloc' },
              { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
              {
                field: 'mae',
                type: 'quantitative',
                title: 'Mean absolute rung error',
                format: FORMATS.score,
              },
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
      ...subtitleLines(subtitleOf(doc), width),
    ),
    description: caption(
      scoresSentence(doc.scores),
      forecasterNotes(doc),
      'Rung error (MAE): mean absolute difference between the forecast and the observed rung.',
      'Brier: over the events "rung ≥ k" (k = 1 to 6) of every country and month.',
      "Wrong at the end: share of countries whose final rung is missed (for the model, 1 − the runs' probability of the observed rung).",
    ),
    datasets: { overall, by_country: perCountry, ranges },
    vconcat: views,
    // the bars' colours go unlisted (legend: null) without switching off the points' legend
    resolve: { legend: { color: 'independent' } },
    spacing: 24,
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- order

export interface OrderDatum {
  k: number;
  /** the country's place in the panel: reached first at the top */
  order: number;
  country: string;
  bloc: string;
  source: string;
  /** the legend entry the point is drawn as (orderEntries): observed, model's month, model not by the end */
  entry: string;
  /** the month, or the end of the window for a model that did not reach the rung (drawn at the edge) */
  date: string;
  when: string;
}
export interface OrderSpan {
  k: number;
  order: number;
  country: string;
  from: string;
  to: string;
}

const ORDER_SOURCES = ['Observed', 'Model median'];

/** The legend of the order chart, one entry a symbol it draws: a black dot, a blue ring, a blue ▶. */
export function orderEntries(end: string): string[] {
  return [
    'Observed: first month at the rung',
    'Model: median first month of the runs',
    `Model: not by ${monthName(end)} (drawn at the edge)`,
  ];
}

/** A title's lines: the one line as a string, several as an array. */
function oneOrLines(lines: string[]): string | string[] {
  return lines.length === 1 ? lines[0]! : lines;
}

/** Year ticks for a month axis `width` px wide: every 1, 2, 5… years, 48 px or more apart. First months
 * are read against years; month ticks would repeat their names ('Jul' of two years). */
function yearAxis(nMonths: number, width: number) {
  const perYear = (12 * width) / Math.max(1, nMonths);
  const step = [1, 2, 5, 10, 20, 50].find((s) => s * perYear >= 48) ?? 100;
  return {
    tickCount: { interval: 'year' as const, step },
    labelExpr: "utcFormat(datum.value, '%Y')",
  };
}

/**
 * When did each country first reach rung 4 and rung 5, observed against the model's median month: a
 * dumbbell per country, one panel per rung, Spearman's rho of the two orders and how many of the
 * countries the model's median brought there by the end under the panel title. A model that did not
 * reach the rung by the end is drawn at the right edge as ▶; countries that reached it neither in the
 * data nor in the model are left out, and those the data do not show there are drawn without a dot;
 * the caption names both. Data: the datasets 'order_points' (OrderDatum) and 'order_spans'
 * (OrderSpan), one panel a k.
 */
export function backtestOrderChart(doc: BacktestDoc, opts: ChartOptions = {}): TopLevelSpec {
  if (doc.order.length === 0)
    throw new RangeError('backtest-order: the backtest has no order of reaching rungs');
  const width = widthOf(opts);
  const country = countryLookup(doc);
  const end = monthName(doc.end);
  const entries = orderEntries(doc.end);
  const all = doc.order.flatMap((o) => o.countries.map((c) => country(c.country).name));
  const extent = nameAxisExtent(all);
  // the rings at the window's end reach past the plot by their radius
  const plot = inner(width) - extent - 12;
  const x = (field: string) =>
    ({ ...monthX(doc.months.length, plot), field, axis: yearAxis(doc.months.length, plot) }) as const;
  // the whole window, set in one layer only (vega-lite reads DateTime domains of two layers as a conflict)
  const window = { domain: [monthDatum(doc.start), monthDatum(doc.end)] };
  const points: OrderDatum[] = [];
  const spans: OrderSpan[] = [];
  const notes: string[] = [];
  const panels = doc.order.map((o) => {
    wholeRung('backtest-order', o.k, 'k');
    if (o.k === 0) throw new RangeError('backtest-order: k must be a rung from 1 to 6 (got 0)');
    const shown = o.countries.filter((c) => c.observed !== null || c.model_median !== null);
    const omitted = o.countries.filter((c) => c.observed === null && c.model_median === null);
    const unseen = shown.filter((c) => c.observed === null);
    if (omitted.length)
      notes.push(
        `Left out of ${rungAtLeast(o.k)}, as they reached it neither in the data nor in the model's median: ${omitted.map((c) => country(c.country).name).join(', ')}.`,
      );
    if (unseen.length)
      notes.push(
        `Not observed at ${rungAtLeast(o.k)} by ${end}, so drawn without a dot: ${unseen.map((c) => country(c.country).name).join(', ')}.`,
      );
    // reached first at the top; not reached (null) after, by the model's month, then by name
    const key = (m: string | null) => (m === null ? '9999-99' : m);
    shown.sort(
      (a, b) =>
        key(a.observed).localeCompare(key(b.observed)) ||
        key(a.model_median).localeCompare(key(b.model_median)) ||
        (a.country < b.country ? -1 : a.country > b.country ? 1 : 0),
    );
    shown.forEach((c, order) => {
      const a = country(c.country);
      const base = { k: o.k, order, country: a.name, bloc: blocLabel(a) };
      // the observed dot first: the model's ring is drawn over it when the months agree
      if (c.observed !== null)
        points.push({
          ...base,
          source: ORDER_SOURCES[0]!,
          entry: entries[0]!,
          date: c.observed,
          when: monthName(c.observed),
        });
      points.push({
        ...base,
        source: ORDER_SOURCES[1]!,
        entry: entries[c.model_median === null ? 2 : 1]!,
        date: c.model_median ?? doc.end,
        when: c.model_median === null ? `not by ${end}` : monthName(c.model_median),
      });
      if (c.observed !== null) spans.push({ ...base, from: c.observed, to: c.model_median ?? doc.end });
    });
    const atStart = doc.per_country
      .filter((r) => (r.observed[0] ?? -1) >= o.k)
      .map((r) => country(r.country).name);
    if (atStart.length)
      notes.push(
        `Left out of ${rungAtLeast(o.k)}, as they stood there at the start (${monthName(doc.start)}): ${atStart.join(', ')}.`,
      );
    const reached = shown.filter((c) => c.model_median !== null).length;
    // a rank correlation over countries most of which the model never brings there ranks them as ties
    // at the end: not a reading of the order
    const subtitle =
      o.spearman === null
        ? `Spearman's ρ not defined (too few countries reached it) · model reached ${reached} of ${shown.length} by ${end}`
        : 2 * reached < shown.length
          ? `Spearman's ρ: n/a (the model reached ${reached} of ${shown.length} by ${end}: too few to rank)`
          : `Spearman's ρ = ${sig3(o.spearman)} · model reached ${reached} of ${shown.length} by ${end}`;
    return {
      k: o.k,
      title: `First month at ${rungAtLeast(o.k)}`,
      // the title spans the panel with its name axis (frame: bounds)
      subtitle: oneOrLines(wrapLines(subtitle, plot + extent, 12)),
    };
  });
  const y = namesY('country', { field: 'order', op: 'min' }, extent);
  // one legend of the three symbols: colour, fill, shape and size all by entry
  const byEntry = (range: (string | number)[], type: 'nominal' | 'ordinal' = 'nominal') =>
    ({
      field: 'entry',
      type,
      title: null,
      sort: entries,
      scale: { domain: entries, range },
      legend: { orient: 'bottom', direction: 'vertical' },
    }) as const;
  const views: ViewSpec[] = panels.map(({ k, title, subtitle }) => {
    const only = (name: string) => ({
      data: { name },
      transform: [{ filter: `datum.k === ${k}` }],
    });
    return {
      title: { ...panelTitle(title), subtitle, subtitleFontSize: 12, subtitlePadding: 3 },
      width: plot,
      height: { step: 18 },
      layer: [
        {
          ...only('order_spans'),
          mark: { type: 'rule', color: '#aaaaaa', strokeWidth: 2 },
          encoding: {
            y,
            x: x('from'),
            x2: { field: 'to' },
            tooltip: [{ field: 'country', type: 'nominal', title: 'Country' }],
          },
        },
        {
          ...only('order_points'),
          mark: { type: 'point', strokeWidth: 2.2, opacity: 1 },
          encoding: {
            y,
            x: { ...x('date'), scale: window },
            stroke: byEntry([INK, MODEL_COLOUR, MODEL_COLOUR]),
            fill: byEntry([INK, 'transparent', 'transparent']),
            shape: byEntry(['circle', 'circle', 'triangle-right']),
            // ordinal (in the order of the entries): vega-lite sizes no nominal field
            size: byEntry([30, 130, 110], 'ordinal'),
            tooltip: [
              { field: 'country', type: 'nominal', title: 'Country' },
              { field: 'bloc', type: 'nominal', title: 'Bloc' },
              { field: 'source', type: 'nominal', title: 'Source' },
              { field: 'when', type: 'nominal', title: 'First month' },
            ],
          },
        },
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Backtest: the order in which countries reached the rungs',
      ...subtitleLines(subtitleOf(doc), width),
    ),
    description: caption(
      `Black dot: the first month a country stood at the rung; blue ring: the model's median first month over the ${doc.runs} runs; ▶: the model's median is not there by ${end}, drawn at the edge.`,
      "Spearman's ρ compares the two orders (1: the same order); it is not meaningful when the model reaches fewer than half of the countries (those it does not reach count as tied at the end).",
      `"Model reached k of n by ${end}": of the n countries shown, the model's median first month falls in the window for k.`,
      ...notes,
    ),
    datasets: { order_points: points, order_spans: spans },
    vconcat: views,
    spacing: 24,
    config: baseConfig(),
  } as TopLevelSpec;
}
