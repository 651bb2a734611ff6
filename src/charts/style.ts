// The visual language of every chart, defined once: page width, fonts and config, titles and captions,
// month axes, bloc and rung labels, number formats, greys, and (re-exported from palette.ts) the colours
// and order of actors and rungs. The chart families (run, ensemble, compare, study, backtest, …) build
// on these; the report and the playground take the same values.

import type { TopLevelSpec } from 'vega-lite';
import type { ActorInfo } from '../model/results.js';
import { formatMonth, parseMonth } from '../model/time.js';
import { BLOCS, RUNGS } from '../model/types.js';
import { CATEGORY_COLOURS, countriesInOrder } from './palette.js';

export * from './palette.js';

type Config = NonNullable<TopLevelSpec['config']>;

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const FONT = 'DejaVu Sans';

/** Short rung names for axis labels (the long ones, RUNGS, go in legends and tooltips). */
export const RUNG_SHORT = [
  'hostile',
  'humanitarian',
  'informal',
  'talks',
  'presence',
  'ambassador',
  'recognition',
] as const;

export const BLOC_LABELS: Record<string, string> = {
  west: 'West',
  great_power: 'Great powers',
  neighbour: 'Neighbours',
  central_asia: 'Central Asia',
  gulf: 'Gulf',
  asia: 'Asia',
};
const OTHER_BLOC = 'Other';

export const POLICY_LABELS: Record<string, string> = {
  womens_rights: "Women's and girls' rights",
  ct_cooperation: 'Counter-terrorism cooperation',
  inclusivity: 'Inclusive governance',
};
export const THREAT_LABEL = 'ISK threat';
/** Line colours of the policy indices and of the ISK threat (grey), by variable. */
export const POLICY_COLOURS: Record<string, string> = {
  womens_rights: '#CC79A7',
  ct_cooperation: '#0072B2',
  inclusivity: '#009E73',
  threat: '#555555',
};

/**
 * The print width every chart is designed at, whole image included (axes, legends, padding): ≈ 170 mm of
 * A4 portrait at 96 dpi. The report shows charts at this width; the PNG is drawn at 2×.
 */
export const PAGE_WIDTH = 640;
/** The smallest text on a chart (px): ≈ 8 pt when printed at 1:1. */
export const MIN_FONT_SIZE = 11;

/** What every chart builder accepts besides its document. */
export interface ChartOptions {
  /** the whole image's width in px (default PAGE_WIDTH); plots, panels and wrapping follow it */
  width?: number;
}
export const widthOf = (opts: ChartOptions = {}) => opts.width ?? PAGE_WIDTH;

/** Plot width of the single-panel charts and of each small multiple (px, before the 2× PNG scale). */
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 260;

/**
 * Number formats (d3), one per kind of number, so a figure reads the same on every chart: shares as whole
 * percent (one decimal under 1%), scores and losses to three significant digits, differences signed.
 */
export const FORMATS = {
  share: '.0%',
  smallShare: '.1%',
  points: '+.0f',
  score: '.3r',
  signedScore: '+.3r',
  count: 'd',
  power: '.2f',
  /** a month in a tooltip or a mark's description, 'Aug 2021' (given, not left to Vega-Lite: its
   * default is looked up afresh for every mark at every redraw) */
  month: '%b %Y',
} as const;

/** x to three significant digits, as FORMATS.score prints it (0.138, 1.39, 0.0419, −87.9). */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0.00';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  const text = Math.abs(x).toFixed(digits);
  return x < 0 ? `−${text}` : text;
}

/**
 * Text broken into lines that fit `width` px at `fontSize` (DejaVu Sans averages about 0.6 em a
 * character), at spaces; for subtitles and notes that must not set a chart's width.
 */
