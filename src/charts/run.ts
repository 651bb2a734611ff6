// The charts of one run (ResultsDoc): rungs by bloc, the countries × months heatmap, factions, policy and
// the legitimacy counts. Each is a plain, self-contained TopLevelSpec, so it can be saved as *.vl.json,
// edited and re-rendered with any Vega tool.
// Pure and browser-safe: only type imports from vega-lite, no node:*, no I/O. Same doc → same JSON.
//
// Values come through named datasets (top-level `datasets`, `data: { name }` in the views): a spec's
// structure depends only on the doc's actors, its period and the options, so a page can update a chart
// in place with the Vega view's data API (`view.data(name, rows)`). The names are stable:
//
//   rungs           rungs, heatmap   RungDatum: each country's rung in each month of the run
//   record          rungs            RecordDatum: the observed rung at the run's start, at each change and
//                                    at the record's last month (empty when the run starts after the record)
//   observed        heatmap          RecordDatum: each country's observed rung in each month of the record
//   record_end      all five         RecordEndDatum: one row where the record ends (empty: no record)
//   now             all five         NowDatum: the month the run is shown to (only with the `now` option;
//                                    empty: the whole run)
//   factions        factions         FactionDatum: each faction's power share in each month
//   policy          policy           PolicyDatum: the three policy indices and the ISK threat
//   attacks         policy           AttackDatum: months with a simulated ISK attack
//   record_attacks  policy           RecordAttackDatum: ISK attacks in the record (data/events.csv)
//   counts          legitimacy       CountDatum: how many countries stand at each rung in each month
//   record_counts   legitimacy       RecordCountDatum: how many countries stand at rung ≥ 4 and ≥ 5 in
//                                    the record, each month and once more a month after its end
//
// Layout: every builder lays out from the whole image's width, widthOf(opts); legends go to the bottom
// (or, on the rungs chart, beside each bloc's panel); notes go into the top-level `description`, the
// caption the report prints under the chart.

import type { TopLevelSpec } from 'vega-lite';
import {
  type ActorInfo,
  actorLabel,
  type RecordOverlay,
  type ResultsDoc,
  type TidyRow,
} from '../model/results.js';
import { monthRange, parseMonth } from '../model/time.js';
import { DIMENSIONS, FACTIONS, RUNGS } from '../model/types.js';
import {
  actorStyles,
  actorsOfKind,
  addMonths,
  baseConfig,
  blocLabel,
  blocsPresent,
  type ChartOptions,
  caption,
  countryOrder,
  FADED,
  FORMATS,
  INK_GREY,
  LEGEND_SELECTION,
  legendSelection,
  MONTH_TOOLTIP,
  monthDatum,
  monthName,
  monthX,
  NOW_RULE,
  nameAxisExtent,
  POLICY_COLOURS,
  POLICY_LABELS,
  panelTitle,
  RUNG_COLOURS,
  RUNG_LABEL_EXPR,
  RUNG_LONG_EXPR,
  RUNG_VALUES,
  SCHEMA,
  selectedOpacity,
  subtitleOf,
  THREAT_LABEL,
  widthOf,
  wrapLines,
} from './style.js';

/** The dataset names of the run charts (see the table at the top of this file). */
export const RUN_DATASETS = {
  rungs: 'rungs',
  record: 'record',
  segments: 'segments',
  observed: 'observed',
  recordEnd: 'record_end',
  now: 'now',
  factions: 'factions',
  policy: 'policy',
  attacks: 'attacks',
  recordAttacks: 'record_attacks',
  counts: 'counts',
  recordCounts: 'record_counts',
} as const;

// biome-ignore lint/suspicious/noExplicitAny: layers are assembled as plain JSON and typed once per chart
type Json = any;

/** baseConfig's padding on each side of the image (px). */
const PAD = 12;
/** Extent of a numeric y axis (ticks and labels such as '100%', '0.8', '20') and of its title beside it. */
const VALUE_AXIS = 36;
const AXIS_TITLE = 18;
/** Room kept at the right of a time axis for a label centred on a tick near the end. */
const RIGHT_SLACK = 10;
/** Extent of the rung axis ('humanitarian', the longest short rung name, at 11 px, and the ticks). */
const RUNG_AXIS = 84;
/** Height of each bloc panel of the rungs chart: 7 rungs 15 px apart and a little air. */
const PANEL_HEIGHT = 100;
const PANEL_SPACING = 10;
/** Height of a single-panel chart's plot. */
const PLOT_HEIGHT = 240;
/** The title stands a little higher than baseConfig's, to leave room for the 'record ends' label. */
const TITLE_OFFSET = 20;
/** About 0.65 em a character of DejaVu Sans at 11 px: an upper estimate of a label's width. */
const charsWidth = (chars: number) => Math.ceil(0.65 * 11 * chars);
const longest = (labels: readonly string[]) => Math.max(1, ...labels.map((l) => l.length));

/** The title of a run chart: its name and one line naming the run, each wrapped to the image's width
 * (the bold 16 px title at about 17 px a character's em). */
function title(text: string, doc: ResultsDoc, opts: ChartOptions) {
  const room = widthOf(opts) - 2 * PAD;
  const lines = wrapLines(text, room, 17);
  const sub = wrapLines(`${subtitleOf(doc)} · one simulated run`, room, 12);
  return {
    text: lines.length === 1 ? lines[0]! : lines,
    subtitle: sub.length === 1 ? sub[0]! : sub,
    offset: TITLE_OFFSET,
  };
}

/**
 * The caption's sentence about the record, when the doc carries one: where it ends, and that up to there
 * the run replays the record's events while `own` (what the chart draws of the run) is the model's own.
 */
function recordSentence(record: RecordOverlay | undefined, own: string, what = ''): string | undefined {
  if (!record) return undefined;
  const end = monthName(record.end);
  return `${what ? `${what} ` : ''}The dashed rule marks where the record ends, ${end}: up to there the run replays the events of the observed record (to ${end}), but ${own}.`;
}

/** The months the rows cover, in order: the period's months from the first row's to the last row's
 * (a run has rows every month; one shown up to a month, the playground's player, has them to there).
 * One pass without a set: the playground calls it on every redraw. */
export function monthsOf(doc: ResultsDoc): string[] {
  if (doc.rows.length === 0) return [];
  let first = doc.rows[0]!.date;
  let last = first;
  for (const { date } of doc.rows) {
    if (date < first) first = date;
    else if (date > last) last = date;
  }
  return monthRange(first, last);
}

/** Rows of one variable, indexed by actor then date. */
function valuesOf(doc: ResultsDoc, variable: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of doc.rows) {
    if (r.variable !== variable) continue;
    let byDate = out.get(r.actor);
    if (!byDate) {
      byDate = new Map();
      out.set(r.actor, byDate);
    }
    byDate.set(r.date, r.value);
  }
  return out;
}

function rowsOf(doc: ResultsDoc, actor: string, variable: string): TidyRow[] {
  return doc.rows.filter((r) => r.actor === actor && r.variable === variable);
}

// ---------------------------------------------------------------------------------------------- the record

/** Where the record ends: its last month, the month after it, the label drawn at the rule, and the side
 * of the rule the label goes. */
export interface RecordEndDatum {
  date: string;
  /** the month after the record's last one: where the rule stands on a chart of month-wide cells or bars,
   * whose last month of the record runs to there */
  next: string;
  label: string;
  align: 'left' | 'right';
}

/** The 'record_end' dataset: one row when the doc carries a record, none otherwise. On a plot `width` px
 * wide, the label goes to the right of the rule where it fits there, else to its left (over the axis
 * rather than past the plot, where it would push the legend aside). `bars`: the rule stands at the end
 * of the record's last month (`next`). `labels`: the label, longest first: the first that fits on one
 * side of the rule ('record ends <month>' when none does). `before`: the label goes over the record, to
 * the left of the rule, where one fits there (the heatmap's label names what lies before the rule). */
export function recordEndRows(
  doc: ResultsDoc,
  width: number,
  bars = false,
  labels: (end: string) => string[] = () => [],
  before = false,
): RecordEndDatum[] {
  if (!doc.record) return [];
  const months = monthsOf(doc);
  const end = monthName(doc.record.end);
  const at = (Math.max(0, months.indexOf(doc.record.end)) + (bars ? 1 : 0)) / Math.max(1, months.length);
  const room = (label: string) => charsWidth(label.length) + 6;
  const fallback = `record ends ${end}`;
  const [left, right] = [width * at, width * (1 - at)];
  const label =
    (before ? labels(end).find((l) => room(l) <= left) : undefined) ??
    labels(end).find((l) => room(l) <= Math.max(left, right)) ??
    fallback;
  const onLeft = before ? room(label) <= left || right < room(label) : right < room(label);
  return [
    { date: doc.record.end, next: addMonths(doc.record.end, 1), label, align: onLeft ? 'right' : 'left' },
  ];
}

/**
 * The rule where the record ends, the full height of a view, from the 'record_end' dataset (no row, no
 * rule); with `labelled`, the row's label just above the plot beside it. The rule is dashed dark grey;
 * `underlay`: over dark marks, a white rule of the same width under it makes the gaps of the dashes white,
 * so it shows on any colour without a white band either side of it. Candidate for style.ts: every time
 * axis draws it.
 */
function recordEndLayers(x: Json, labelled: boolean, underlay = false): Json[] {
  const data = { name: RUN_DATASETS.recordEnd };
  const tooltip = [{ field: 'label', type: 'nominal', title: 'Observed record' }];
  const full = { x, y: { value: 0 }, y2: { value: 'height' }, tooltip };
  const width = 1.4;
  return [
    ...(underlay
      ? [{ data, mark: { type: 'rule', color: 'white', strokeWidth: width }, encoding: full }]
      : []),
    { data, mark: { type: 'rule', color: INK_GREY, strokeDash: [4, 3], strokeWidth: width }, encoding: full },
    ...(labelled
      ? [
          {
            data,
            mark: {
              type: 'text',
              fontSize: 11,
              color: INK_GREY,
              baseline: 'bottom',
              align: { expr: 'datum.align' },
              dx: { expr: "datum.align === 'left' ? 3 : -3" },
              dy: -3,
            },
            encoding: { x, y: { value: 0 }, text: { field: 'label' }, tooltip },
          },
        ]
      : []),
  ];
}

/** The x of the record's rule on a chart of month-wide cells or bars: the end of its last month. */
const afterRecord = (x: Json) => ({ ...x, field: 'next' });

/** The options of the run charts: a page that plays a run through its months asks for a "now" rule. */
export interface RunChartOptions extends ChartOptions {
  /** the month the run is shown to, as a rule on every chart (null: the rule's dataset, empty, so a
   * page can move it through the data API); undefined: no rule, as the CLI draws a run */
  now?: string | null;
}

/** The 'now' dataset: a row for the month shown (`next`: the end of that month, for cells and bars). */
export interface NowDatum {
  date: string;
  next: string;
  label: string;
}

function nowRows(opts: RunChartOptions): Record<string, NowDatum[]> {
  if (opts.now === undefined) return {};
  const rows =
    opts.now === null ? [] : [{ date: opts.now, next: addMonths(opts.now, 1), label: monthName(opts.now) }];
  return { [RUN_DATASETS.now]: rows };
}

/** The rule at the month shown, the full height of a view (none without the `now` option). */
function nowLayers(x: Json, opts: RunChartOptions): Json[] {
  if (opts.now === undefined) return [];
  const tooltip = [{ field: 'label', type: 'nominal', title: 'Shown to' }];
  return [
    {
      data: { name: RUN_DATASETS.now },
      mark: NOW_RULE,
      encoding: { x, y: { value: 0 }, y2: { value: 'height' }, tooltip },
    },
  ];
}

/**
 * The month axis of a run chart over the doc's period, its domain fixed to the period (to the end of
 * its last month for `bars`, whose last bar runs to there): the same axis whatever the values, and no
 * extent to compute over datasets that may be empty (the record's, the attacks). Candidate for style.ts.
 */
function monthAxis(doc: ResultsDoc, width: number, bars = false) {
  // the ticks from the period, not the rows: a run shown up to a month (the playground's player) keeps
  // its axis
  const months = parseMonth(doc.end) - parseMonth(doc.start) + 1;
  return {
    ...monthX(months, width),
    scale: { domain: [monthDatum(doc.start), monthDatum(bars ? addMonths(doc.end, 1) : doc.end)] },
  };
}

/** A legend under the plot, in `columns` columns. Candidate for style.ts. */
function legendBelow(columns: number, extra: Json = {}) {
  return { orient: 'bottom', direction: 'horizontal', columns, title: null, ...extra } as const;
}