export function wrapLines(text: string, width: number, fontSize = 12): string[] {
  const perLine = Math.max(10, Math.floor(width / (0.6 * fontSize)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export const RUNG_LONG_EXPR = `${JSON.stringify(RUNGS)}[datum.value]`;
export const RUNG_VALUES = RUNGS.map((_, i) => i);

// ---------------------------------------------------------------------------------------------- shared

/** Base config of every chart: DejaVu Sans everywhere (matches the PNG fonts), white background. */
export function baseConfig(): Config {
  return {
    font: FONT,
    background: 'white',
    padding: 12,
    title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: '#444444', anchor: 'start', offset: 12 },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', titleColor: '#222222' },
    legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
    header: { labelFontSize: 13, labelFontWeight: 'bold', titleFontSize: 12 },
    view: { stroke: '#cccccc' },
  };
}

/** What a subtitle names: a run, or an ensemble of `runs` replications. */
export interface RunInfo {
  scenario: string;
  seed: string;
  start: string;
  end: string;
  runs?: number;
}

/** "baseline · seed 42 · 2021-08 to 2026-12"; an ensemble adds "· 200 runs" after the seed. */
export function subtitleOf(doc: RunInfo): string {
  const runs = doc.runs === undefined ? '' : ` · ${doc.runs} runs`;
  return `${doc.scenario} · seed ${doc.seed}${runs} · ${doc.start} to ${doc.end}`;
}

/**
 * The caption's sentence on where a study's runs start, against the record's end (`record_end`, present
 * when the runs start by then): a study from Aug 2021 replays the record's events and measures its
 * outcomes on the model's own path; one from the record's last month starts from the observed state.
 */
export function studyStartNote(doc: { start: string; end: string; record_end?: string }): string {
  const [start, end, recordEnd] = [doc.start, doc.end, doc.record_end].map((m) => m && monthName(m));
  if (!doc.record_end) return `Runs go from ${start} to ${end}.`;
  if (doc.record_end === doc.start)
    return `Runs start in ${start} from the observed state (the record's end) and go to ${end}.`;
  const replay = doc.record_end < doc.end ? `to ${recordEnd}, then project to ${end}` : `to ${end}`;
  return `Runs start in ${start} and replay the record's events (not its stances) ${replay}: outcomes come from the model's path, not the observed ${recordEnd} state.`;
}

/** A chart title with subtitle lines under it (one line stays a plain string). */
export function chartTitle(
  text: string,
  ...subtitle: string[]
): { text: string; subtitle: string | string[] } {
  return { text, subtitle: subtitle.length === 1 ? subtitle[0]! : subtitle };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2030-12' → 'Dec 2030' (plain string work: no Date, no time zone). */
export function monthName(date: string): string {
  const [year, month] = date.split('-');
  return `${MONTH_NAMES[Number(month) - 1] ?? month} ${year}`;
}

/**
 * Month axis. Months are 'YYYY-MM' strings read as UTC (timeUnit utcyearmonth), so the chart does not
 * depend on the machine's time zone. Ticks every 1, 3 or 6 months, or every 1, 2, 5… years, whichever is
 * the first to leave room for the labels at this width ('Jul 2023' at every tick of an axis over a year;
 * within a year 'Jan 2023' at the first tick and each January, 'Apr' elsewhere; '2023' for yearly ticks). Label widths are vega's estimates (0.8 em per character).
 */
export function monthX(nMonths: number, width: number) {
  const perMonth = width / Math.max(1, nMonths);
  const monthStep = [1, 3, 6].find((step) => step * perMonth >= 80);
  const yearStep = [1, 2, 5, 10, 20, 50].find((step) => step * 12 * perMonth >= 48) ?? 100;
  return {
    field: 'date',
    type: 'temporal',
    timeUnit: 'utcyearmonth',
    title: 'Month',
    axis: monthStep
      ? {
          tickCount: { interval: 'month' as const, step: monthStep },
          // not the labels' (labelExpr's): each mark's description (its aria-label in SVG)
          format: FORMATS.month,
          // over more than a year every tick names its year: 'Jan 2022, Jul, Jan 2023, Jul' repeats 'Jul'
          labelExpr:
            nMonths > 12
              ? "utcFormat(datum.value, '%b %Y')"
              : "utcFormat(datum.value, datum.index === 0 || utcmonth(datum.value) === 0 ? '%b %Y' : '%b')",
        }
      : {
          tickCount: { interval: 'year' as const, step: yearStep },
          format: FORMATS.month,
          labelExpr: "utcFormat(datum.value, '%Y')",
        },
  } as const;
}
export const MONTH_TOOLTIP = {
  field: 'date',
  type: 'temporal',
  timeUnit: 'utcyearmonth',
  format: FORMATS.month,
  title: 'Month',
} as const;

export function actorsOfKind(doc: { actors: ActorInfo[] }, kind: ActorInfo['kind']): ActorInfo[] {
  return doc.actors.filter((a) => a.kind === kind);
}

export function blocLabel(a: ActorInfo): string {
  return (a.bloc && BLOC_LABELS[a.bloc]) ?? a.bloc ?? OTHER_BLOC;
}

/** Bloc display order: the order of BLOCS, unknown blocs after, 'Other' last. */
function blocRank(a: ActorInfo): number {
  const i = a.bloc ? (BLOCS as readonly string[]).indexOf(a.bloc) : -1;
  return i >= 0 ? i : a.bloc ? BLOCS.length : BLOCS.length + 1;
}

/** Bloc labels present among the countries, in display order. */
export function blocsPresent(doc: { actors: ActorInfo[] }): string[] {
  const countries = [...actorsOfKind(doc, 'country')].sort((a, b) => blocRank(a) - blocRank(b));
  return [...new Set(countries.map(blocLabel))];
}

/** Countries in the fixed order of the palette: by bloc, then as the data list them (never by a run's
 * values, so two runs and two scenarios list them alike). */
export function countryOrder(doc: { actors: ActorInfo[] }): ActorInfo[] {
  return countriesInOrder(doc.actors);
}

export function sortCountries(countries: ActorInfo[], score: (a: ActorInfo) => number): ActorInfo[] {
  return [...countries].sort(
    (a, b) =>
      blocRank(a) - blocRank(b) || score(b) - score(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** Facet rows, each with its name above it, left-aligned: the blocs of a heatmap, the outcomes of a study. */
export function rowsBy(field: string, sort: string[]) {
  return {
    field,
    type: 'nominal',
    title: null,
    sort,
    header: {
      labelAngle: 0,
      labelOrient: 'top',
      labelAnchor: 'start',
      labelAlign: 'left',
      labelPadding: 0,
    },
  } as const;
}

/**
 * A fixed extent for an axis of country names, so the cells of all bloc rows line up: about 0.65 em per
 * character of the longest name (DejaVu Sans averages ~0.6 em), 11 px labels, plus tick and padding.
 */
export function nameAxisExtent(names: string[]): number {
  return Math.ceil(0.65 * 11 * Math.max(1, ...names.map((n) => n.length))) + 12;
}

/** Plot width of a countries × months heatmap: about 12 px a month, within 400..720. */
export function heatmapWidth(nMonths: number): number {
  return Math.max(400, Math.min(720, nMonths * 12));
}

/**
 * A heatmap cell: thin white borders help to count months on short runs; on long ones each cell
 * reaches 1 px back under the one before (its x2 is the month's start), which covers the hairline gaps
 * antialiasing leaves between cells (white stripes in print). An outline in the cell's own colour would
 * do too, but vega-lite merges its scale into the colour legend and turns the gradient into symbols.
 */
export function heatmapCell(nMonths: number) {
  return nMonths <= 60
    ? ({ type: 'rect', stroke: 'white', strokeWidth: 0.3, aria: HEATMAP_ARIA } as const)
    : ({ type: 'rect', x2Offset: -1, aria: HEATMAP_ARIA } as const);
}

/** A heatmap's cells (and the marks drawn in each of them) carry no ARIA label of their own: thousands
 * of labels, one per cell, are no way through a chart for a screen reader, and they were more than half
 * of the SVG's bytes and a fifth of its drawing time. The chart's description (the label of the
 * interactive chart in the report) says what the colour means; the values are in the CSV beside it. */
export const HEATMAP_ARIA = false;

/** Name of the legend-bound selection of the charts whose legend lists series. */
export const LEGEND_SELECTION = 'series';
/** Opacity of the marks of the series left out of a legend selection. */
export const FADED = 0.15;

/**
 * A point selection bound to the colour legend: click an entry to highlight its series, shift-click to
 * add more, double-click to clear. `field` is the colour field. It must sit in exactly one unit view.
 */
export function legendSelection(field: string, name = LEGEND_SELECTION) {
  return { name, select: { type: 'point' as const, fields: [field] }, bind: 'legend' as const };
}

/**
 * Opacity `value` for the marks of the series in the legend selection, and for all of them while
 * nothing is selected (`empty: true`: the static SVG and PNG draw as without the selection); `faded` for
 * the others. `value` is the opacity the mark had before, or 1.
 */
export function selectedOpacity(value = 1, faded = FADED, name = LEGEND_SELECTION) {
  return { condition: { param: name, empty: true, value }, value: faded } as const;
}

// ---------------------------------------------------------------------------------------------- rungs

/** The record's band and the rule where it ends. */
export const RECORD_GREY = '#8a8a8a';
export const INK_GREY = '#444444';
/** '2025-06' as a Vega-Lite UTC date-time, for a rule at that month on a month axis. */
export function monthDatum(month: string) {
  const [year, m] = month.split('-').map(Number);
  return { year: year!, month: m!, utc: true } as const;
}
/** The subtitle line of a chart that draws the record. */
export const recordNote = (end: string) =>
  `grey band: the observed record (data/events.csv) to ${monthName(end)} · dashed rule: where the record ends`;

/** A view inside a concatenation, and a layered panel (fits a facet's `spec` and a concatenation). */
export type ViewSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
export type LayerPanel = Extract<Extract<TopLevelSpec, { facet: unknown }>['spec'], { layer: unknown }>;

/** Bars and points that stand for 'none' or 'no clear difference'. */
export const GREY = '#999999';
/** Text and interval marks drawn over the data. */
export const INK = '#222222';
/** The month a run is shown to (the playground's player): solid ink, apart from the record's dashed grey. */
export const NOW_RULE = { type: 'rule', color: INK, strokeWidth: 1.5, opacity: 0.75 } as const;

export const FAN_NOTE =
  'line: median of the runs · dark band: middle 50% (25th–75th percentile) · light band: middle 90% (5th–95th)';

/** 'rung ≥ 4 (diplomatic presence)' */
export function rungAtLeast(k: number): string {
  return `rung ≥ ${k} (${RUNGS[k]})`;
}

/** A small bold title over one panel of a stacked chart. */
export function panelTitle(text: string) {
  return { text, fontSize: 13, anchor: 'start', offset: 6 } as const;
}

// ---------------------------------------------------------------------------------------------- parts

/** The model's colour beside naive forecasters; pushes a quantity up, holds it back, or is a total. */
export const MODEL_COLOUR = CATEGORY_COLOURS[0];
export const UP = CATEGORY_COLOURS[0];
export const DOWN = CATEGORY_COLOURS[1];
export const TOTAL = '#555555';
/** The light grey of a search range or a reference band. */
export const RANGE_GREY = '#e3e3e3';

/** Ticks of a probability axis, and its domain. */
export const QUARTERS = [0, 0.25, 0.5, 0.75, 1];
export const UNIT = [0, 1];

/** Whole image width minus the padding of baseConfig on both sides, and a few px for the strokes of
 * frames, ticks and grid lines at a plot's right edge: what titles and plots share. */
export const PADDING = 12;
export const inner = (width: number) => width - 2 * PADDING - 4;

/** A score with its sign, three significant digits: '+1.66', '−0.134', '0.00' (FORMATS.signedScore). */
export function signedSig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) < 1e-9) return sig3(0);
  return x > 0 ? `+${sig3(x)}` : sig3(x);
}

/** A share as FORMATS.share prints it, with one decimal under 1% (FORMATS.smallShare): '42%', '0.4%', '0%'. */
export function shareText(x: number): string {
  const pct = 100 * x;
  return pct !== 0 && Math.abs(pct) < 1 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/** 'YYYY-MM' + n months ('2025-06', 1 → '2025-07'), with the model's month arithmetic. */
export function addMonths(month: string, n: number): string {
  return formatMonth(parseMonth(month) + n);
}

/** Subtitle lines of one text that fit a chart `width` px wide (whole image) at 12 px. */
export function subtitleLines(text: string, width: number): string[] {
  return wrapLines(text, inner(width), 12);
}

/** The line height of a note under a chart (11 px text, px). */
export const NOTE_LINE = 15;

/**
 * A note of a few lines under the plot of a chart, `width` px wide from the plot's left edge (where a
 * concatenation aligns it): its text from the one row of the dataset `data` (`field`: lines joined with
 * '\n', or an array of lines), its height from `lines`, the most it can take.
 */
export function noteView(
  data: string,
  lines: number,
  width: number,
  { field = 'text', lineHeight = NOTE_LINE }: { field?: string; lineHeight?: number } = {},
): ViewSpec {
  return {
    data: { name: data },
    width,
    height: lines * lineHeight,
    view: { stroke: null },
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      fontSize: 11,
      lineHeight,
      lineBreak: '\n',
      color: INK,
    },
    encoding: { x: { value: 0 }, y: { value: 0 }, text: { field } },
  } as ViewSpec;
}

/** The caption under a chart (the spec's `description`): its sentences, empty ones left out. */
export function caption(...sentences: (string | false | null | undefined)[]): string {
  return sentences.filter((s): s is string => Boolean(s)).join(' ');
}

/** Width estimate of a text (px), on the safe side: DejaVu Sans averages about 0.56 em a character, bold 0.61 em. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return Math.ceil((bold ? 0.64 : 0.6) * fontSize * text.length);
}

/** A readable label of a term name: from the table, else 'snake_case' → 'snake case'. */
export function termLabel(labels: Record<string, string>, term: string): string {
  return Object.hasOwn(labels, term) ? labels[term]! : term.replaceAll('_', ' ');
}

/** The y axis of rungs: names at the whole rungs (the long names are in the tooltips). */
export const RUNG_LABEL_EXPR = `${JSON.stringify(RUNG_SHORT)}[datum.value]`;

/** A y axis of names (countries, terms, questions) with a fixed extent, so that stacked panels line up. */
export function namesY(field: string, sort: string[] | { field: string; op: 'min' }, extent: number) {
  return {
    field,
    type: 'nominal',
    title: null,
    sort,
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
}

/** A value written just right of its bar or point. */
export function valueText(text: { field: string; type?: 'quantitative'; format?: string }) {
  return {
    mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
    encoding: { text },
  } as const;
}

/** The actor of a country id; an id the doc does not describe stands for itself, bloc 'Other'. */
export function countryLookup(doc: { actors: ActorInfo[] }): (id: string) => ActorInfo {
  const byId = new Map(actorsOfKind(doc, 'country').map((a) => [a.id, a]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'country' };
}

/** Comparisons as ≥ and ≤, policy ids by name: 'ct_cooperation >= 0.3' → 'counter-terrorism cooperation ≥ 0.3'. */
export function readableCondition(text: string, names: Record<string, string>): string {
  let out = text.replaceAll('>=', '≥').replaceAll('<=', '≤');
  for (const [id, name] of Object.entries(names))
    out = out.replaceAll(id, name.charAt(0).toLowerCase() + name.slice(1));
  return out;
}