/**
 * The rung legend under a plot `room` px wide (it starts at the plot's left edge): '0 hostile / no
 * contact' … '6 formal recognition', in as many columns as fit.
 */
function rungLegend(room: number) {
  const column = 18 + charsWidth(longest(RUNGS) + 2) + 10;
  return legendBelow(Math.max(1, Math.min(4, Math.floor(room / column))), {
    title: 'Engagement rung',
    symbolType: 'square',
    labelExpr: `datum.value + ' ' + ${RUNG_LONG_EXPR}`,
  });
}

// ---------------------------------------------------------------------------------------------- rungs

export interface RungDatum {
  date: string;
  country: string;
  bloc: string;
  rung: number;
  rung_name: string;
  /** first month of the country or a month where its rung changed: drawn as a point */
  changed: boolean;
}
/** A row of the record: a country's observed rung from this month on. */
export type RecordDatum = Omit<RungDatum, 'changed'>;

/** A country's rung in a month as the rung charts carry it (`bloc`: blocLabel(c), given by a caller
 * that makes many rows of one country). */
function rungRow(date: string, c: ActorInfo, rung: number, bloc = blocLabel(c)) {
  return { date, country: c.name, bloc, rung, rung_name: RUNGS[rung] ?? String(rung) };
}

/** The 'rungs' dataset: every country's rung every month, countries in their fixed order. */
export function rungRows(doc: ResultsDoc): RungDatum[] {
  const rung = valuesOf(doc, 'rung');
  const months = monthsOf(doc);
  const values: RungDatum[] = [];
  for (const c of countryOrder(doc)) {
    const byDate = rung.get(c.id);
    if (!byDate) continue;
    const bloc = blocLabel(c);
    let prev: number | undefined;
    for (const date of months) {
      const v = byDate.get(date);
      if (v === undefined) continue;
      // for every country and month of a run: the row gets its flag, not a copy with it
      const row = rungRow(date, c, v, bloc) as RungDatum;
      row.changed = v !== prev;
      values.push(row);
      prev = v;
    }
  }
  return values;
}

/** The 'record' dataset: the record's rows of the countries the doc describes. */
export function recordRows(doc: ResultsDoc): RecordDatum[] {
  const byId = new Map(countryOrder(doc).map((c) => [c.id, c]));
  return (doc.record?.rows ?? []).flatMap((r) => {
    const c = byId.get(r.country);
    return c ? [rungRow(r.date, c, r.rung)] : [];
  });
}

/** The 'observed' dataset: each country's observed rung in each month of the record, countries in their
 * fixed order (the record's rows hold its rung from each change on). */
export function observedRows(doc: ResultsDoc): RecordDatum[] {
  const rows = recordRows(doc);
  const months = monthsOf(doc).filter((m) => doc.record && m <= doc.record.end);
  const byCountry = new Map<string, RecordDatum[]>();
  for (const r of rows) {
    const changes = byCountry.get(r.country);
    if (changes) changes.push(r);
    else byCountry.set(r.country, [r]);
  }
  return [...byCountry.values()].flatMap((changes) => {
    const sorted = changes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    // each month takes the last change at or before it: one pass over months and changes together
    const out: RecordDatum[] = [];
    let at = -1;
    for (const date of months) {
      while (at + 1 < sorted.length && sorted[at + 1]!.date <= date) at++;
      if (at >= 0) out.push({ ...sorted[at]!, date });
    }
    return out;
  });
}

/** A run of months in which a country keeps one rung: a heatmap cell from `date` to the start of `next`. */
export interface SegmentDatum extends RecordDatum {
  /** the month after the segment's last (where its cell ends) */
  next: string;
  /** its last month, and how many months it lasts (for the tooltip) */
  until: string;
  months: number;
}

/** Month rows (one country after another, months in order) → segments of one rung each: the heatmap
 * draws a few dozen cells instead of countries × months, so a page redraws it quickly. */
export function segmentRows(rows: readonly RecordDatum[]): SegmentDatum[] {
  const out: SegmentDatum[] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last && last.country === r.country && last.rung === r.rung && last.next === r.date) {
      last.until = r.date;
      last.next = addMonths(r.date, 1);
      last.months++;
    } else {
      const { date, country, bloc, rung, rung_name } = r;
      out.push({ date, country, bloc, rung, rung_name, next: addMonths(date, 1), until: date, months: 1 });
    }
  }
  return out;
}

/** The rung axis of the rungs panels: short rung names, a fixed extent so the panels line up; `padding`
 * (px) keeps the points at rungs 0 and 6, shifted by their offset, inside the panel. */
const rungY = (padding: number) =>
  ({
    field: 'y',
    type: 'quantitative',
    title: null,
    scale: { domain: [0, RUNGS.length - 1], nice: false, zero: true, padding },
    axis: {
      values: RUNG_VALUES,
      labelExpr: RUNG_LABEL_EXPR,
      grid: true,
      minExtent: RUNG_AXIS,
      maxExtent: RUNG_AXIS,
    },
  }) as const;

/** Pixels between the lines of two neighbours in a bloc at the same rung, and the width of a line. */
const LINE_STEP = 2.5;
const LINE_WIDTH = 1.5;
/** The lines of a bloc spread over at most this many rungs about each rung (±0.3): nearer their own rung
 * than any other. */
const MAX_SPREAD = 0.6;

/**
 * Where each country of a bloc of `n` draws its line in a panel: the rung plus an offset by its place in
 * the bloc (the first lowest), LINE_STEP px apart, so countries at the same rung lie side by side instead
 * of over one another; the px between two rungs that leaves room for that (at least the default panel's);
 * the rung scale's padding (px), which keeps the shifted points at rungs 0 and 6 inside the panel; and
 * the panel's height. Fixed by the bloc's members, never by the values. Candidate for style.ts.
 */
export function blocOffsets(n: number): {
  offsets: number[];
  rungPx: number;
  padding: number;
  height: number;
} {
  const rungPx = Math.max((PANEL_HEIGHT - 12) / (RUNGS.length - 1), ((n - 1) * LINE_STEP) / MAX_SPREAD);
  const offsets = Array.from({ length: n }, (_, i) => {
    const px = (i - (n - 1) / 2) * LINE_STEP;
    return Math.round((px / rungPx) * 1e4) / 1e4;
  });
  const padding = Math.ceil(6 + ((n - 1) * LINE_STEP) / 2);
  return { offsets, rungPx, padding, height: Math.round((RUNGS.length - 1) * rungPx + 2 * padding) };
}

/** Months between two marks along a rungs line, and the shift of each next country of a bloc. */
const MARK_EVERY = 24;
const MARK_SHIFT = 5;

/**
 * The rows a rungs panel draws: a step line needs its first month, each change and its last; each row
 * says if it carries a mark in the country's shape: at a change, at the end, and every MARK_EVERY
 * months along the line, shifted by the country's place in its bloc so that no two marks of a bloc
 * meet (a country that never moves still shows its shape along its line, in grey print too).
 */
function markedRows(rows: RungDatum[], blocs: ActorInfo[][]) {
  const place = new Map(blocs.flatMap((members) => members.map((c, k) => [c.name, k] as const)));
  let m = 0;
  return rows.flatMap((r, i) => {
    m = i > 0 && rows[i - 1]!.country === r.country ? m + 1 : 0;
    const last = rows[i + 1]?.country !== r.country;
    const k = place.get(r.country) ?? 0;
    const mark = m >= MARK_SHIFT && (m - MARK_SHIFT * (k + 1)) % MARK_EVERY === 0;
    return r.changed || last || mark ? [{ ...r, last, mark }] : [];
  });
}

/** The shapes of the rungs chart's marks, by a country's place in its bloc (the legend shows them). */
const PLACE_SHAPES = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'cross',
  'triangle-down',
  'triangle-right',
  'triangle-left',
];

/** The record on the rungs chart: a band this wide (px) in the country's colour at this opacity, under
 * the run's line: no run is drawn so (every run is a thin line, dashed by bloc), and where the run keeps
 * the observed rung the band still shows around its line. Candidate for style.ts. */
export const RECORD_BAND = 7;
export const RECORD_OPACITY = 0.3;

/**
 * Engagement rung of every country over time: step lines, one full-width panel per bloc, each with its
 * own legend (titled with the bloc) listing its countries in their fixed colour and dash. Within a bloc
 * each country's line is shifted a little by its place in the bloc (blocOffsets), so lines at the same
 * rung show side by side. The record runs under each line as a wide pale band in the country's colour,
 * at the same shift, with a dashed rule where it ends.
 */
export function rungsChart(doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  const countries = countryOrder(doc);
  const styles = actorStyles(doc.actors);
  const blocs = blocsPresent(doc);
  const members = blocs.map((b) => countries.filter((c) => blocLabel(c) === b));
  // the legend beside each panel: symbol, gap, the longest name, and the gap to the plot
  const labelLimit = charsWidth(longest(countries.map((c) => c.name))) + 6;
  const legendWidth = 18 + 17 + 5 + Math.max(labelLimit, charsWidth(longest(blocs)) + 4);
  const width = Math.max(120, widthOf(opts) - 2 * PAD - RUNG_AXIS - legendWidth - RIGHT_SLACK);
  const axis = monthAxis(doc, width);
  const tooltip = [
    MONTH_TOOLTIP,
    { field: 'country', type: 'nominal', title: 'Country' },
    { field: 'bloc', type: 'nominal', title: 'Bloc' },
    { field: 'rung', type: 'quantitative', title: 'Rung' },
    { field: 'rung_name', type: 'nominal', title: 'Stance' },
  ];
  const panels = blocs.map((bloc, i) => {
    const last = i === blocs.length - 1;
    // the month labels under the last panel only; the others keep ticks and grid
    const x = last ? axis : { ...axis, title: null, axis: { ...axis.axis, labels: false } };
    const names = members[i]!.map((c) => c.name);
    const { offsets, padding, height } = blocOffsets(names.length);
    // y: the rung shifted by the country's place in the bloc
    const shifted = [
      { filter: { field: 'bloc', equal: bloc } },
      {
        calculate: `datum.rung + ${JSON.stringify(offsets)}[indexof(${JSON.stringify(names)}, datum.country)]`,
        as: 'y',
      },
    ];
    const scale = (of: 'colour' | 'dash') => ({
      domain: names,
      range: members[i]!.map((c) => styles.get(c.id)![of]),
    });
    const colour = {
      field: 'country',
      type: 'nominal',
      title: bloc,
      sort: names,
      scale: scale('colour'),
      // a panel is one bloc, one dash: its legend shows what tells its countries apart, colour and shape
      legend: {
        orient: 'right',
        symbolSize: 70,
        symbolStrokeWidth: 0,
        symbolDash: [],
        rowPadding: 1,
        labelLimit,
        titleFontSize: 13,
        titleFontWeight: 'bold',
        titleLimit: labelLimit + 20,
      },
    };
    const dash = { field: 'country', type: 'nominal', title: bloc, sort: names, scale: scale('dash') };
    // a shape by the country's place in its bloc, at each change and at the line's end: within a panel
    // the colours may look alike in grey print, the shapes do not (reader 5)
    const shape = {
      field: 'country',
      type: 'nominal',
      title: bloc,
      sort: names,
      scale: { domain: names, range: names.map((_, k) => PLACE_SHAPES[k % PLACE_SHAPES.length]) },
    };
    // each panel's legend selects among its countries (vega allows one legend binding per selection)
    const selection = `${LEGEND_SELECTION}_${i}`;
    return {
      width,
      height,
      encoding: { x, y: rungY(padding) },
      layer: [
        // the record first, under the run: a wide pale band per country, in its colour (taken as it is,
        // so this layer adds nothing to the legend): unlike any line of a run, dashed or not (reader 4:
        // a dotted record read as the dotted runs of the Neighbours and the Gulf)
        {
          data: { name: RUN_DATASETS.record },
          transform: [
            ...shifted,
            {
              calculate: `${JSON.stringify(scale('colour').range)}[indexof(${JSON.stringify(names)}, datum.country)]`,
              as: 'colour',
            },
          ],
          mark: {
            type: 'line',
            interpolate: 'step-after',
            strokeWidth: RECORD_BAND,
            strokeCap: 'butt',
            strokeJoin: 'miter',
            stroke: { expr: 'datum.colour' },
          },
          encoding: {
            detail: { field: 'country', type: 'nominal' },
            strokeOpacity: selectedOpacity(RECORD_OPACITY, FADED / 4, selection),
            tooltip: [{ field: 'country', type: 'nominal', title: 'Observed (record)' }],
          },
        },
        ...recordEndLayers(x, i === 0),
        ...nowLayers(x, opts),
        {
          data: { name: RUN_DATASETS.rungs },
          transform: shifted,
          params: [legendSelection('country', selection)],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: LINE_WIDTH },
          encoding: {
            color: colour,
            strokeDash: dash,
            opacity: selectedOpacity(0.9, FADED, selection),
            // a line is one mark for all its months: its tooltip names the country only
            tooltip: tooltip.slice(1, 3),
          },
        },
        {
          data: { name: RUN_DATASETS.rungs },
          transform: [...shifted, { filter: 'datum.changed || datum.last || datum.mark' }],
          mark: { type: 'point', filled: true, size: 42 },
          encoding: { color: colour, shape, opacity: selectedOpacity(1, FADED, selection), tooltip },
        },
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: title('Engagement with the Taliban government, by country', doc, opts),
    description: caption(
      "Each country's engagement rung month by month, one panel per bloc; a country keeps its colour and dash in every chart and run.",
      "Within a panel each line is shifted a little up or down by the country's place in the bloc, so countries at the same rung show one above the other.",
      "A mark in the country's shape (its place in the bloc, as in the legend) at the start rung, at each change, every two years along the line (a few months apart from its bloc's others) and at the end.",
      recordSentence(
        doc.record,
        "the stances the thin lines draw are the model's own",
        "The wide pale band in a country's colour is its observed rung in the record; where the run keeps the observed rung, the run's line runs along the band.",
      ),
    ),
    datasets: {
      // step lines need a point only where the rung changes, and the last month to run to
      [RUN_DATASETS.rungs]: markedRows(rungRows(doc), members),
      [RUN_DATASETS.record]: recordRows(doc),
      [RUN_DATASETS.recordEnd]: recordEndRows(doc, width),
      ...nowRows(opts),
    },
    vconcat: panels,
    spacing: PANEL_SPACING,
    // the panels differ in height (a bloc of many countries spreads its lines over more px): each its own
    // y scale, all over the same rungs 0..6
    resolve: {
      scale: {
        x: 'shared',
        y: 'independent',
        color: 'independent',
        strokeDash: 'independent',
        shape: 'independent',
      },
    },
    config: baseConfig(),
  } as Json as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- heatmap

/** Height of a heatmap row (px), the white gap at its bottom that sets countries apart, and the strip at
 * its top that shows the record. */
const ROW_STEP = 16;
const ROW_GAP = 3;
const STRIP = 5;

/**
 * Countries × months, colour = rung; one block of rows per bloc (its name above it), then the countries
 * in their fixed order. Up to the record's end, a strip at the top of each row (a third of it, set off
 * by a white line) shows the observed rung and the rest of the row the run; after it the run fills the
 * row; a white gap under each row sets the countries apart. A dashed rule where the record ends; the rung legend goes under the chart. Adjacent cells carry
 * a hairline of their own colour, so no white seam shows between months.
 */
export function heatmapChart(doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  const rung = valuesOf(doc, 'rung');
  const countries = countryOrder(doc).filter((c) => rung.has(c.id));
  const blocs = blocsPresent({ actors: countries });
  const extent = nameAxisExtent(countries.map((c) => c.name));
  const width = Math.max(120, widthOf(opts) - 2 * PAD - extent - RIGHT_SLACK);
  // a cell runs to the end of its month: the axis to the end of the last one
  const axis = monthAxis(doc, width, true);
  const colour = {
    field: 'rung',
    type: 'ordinal',
    title: 'Engagement rung',
    scale: { domain: RUNG_VALUES, range: [...RUNG_COLOURS] },
    legend: rungLegend(width),
  };
  // the cells' outline in their own colour covers the hairline gaps antialiasing leaves between them
  // (the same definition as the colour: vega-lite merges the two into the one rung legend)
  const fill = { color: colour, stroke: colour };
  const cell = { type: 'rect', strokeWidth: 0.5 } as const;
  const tooltip = (stance: string) => [
    { ...MONTH_TOOLTIP, title: 'From' },
    { ...MONTH_TOOLTIP, field: 'until', title: 'To' },
    { field: 'months', type: 'quantitative', title: 'Months' },
    { field: 'country', type: 'nominal', title: 'Country' },
    { field: 'rung', type: 'quantitative', title: 'Rung' },
    { field: 'rung_name', type: 'nominal', title: stance },
  ];
  // a rect `h` px high at the top of its row (vega-lite centres it on the row, shifted by yOffset)
  const top = (h: number) => ({ height: h, yOffset: (h - ROW_STEP) / 2 });
  const panels = blocs.map((bloc, i) => {
    const last = i === blocs.length - 1;
    const x = last ? axis : { ...axis, title: null, axis: { ...axis.axis, labels: false } };
    const y = {
      field: 'country',
      type: 'nominal',
      title: null,
      sort: countries.filter((c) => blocLabel(c) === bloc).map((c) => c.name),
      axis: { minExtent: extent, maxExtent: extent },
    };
    const inBloc = [{ filter: { field: 'bloc', equal: bloc } }];
    const observed = { name: RUN_DATASETS.observed };
    // a cell spans its segment: from its first month to the start of the month after its last
    const span = { x, x2: { field: 'next', timeUnit: x.timeUnit, format: FORMATS.month } };
    return {
      title: panelTitle(bloc),
      width,
      height: { step: ROW_STEP },
      layer: [
        {
          data: { name: RUN_DATASETS.segments },
          transform: inBloc,
          mark: { ...cell, ...top(ROW_STEP - ROW_GAP) },
          encoding: { ...span, y, ...fill, tooltip: tooltip('Stance (run)') },
        },
        // the record's strip: a white line under it, then the observed rung
        {
          data: observed,
          transform: inBloc,
          mark: { type: 'rect', color: 'white', ...top(STRIP + 1) },
          encoding: { ...span, y, tooltip: tooltip('Stance (observed)') },
        },
        {
          data: observed,
          transform: inBloc,
          mark: { ...cell, ...top(STRIP) },
          encoding: { ...span, y, ...fill, tooltip: tooltip('Stance (observed)') },
        },
        ...recordEndLayers(afterRecord(x), i === 0, true),
        ...nowLayers(afterRecord(x), opts),
      ],
    };
  });
  return {
    $schema: SCHEMA,
    title: title('Engagement rung by country and month', doc, opts),
    description: caption(
      'Each cell is a country in a month, coloured by its engagement rung; rows by bloc, then in the fixed order of the countries, a white gap between two countries.',
      doc.record &&
        `Top strip of each row, to ${monthName(doc.record.end)}: the observed rung (the record); the rest of the row: the run.`,
      recordSentence(doc.record, "the run's stances are the model's own"),
    ),
    datasets: {
      [RUN_DATASETS.segments]: segmentRows(rungRows(doc)),
      [RUN_DATASETS.observed]: segmentRows(observedRows(doc)),
      [RUN_DATASETS.recordEnd]: recordEndRows(
        doc,
        width,
        true,
        // longest first; the short ones fit left of the rule when the record is a small part of the period
        (end) => [
          `top strip: observed to ${end}`,
          `top strip: record to ${end}`,
          `top: observed to ${end}`,
          'top strip: observed',
        ],
        true,
      ),
      ...nowRows(opts),
    },
    vconcat: panels,
    spacing: 6,
    resolve: { scale: { x: 'shared', color: 'shared', stroke: 'shared' } },
    config: { ...baseConfig(), view: { stroke: null } },
  } as Json as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- factions

export interface FactionDatum {
  date: string;
  faction: string;
  order: number;
  power: number;
}

/** Factions in the order of FACTIONS, unknown ones after them by id. */
export function byFaction<T>(items: T[], id: (item: T) => string): T[] {
  const known = FACTIONS as readonly string[];
  const rank = (item: T) => known.indexOf(id(item)) + 1 || 99;
  return [...items].sort((a, b) => rank(a) - rank(b) || (id(a) < id(b) ? -1 : 1));
}

/** The plot width of a single-panel run chart with a value axis on the left. */
const singleWidth = (opts: ChartOptions) =>
  Math.max(120, widthOf(opts) - 2 * PAD - VALUE_AXIS - AXIS_TITLE - RIGHT_SLACK);
/** A value axis of fixed extent, so the plot width does not depend on the labels. */
const valueAxis = (extra: Json = {}) => ({ minExtent: VALUE_AXIS, maxExtent: VALUE_AXIS, ...extra });

/** Power shares of the Taliban factions: stacked area normalized to 1. */
export function factionsChart(doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  const factions = byFaction(actorsOfKind(doc, 'faction'), (a) => a.id);
  const labels = factions.map(actorLabel);
  const styles = actorStyles(doc.actors);
  const colours = factions.map((f) => styles.get(f.id)!.colour);
  const values: FactionDatum[] = [];
  factions.forEach((f, order) => {
    for (const r of rowsOf(doc, f.id, 'power'))
      values.push({ date: r.date, faction: labels[order]!, order, power: r.value });
  });
  values.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  const width = singleWidth(opts);
  const x = monthAxis(doc, width);
  const data = { name: RUN_DATASETS.factions };
  const y = {
    field: 'power',
    type: 'quantitative',
    stack: 'normalize',
    title: 'Share of power',
    axis: valueAxis({ format: '.0%' }),
  };
  const order = { field: 'order', type: 'quantitative' };
  return {
    $schema: SCHEMA,
    title: title('Power shares of the Taliban factions', doc, opts),
    description: caption(
      "Each faction's share of power month by month, stacked to 100%; the legend lists the factions top to bottom as they are stacked.",
      recordSentence(doc.record, "the power shares are the model's own"),
    ),
    datasets: {
      [RUN_DATASETS.factions]: values,
      [RUN_DATASETS.recordEnd]: recordEndRows(doc, width),
      ...nowRows(opts),
    },
    width,
    height: PLOT_HEIGHT,
    layer: [
      {
        data,
        params: [legendSelection('faction')],
        mark: { type: 'area', line: { strokeWidth: 0.8, stroke: 'white' } },
        encoding: {
          x,
          y,
          order,
          color: {
            field: 'faction',
            type: 'nominal',
            title: 'Faction',
            // legend listed top to bottom like the stack (the first faction sits at the bottom)
            scale: { domain: [...labels].reverse(), range: [...colours].reverse() },
            legend: legendBelow(1, { symbolType: 'square', labelLimit: widthOf(opts) - 2 * PAD - 30 }),
          },
          opacity: selectedOpacity(),
          tooltip: [{ field: 'faction', type: 'nominal', title: 'Faction' }],
        },
      },
      // invisible points on each band's upper edge carry the monthly values for tooltips
      {
        data,
        mark: { type: 'point', filled: true, size: 80, opacity: 0 },
        encoding: {
          x,
          y,
          order,
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'faction', type: 'nominal', title: 'Faction' },
            { field: 'power', type: 'quantitative', title: 'Power share', format: '.1%' },
          ],
        },
      },
      ...recordEndLayers(x, true),
      ...nowLayers(x, opts),
    ],
    config: baseConfig(),
  } as Json as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- policy

export interface PolicyDatum {
  date: string;
  series: string;
  value: number;
}
/** A month with ISK attacks: in the run (`attacks` of them) or in the record (`label` says which). */
export interface AttackDatum {
  date: string;
  threat: number;
  attacks: number;
  source: string;
}
export interface RecordAttackDatum {
  date: string;
  threat: number;
  label: string;
  source: string;
}

/** The two kinds of attack marker, as the legend names them. */
export const ATTACK_SIMULATED = 'ISK attack (simulated)';
export const ATTACK_OBSERVED = 'observed attack (record)';
const ATTACK_COLOUR = '#D55E00';

/**
 * The regime's policy indices and the ISK threat (dashed), all on 0..1. Filled ▲ mark the months of the
 * run with a simulated ISK mass-casualty attack, hollow ▲ the attacks in the record, both on the threat
 * line; a dashed rule where the record ends.
 */
export function policyChart(doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  const series = [...DIMENSIONS.map((d) => POLICY_LABELS[d]!), THREAT_LABEL];
  const values: PolicyDatum[] = [];
  for (const d of DIMENSIONS) {
    for (const r of rowsOf(doc, 'regime', d))
      values.push({ date: r.date, series: POLICY_LABELS[d]!, value: r.value });
  }
  const threat = rowsOf(doc, 'isk', 'threat');
  for (const r of threat) values.push({ date: r.date, series: THREAT_LABEL, value: r.value });
  const threatByDate = new Map(threat.map((r) => [r.date, r.value]));
  const attacks: AttackDatum[] = rowsOf(doc, 'isk', 'attacks')
    .filter((r) => r.value > 0)
    .map((r) => ({
      date: r.date,
      threat: threatByDate.get(r.date) ?? 0,
      attacks: r.value,
      source: ATTACK_SIMULATED,
    }));
  const observed: RecordAttackDatum[] = (doc.record?.attacks ?? [])
    .filter((a) => threatByDate.has(a.date))
    .map((a) => ({
      date: a.date,
      threat: threatByDate.get(a.date)!,
      label: a.label,
      source: ATTACK_OBSERVED,
    }));
  const width = singleWidth(opts);
  const x = monthAxis(doc, width);
  const y = {
    type: 'quantitative' as const,
    scale: { domain: [0, 1] },
    title: 'Index (0 to 1)',
    axis: valueAxis(),
  };
  // one legend for the two markers: the same triangle, filled with a white outline (the run) or hollow
  // (the record)
  const source = { field: 'source', type: 'nominal', title: null } as const;
  const fill = {
    ...source,
    scale: { domain: [ATTACK_SIMULATED, ATTACK_OBSERVED], range: [ATTACK_COLOUR, '#ffffff'] },
    legend: legendBelow(1, { symbolType: 'triangle-up', symbolSize: 120, symbolStrokeWidth: 1.5 }),
  };
  const stroke = {
    ...source,
    scale: { domain: [ATTACK_SIMULATED, ATTACK_OBSERVED], range: ['#ffffff', ATTACK_COLOUR] },
  };
  const marker = { type: 'point', shape: 'triangle-up', filled: true, opacity: 1 };
  // a triangle on the run's threat line per attack month: the record's or the run's own
  const attackLayer = (name: string, size: number, strokeWidth: number, fields: Json[]) => ({
    data: { name },
    mark: { ...marker, size, strokeWidth },
    encoding: { x, y: { ...y, field: 'threat' }, fill, stroke, tooltip: [MONTH_TOOLTIP, ...fields] },
  });
  const observedList = observed.map((a) => `${monthName(a.date)}: ${a.label}`).join(' ');
  return {
    $schema: SCHEMA,
    title: title('Taliban regime policy and the ISK threat', doc, opts),
    description: caption(
      'Policy indices: 0 = most repressive or least cooperative, 1 = most open; the ISK threat is dashed.',
      '▲ marks a month with a simulated ISK mass-casualty attack abroad, on the threat line.',
      doc.record &&
        `△ marks an ISK attack in the observed record (to ${monthName(doc.record.end)}), on the threat line of the run.`,
      doc.record &&
        `Before ${monthName(doc.record.end)} too, the triangles ▲ are simulated (the run's own attacks, drawn from its threat), △ observed.`,
      observed.length > 0 && `Attacks in the record: ${observedList}`,
      recordSentence(doc.record, "the policies, the ISK threat and the attacks ▲ are the model's own"),
    ),
    datasets: {
      [RUN_DATASETS.policy]: values,
      [RUN_DATASETS.attacks]: attacks,
      [RUN_DATASETS.recordAttacks]: observed,
      [RUN_DATASETS.recordEnd]: recordEndRows(doc, width),
      ...nowRows(opts),
    },
    width,
    height: PLOT_HEIGHT,
    layer: [
      {
        data: { name: RUN_DATASETS.policy },
        encoding: {
          x,
          y: { ...y, field: 'value' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: series,
            scale: { domain: series, range: [...DIMENSIONS, 'threat'].map((v) => POLICY_COLOURS[v]!) },
            legend: legendBelow(1, { symbolType: 'stroke', symbolStrokeWidth: 2.5 }),
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: series,
            scale: {
              domain: series,
              range: [
                [1, 0],
                [1, 0],
                [1, 0],
                [6, 4],
              ],
            },
          },
        },
        layer: [
          {
            params: [legendSelection('series')],
            mark: { type: 'line', strokeWidth: 2.2 },
            encoding: {
              opacity: selectedOpacity(),
              tooltip: [{ field: 'series', type: 'nominal', title: 'Series' }],
            },
          },
          // invisible points carry the monthly values for tooltips
          {
            mark: { type: 'point', filled: true, size: 80, opacity: 0 },
            encoding: {
              tooltip: [
                MONTH_TOOLTIP,
                { field: 'series', type: 'nominal', title: 'Series' },
                { field: 'value', type: 'quantitative', title: 'Value', format: FORMATS.score },
              ],
            },
          },
        ],
      },
      ...recordEndLayers(x, true),
      ...nowLayers(x, opts),
      // the record's attacks, a size larger, so a simulated attack in the same month shows inside
      attackLayer(RUN_DATASETS.recordAttacks, 200, 1.6, [
        { field: 'label', type: 'nominal', title: 'ISK attack in the record' },
        { field: 'threat', type: 'quantitative', title: 'ISK threat (run)', format: FORMATS.score },
      ]),
      attackLayer(RUN_DATASETS.attacks, 90, 0.8, [
        { field: 'attacks', type: 'quantitative', title: 'ISK attacks (simulated)' },
        { field: 'threat', type: 'quantitative', title: 'ISK threat', format: FORMATS.score },
      ]),
    ],
    config: baseConfig(),
  } as Json as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- legitimacy

export interface CountDatum {
  date: string;
  rung: number;
  rung_name: string;
  countries: number;
}

/** A month of the record: how many of its countries stand at rung `rung` or higher. */
export interface RecordCountDatum {
  date: string;
  rung: number;
  /** the series' name in the legend: 'rung ≥ 4' */
  series: string;
  countries: number;
  /** the extra row a month after the record's end, where its step line ends: no tooltip there */
  tail: boolean;
}

/** The thresholds the record's counts are drawn for (the run's own higher rungs are in the stack). */
const RECORD_THRESHOLDS = [4, 5] as const;
const thresholdName = (k: number) => `rung ≥ ${k}`;
const RECORD_DASHES = [
  [1, 0],
  [5, 3],
];
const RECORD_LINE = '#000000';

/** The 'record_counts' dataset: each month of the record, how many countries stand at rung ≥ 4 and ≥ 5,
 * and the last month's counts again a month later, where the step of the record's last month ends. */
export function recordCountRows(doc: ResultsDoc): RecordCountDatum[] {
  const byDate = new Map<string, number[]>();
  for (const r of observedRows(doc)) {
    const rungs = byDate.get(r.date);
    if (rungs) rungs.push(r.rung);
    else byDate.set(r.date, [r.rung]);
  }
  const months = [...byDate.keys()].sort();
  const out: RecordCountDatum[] = [];
  for (const k of RECORD_THRESHOLDS) {
    for (const date of months) {
      const countries = byDate.get(date)!.filter((rung) => rung >= k).length;
      out.push({ date, rung: k, series: thresholdName(k), countries, tail: false });
    }
    const last = out.at(-1);
    if (last) out.push({ ...last, date: addMonths(last.date, 1), tail: true });
  }
  return out;
}

/**
 * How many countries stand at each rung, month by month: stacked bars, higher rungs at the bottom, so the
 * top of the band of rung k reads on the axis as the number of countries at rung k or higher. Up to the
 * record's end, black step lines draw the same numbers in the record (rung ≥ 4 solid, ≥ 5 dashed).
 */
export function legitimacyChart(doc: ResultsDoc, opts: RunChartOptions = {}): TopLevelSpec {
  const values: CountDatum[] = [];
  const counts = new Map<string, number>();
  for (const r of doc.rows) {
    if (r.actor === 'world' && r.variable.startsWith('count_rung_'))
      counts.set(`${r.date}|${r.variable}`, r.value);
  }
  const months = monthsOf(doc);
  for (const date of months) {
    RUNGS.forEach((name, k) => {
      const n = counts.get(`${date}|count_rung_${k}`);
      if (n !== undefined) values.push({ date, rung: k, rung_name: name, countries: n });
    });
  }
  const total = actorsOfKind(doc, 'country').length;
  const descending = [...RUNG_VALUES].reverse();
  const width = singleWidth(opts);
  const x = monthAxis(doc, width, true);
  const y = {
    field: 'countries',
    type: 'quantitative',
    title: 'Number of countries',
    scale: total > 0 ? { domain: [0, total], nice: false } : {},
    axis: valueAxis({ tickMinStep: 1, format: 'd' }),
  };
  // the record's legend beside the rung legend: its title is the widest part
  const recordTitle = 'Observed (record)';
  const recordLegend = 18 + Math.max(charsWidth(recordTitle.length + 1), 25 + charsWidth(8)) + 16;
  const recordData = { name: RUN_DATASETS.recordCounts };
  const step = { type: 'line', interpolate: 'step-after' } as const;
  const dashes = {
    field: 'series',
    type: 'nominal',
    title: recordTitle,
    // the domain is the series in the dataset (none without a record: no legend), 'rung ≥ 4' first
    scale: { range: RECORD_DASHES },
    legend: legendBelow(1, {
      title: recordTitle,
      symbolType: 'stroke',
      symbolStrokeWidth: 2,
      symbolStrokeColor: RECORD_LINE,
      symbolSize: 300,
    }),
  };
  const rungColour = {
    field: 'rung',
    type: 'ordinal',
    title: 'Engagement rung',
    sort: 'descending',
    scale: { domain: descending, range: descending.map((k) => RUNG_COLOURS[k]!) },
    legend: rungLegend(width + VALUE_AXIS + AXIS_TITLE - recordLegend),
  };
  const end = doc.record && monthName(doc.record.end);
  const last = recordCountRows(doc).filter((r) => r.tail);
  return {
    $schema: SCHEMA,
    title: title('How many countries stand at each rung', doc, opts),
    description: caption(
      `How many of the ${total} countries stand at each engagement rung in each month, higher rungs at the bottom: the top of a rung's band reads as the number of countries at that rung or higher.`,
      doc.record &&
        `The black step lines count the same in the observed record (to ${end}): countries at rung ≥ 4 (solid) and ≥ 5 (dashed); in ${end} the record has ${last.map((r) => `${r.countries} at ${r.series}`).join(' and ')}.`,
      recordSentence(doc.record, "the stacked counts are the model's own"),
    ),
    datasets: {
      [RUN_DATASETS.counts]: values,
      [RUN_DATASETS.recordCounts]: recordCountRows(doc),
      [RUN_DATASETS.recordEnd]: recordEndRows(doc, width, true),
      ...nowRows(opts),
    },
    width,
    height: PLOT_HEIGHT,
    layer: [
      {
        data: { name: RUN_DATASETS.counts },
        // an empty rung draws nothing (its outline would be a line across the plot)
        transform: [{ filter: 'datum.countries > 0' }],
        // adjacent months touch (a stepped area): each bar's outline in its own colour covers the hairline
        // gaps antialiasing leaves between them
        mark: { type: 'bar', binSpacing: 0, strokeWidth: 0.5 },
        encoding: {
          x,
          y: { ...y, stack: 'zero' },
          color: rungColour,
          // the same definition as the colour: vega-lite merges the two into the one rung legend
          stroke: rungColour,
          // the highest rung at the bottom
          order: { field: 'rung', type: 'quantitative', sort: 'descending' },
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'rung', type: 'quantitative', title: 'Rung' },
            { field: 'rung_name', type: 'nominal', title: 'Stance' },
            { field: 'countries', type: 'quantitative', title: 'Countries' },
          ],
        },
      },
      ...recordEndLayers(afterRecord(x), true, true),
      ...nowLayers(afterRecord(x), opts),
      // the record: a white casing under each black step line keeps it visible on the dark bands
      {
        data: recordData,
        mark: { ...step, color: 'white', strokeWidth: 4.5 },
        encoding: {
          x,
          y,
          detail: { field: 'series', type: 'nominal' },
          tooltip: [{ field: 'series', type: 'nominal', title: 'Observed (record)' }],
        },
      },
      {
        data: recordData,
        mark: { ...step, color: RECORD_LINE, strokeWidth: 2 },
        encoding: {
          x,
          y,
          strokeDash: dashes,
          tooltip: [{ field: 'series', type: 'nominal', title: 'Observed (record)' }],
        },
      },
      // invisible points carry the record's monthly counts for tooltips
      {
        data: recordData,
        transform: [{ filter: '!datum.tail' }],
        mark: { type: 'point', filled: true, size: 60, opacity: 0 },
        encoding: {
          x,
          y,
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'series', type: 'nominal', title: 'Observed (record)' },
            { field: 'countries', type: 'quantitative', title: 'Countries' },
          ],
        },
      },
    ],
    config: baseConfig(),
  } as Json as TopLevelSpec;
}
