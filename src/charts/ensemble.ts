// Vega-Lite spec builders for an ensemble of runs (EnsembleDoc): fan charts of the quantile bands,
// the probability of each rung by country and month, and the first recognizer and the cascade after it.
// Each lays out from the whole image width (ChartOptions.width, default PAGE_WIDTH) and takes its values
// from named datasets (`datasets` at the top level), so its structure depends only on the actors, the
// period, the record and the options. When the doc carries the observed record (an ensemble that starts
// before the record ends), every time axis marks where the record ends.
// Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { Band, EnsembleDoc } from '../ensemble/docs.js';
import type { ActorInfo, RecordOverlay } from '../model/results.js';
import { DIMENSIONS, MAX_RUNG, RUNGS } from '../model/types.js';
import { bandsOf, type FanOptions, fanData, fanPanel, requireBands } from './fan.js';
import { byFaction } from './run.js';
import {
  actorsOfKind,
  addMonths,
  baseConfig,
  blocLabel,
  CATEGORY_COLOURS,
  type ChartOptions,
  countryOrder,
  FORMATS,
  factionColour,
  GREY,
  HEATMAP_ARIA,
  heatmapCell,
  INK,
  INK_GREY,
  type LayerPanel,
  MONTH_TOOLTIP,
  monthDatum,
  monthName,
  monthX,
  nameAxisExtent,
  noteView,
  POLICY_COLOURS,
  POLICY_LABELS,
  panelTitle,
  SCHEMA,
  sortCountries,
  subtitleOf,
  THREAT_LABEL,
  type ViewSpec,
  widthOf,
  wrapLines,
} from './style.js';

/** The rung the probability chart shows unless told otherwise: diplomatic presence. */
export const DEFAULT_K = 4;
const BAR_COLOUR = CATEGORY_COLOURS[0];
/** Fan colours of the counts of countries at or above a rung, by band variable (in legend order). */
export const COUNT_COLOURS: Record<string, string> = {
  count_ge_4: CATEGORY_COLOURS[0],
  count_ge_5: CATEGORY_COLOURS[1],
  recognizers: CATEGORY_COLOURS[2],
};
/** The rung each count of countries counts from (`recognizers`: at rung 6). */
const COUNT_RUNG: Record<string, number> = { count_ge_4: 4, count_ge_5: 5, recognizers: MAX_RUNG };

/** What every ensemble chart accepts: the image width, and the probability chart's opening rung. */
export interface EnsembleOptions extends ChartOptions {
  /** the rung k of the P(rung ≥ k) heatmap when it opens (1..6, default DEFAULT_K) */
  k?: number;
}

/** Throws unless k is a whole rung from 1 to 6. */
function checkRung(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_RUNG)
    throw new RangeError(`k must be a whole rung from 1 to ${MAX_RUNG} (got ${k})`);
}

/** The actor of a country id; an id the doc does not describe stands for itself, bloc 'Other'. */
function countriesById(doc: EnsembleDoc): (id: string) => ActorInfo {
  const byId = new Map(actorsOfKind(doc, 'country').map((a) => [a.id, a]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'country' };
}

// ---------------------------------------------------------------------------------------------- layout

/** baseConfig's padding around the whole image (px). */
const PADDING = 12;
/** A value axis: the extent of its ticks and labels, and its title beside them (px). */
const Y_LABELS = 34;
const Y_TITLE = 18;
/** Room right of a month axis for the last label, centred on its tick (px). */
const MONTH_RIGHT = 16;

/** The plot width that makes the whole image `widthOf(opts)` wide, given what lies left and right of it. */
export function plotWidth(opts: ChartOptions, left: number, right: number): number {
  return Math.max(120, Math.floor(widthOf(opts) - 2 * PADDING - left - right));
}

/** A chart title whose text wraps to the image width (16 px bold: about 0.65 em a character), and one
 * subtitle line (a list of one, as the report reads subtitles). */
function titleOf(text: string, subtitle: string | string[], opts: ChartOptions) {
  const lines = wrapLines(text, widthOf(opts) - 2 * PADDING, 17);
  return { text: lines.length === 1 ? lines[0]! : lines, subtitle: ([] as string[]).concat(subtitle) };
}

/** A value axis with a fixed extent, so stacked panels line up and the image width is known. */
const yAxis = <T extends object>(axis: T) => ({ ...axis, minExtent: Y_LABELS, maxExtent: Y_LABELS });

/** A bar's share as its label: whole percent, one decimal below 1% so a visible bar never reads "0%". */
const SHARE_LABEL = {
  calculate: `datum.share > 0 && datum.share < 0.01 ? format(datum.share, '${FORMATS.smallShare}') : format(datum.share, '${FORMATS.share}')`,
  as: 'share_label',
} as const;

// ---------------------------------------------------------------------------------------------- the record

/** The record the doc carries, when it ends after the first month and by the last (an ensemble that
 * starts at the record's end replays nothing: nothing to draw). */
export function recordOf(doc: EnsembleDoc): RecordOverlay | undefined {
  const r = doc.record;
  return r && r.end > doc.start && r.end <= doc.end ? r : undefined;
}

/** The label of the rule where the record ends. */
export const recordEndLabel = (record: RecordOverlay) => `record ends ${monthName(record.end)}`;

/**
 * The caption's sentence on the runs' start state, from doc.start against doc.record: an ensemble that
 * starts before the record ends replays the record's events (not its stances) and reaches the record's
 * end in the model's own state; one that starts in the record's last month starts from the observed
 * state. With the count at rung ≥ 4 there (the runs' median, the record's). Candidate for style.ts.
 */
export function startNote(doc: EnsembleDoc): string {
  const start = monthName(doc.start);
  const r = doc.record;
  if (!r || r.end < doc.start) return `The runs start in ${start}.`;
  const end = monthName(r.end);
  const observed = [...observedRungs(r, [r.end]).values()].filter((s) => (s[0] ?? -1) >= 4).length;
  if (r.end <= doc.start)
    return `The runs start in ${start} from the observed state, where the record ends (${observed} ${observed === 1 ? 'country' : 'countries'} at rung ≥ 4).`;
  const band = doc.bands.find((b) => b.variable === 'count_ge_4');
  const median = band?.p50[doc.months.indexOf(r.end)];
  const at =
    median === undefined
      ? ''
      : ` (median ${Number.isInteger(median) ? median : median.toFixed(1)} countries at rung ≥ 4, the record ${observed})`;
  return `The runs start in ${start} and replay the record's events, not its stances, up to ${end}, so they reach ${end} in the model's own state${at}, not the observed one an ensemble started in ${end} begins from.`;
}

/** The first month in which some country of the record stands at formal recognition, and who. */
function recordRecognition(record: RecordOverlay): { date: string; country: string } | undefined {
  const first = record.rows
    .filter((r) => r.rung === MAX_RUNG)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
  return first && { date: first.date, country: first.country };
}

/** Each recorded country's observed rung in each month of `months` up to the record's end. */
function observedRungs(record: RecordOverlay, months: readonly string[]): Map<string, (number | null)[]> {
  const rows = new Map<string, { date: string; rung: number }[]>();
  for (const r of record.rows) {
    const list = rows.get(r.country) ?? [];
    list.push(r);
    rows.set(r.country, list);
  }
  const out = new Map<string, (number | null)[]>();
  for (const [country, list] of rows) {
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    out.set(
      country,
      months.map((m) => {
        if (m > record.end) return null;
        let rung: number | null = null;
        for (const r of list) if (r.date <= m) rung = r.rung;
        return rung;
      }),
    );
  }
  return out;
}

export interface RecordEndDatum {
  date: string;
  label: string;
}

/** Where the rule marking the record's end is drawn: at the month's point on a line, after its band on
 * bars and cells (which span the month). */
const ruleDatum = (record: RecordOverlay, banded: boolean) =>
  monthDatum(banded ? addMonths(record.end, 1) : record.end);

/**
 * The dashed rule where the record ends, over the full height of a time panel, and (with `label`) its
 * text at the top of the plot, on the side of the rule with more room. Data: the `record_end` dataset.
 */
function recordRuleLayers(
  doc: EnsembleDoc,
  record: RecordOverlay,
  o: { banded: boolean; label: boolean },
): LayerPanel['layer'] {
  const x = { datum: ruleDatum(record, o.banded), type: 'temporal' } as const;
  const late = doc.months.indexOf(record.end) + 1 > 0.55 * doc.months.length;
  return [
    {
      data: { name: 'record_end' },
      mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.2 },
      encoding: { x, y: { value: 0 }, y2: { value: 'height' }, color: { value: INK_GREY } },
    },
    ...(o.label
      ? [
          {
            data: { name: 'record_end' },
            mark: {
              type: 'text',
              fontSize: 11,
              align: late ? 'right' : 'left',
              baseline: 'top',
              dx: late ? -4 : 4,
              dy: 4,
            },
            encoding: {
              x,
              y: { value: 0 },
              text: { field: 'label', type: 'nominal' },
              color: { value: INK_GREY },
            },
          } as const,
        ]
      : []),
  ] as LayerPanel['layer'];
}

/** The `record_end` dataset: one row, the record's last month and the rule's label. */
const recordEndRows = (record: RecordOverlay): RecordEndDatum[] => [
  { date: record.end, label: recordEndLabel(record) },
];

// ---------------------------------------------------------------------------------------------- fans

const FAN_CAPTION =
  'Line: the median of the runs; dark band: the middle 50% (25th–75th percentile); light band: the middle 90% (5th–95th).';

/** The left side of a fan panel: the value axis's labels and title. */
const FAN_LEFT = Y_LABELS + Y_TITLE;

/** A fan panel laid out for the image width, with the record's rule layered on when there is one. */
function fanView(
  doc: EnsembleDoc,
  opts: ChartOptions,
  o: Omit<FanOptions, 'nMonths' | 'width'> & { data: string; label: boolean; extra?: LayerPanel['layer'] },
): LayerPanel & { data: { name: string } } {
  const { data, label, extra = [], ...fan } = o;
  const width = plotWidth(opts, FAN_LEFT, MONTH_RIGHT);
  const panel = fanPanel({
    ...fan,
    nMonths: doc.months.length,
    width,
    y: { ...fan.y, axis: yAxis(fan.y.axis) },
  });
  const record = recordOf(doc);
  return {
    ...panel,
    data: { name: data },
    encoding: { ...panel.encoding, x: monthX(doc.months.length, width) },
    layer: [
      ...panel.layer,
      ...extra,
      ...(record ? recordRuleLayers(doc, record, { banded: false, label }) : []),
    ] as LayerPanel['layer'],
  };
}

/** The datasets of the record's rule, when the doc carries a record that overlaps its months. */
function recordDatasets(doc: EnsembleDoc): { record_end?: RecordEndDatum[] } {
  const record = recordOf(doc);
  return record ? { record_end: recordEndRows(record) } : {};
}

/** The caption of a fan chart: the bands, the record's rule (and what else it draws), then `more`. */
function fanCaption(doc: EnsembleDoc, drawn: string, ...more: string[]): string {
  const record = recordOf(doc);
  return [
    FAN_CAPTION,
    ...more,
    ...(record ? [`Dashed rule: where the observed record ends (${monthName(record.end)})${drawn}.`] : []),
    startNote(doc),
  ].join(' ');
}

/** Faction power: one fan per faction, in the order of FACTIONS. */
export function fanFactionsChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const bands = byFaction(
    requireBands('fan-factions', bandsOf(doc, ['power']), "faction power (variable 'power')"),
    (b) => b.actor,
  );
  return {
    $schema: SCHEMA,
    title: titleOf('Power of the Taliban factions across the runs', subtitleOf(doc), opts),
    description: fanCaption(
      doc,
      '',
      "Each faction's share of power, month by month. The starting shares are the data's assumption (data/events.csv: a prior from the literature, not a published estimate); no source measures the factions' power.",
    ),
    datasets: { power: fanData(doc, bands), ...recordDatasets(doc) },
    ...fanView(doc, opts, {
      data: 'power',
      label: true,
      height: 260,
      series: bands.map((b) => b.label),
      colours: bands.map((b) => factionColour(b.actor)),
      legend: { title: 'Faction' },
      y: { title: 'Share of power', domain: [0, 1], axis: { format: FORMATS.share } },
      valueFormat: FORMATS.smallShare,
      select: true,
    }),
    config: baseConfig(),
  } as TopLevelSpec;
}

/** A stacked pair of fan panels: the main series with a legend, and a single index under it. */
function fanPair(
  doc: EnsembleDoc,
  opts: ChartOptions,
  text: string,
  description: string,
  top: {
    title: string;
    data: string;
    bands: Band[];
    colours: string[];
    y: FanOptions['y'];
    valueFormat: string;
    extra?: LayerPanel['layer'];
    datasets?: Record<string, object[]>;
    /** one more legend entry, after the bands, for a series the `extra` layers draw (in its colour) */
    more?: { label: string; colour: string };
  },
  bottom: { variable: string; data: string; note?: string; colour: string; label?: string },
): TopLevelSpec {
  const found = bandsOf(doc, [bottom.variable])[0];
  const band = found && bottom.label ? { ...found, label: bottom.label } : found;
  const views: ViewSpec[] = [
    {
      title: panelTitle(top.title),
      ...fanView(doc, opts, {
        data: top.data,
        label: true,
        height: 220,
        series: [...top.bands.map((b) => b.label), ...(top.more ? [top.more.label] : [])],
        colours: [...top.colours, ...(top.more ? [top.more.colour] : [])],
        legend: { title: null },
        y: top.y,
        valueFormat: top.valueFormat,
        select: true,
        ...(top.extra ? { extra: top.extra } : {}),
      }),
    } as ViewSpec,
  ];
  if (band) {
    const heading = bottom.note ? `${band.label} (${bottom.note})` : band.label;
    const lines = wrapLines(heading, widthOf(opts) - 2 * PADDING, 14);
    views.push({
      title: { ...panelTitle(heading), text: lines.length === 1 ? lines[0]! : lines },
      ...fanView(doc, opts, {
        data: bottom.data,
        label: false,
        height: 110,
        series: [band.label],
        colours: [bottom.colour],
        y: { title: 'Index (0 to 1)', domain: [0, 1], axis: { format: '.1f' } },
        valueFormat: FORMATS.score,
      }),
    } as ViewSpec);
  }
  return {
    $schema: SCHEMA,
    title: titleOf(text, subtitleOf(doc), opts),
    description,
    datasets: {
      [top.data]: fanData(doc, top.bands),
      ...(band ? { [bottom.data]: fanData(doc, [band]) } : {}),
      ...top.datasets,
      ...recordDatasets(doc),
    },
    vconcat: views,
    spacing: 24,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    config: baseConfig(),
  } as TopLevelSpec;
}

/** The regime's policy indices (one panel) and the ISK threat (a panel under it). */
export function fanPolicyChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  // named as the run charts name them, whatever labels the doc's bands carry
  const bands = requireBands(
    'fan-policy',
    bandsOf(doc, DIMENSIONS),
    `the policy indices (${DIMENSIONS.join(', ')})`,
  ).map((b) => ({ ...b, label: POLICY_LABELS[b.variable] ?? b.label }));
  return fanPair(
    doc,
    opts,
    'Taliban regime policy and the ISK threat across the runs',
    fanCaption(
      doc,
      '',
      "Policy indices: 0 = most repressive or least cooperative, 1 = most open. The ISK threat is an index from 0 to 1. The starting values are the data's coding of the sources (data/events.csv, marked inferred), not published measurements.",
    ),
    {
      title: 'Policy indices (0 = most repressive, 1 = most open)',
      data: 'policy',
      bands,
      colours: bands.map((b) => POLICY_COLOURS[b.variable]!),
      y: { title: 'Index (0 to 1)', domain: [0, 1], axis: { format: '.1f' } },
      valueFormat: FORMATS.score,
    },
    { variable: 'threat', data: 'threat', colour: POLICY_COLOURS.threat!, label: THREAT_LABEL },
  );
}

export interface ObservedCountDatum {
  date: string;
  /** the label of the count's band, e.g. 'Countries at rung ≥ 4 (diplomatic presence)' */
  series: string;
  /** countries of the record at or above the band's rung in this month */
  countries: number;
}

/** The observed counts of countries at or above each band's rung, month by month up to the record's end. */
export function observedCounts(doc: EnsembleDoc, record: RecordOverlay, bands: Band[]): ObservedCountDatum[] {
  const months = doc.months.filter((m) => m <= record.end);
  const rungs = [...observedRungs(record, months).values()];
  const out: ObservedCountDatum[] = [];
  for (const b of bands) {
    const k = COUNT_RUNG[b.variable];
    if (k === undefined) continue;
    months.forEach((date, m) => {
      const countries = rungs.filter((series) => (series[m] ?? -1) >= k).length;
      out.push({ date, series: b.label, countries });
    });
  }
  return out;
}

/** The legend entry of the observed counts' black steps. */
export const observedCountsLabel = (record: RecordOverlay) =>
  `Observed counts (record, to ${monthName(record.end)})`;

/** Counts of countries at rung ≥ 4, ≥ 5 and 6 (one panel) and the legitimacy index (a panel under it);
 * with the record, its observed counts as black steps (darker than any median: apart in grey print). */
export function fanCountsChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const variables = Object.keys(COUNT_COLOURS);
  const bands = requireBands('fan-counts', bandsOf(doc, variables), `the counts (${variables.join(', ')})`);
  const countries = actorsOfKind(doc, 'country').length;
  const record = recordOf(doc);
  const observed = record ? observedCounts(doc, record, bands) : [];
  const y = { title: 'Countries', domain: [0, countries], axis: { format: FORMATS.count, tickMinStep: 1 } };
  // the record's last month, in figures, for the caption
  const atEnd = record && [...observedRungs(record, [record.end]).values()].map((series) => series[0] ?? -1);
  const steps = atEnd
    ? `; black steps: the observed number of countries at rung ≥ 4, ≥ 5 and 6, month by month (in ${monthName(record!.end)}: ${[
        4,
        5,
        MAX_RUNG,
      ]
        .map((k) => `${atEnd.filter((r) => r >= k).length} at ${k === MAX_RUNG ? 'rung 6' : `rung ≥ ${k}`}`)
        .join(', ')})`
    : '';
  return fanPair(
    doc,
    opts,
    'How many countries engage with the Taliban government',
    fanCaption(
      doc,
      steps,
      `Countries (of ${countries}) at rung ≥ 4 (diplomatic presence), ≥ 5 (ambassadors) and 6 (formal recognition). The legitimacy index is the weighted mean rung / 6: 0 = nobody engages, 1 = all recognize.`,
    ),
    {
      title: `Countries (of ${countries}) at or above a rung`,
      data: 'counts',
      bands,
      colours: bands.map((b) => COUNT_COLOURS[b.variable]!),
      y,
      valueFormat: '.1f',
      ...(record
        ? {
            datasets: { record_counts: observed },
            more: { label: observedCountsLabel(record), colour: INK },
            extra: [
              {
                data: { name: 'record_counts' },
                mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.8 },
                encoding: {
                  y: {
                    field: 'countries',
                    type: 'quantitative',
                    title: y.title,
                    scale: { domain: y.domain, nice: false },
                  },
                  // the legend's last entry (a constant on the panel's colour scale)
                  color: { datum: observedCountsLabel(record) },
                  detail: { field: 'series', type: 'nominal' },
                  tooltip: [
                    MONTH_TOOLTIP,
                    { field: 'series', type: 'nominal', title: 'Observed (record)' },
                    { field: 'countries', type: 'quantitative', title: 'Countries' },
                  ],
                },
              },
            ] as LayerPanel['layer'],
          }
        : {}),
    },
    { variable: 'legitimacy', data: 'legitimacy', note: 'weighted mean rung / 6', colour: '#555555' },
  );
}

// ---------------------------------------------------------------------------------------------- probability

/** A country-month of the probability chart: every k in one row (the chart picks the selected one),
 * a sixth of the rows of one per k — 2.6k against 15.6k for the baseline, and a 2.3 MB spec 0.6 MB. */
export interface ProbabilityDatum {
  date: string;
  country: string;
  bloc: string;
  /** share of the runs in which the country stands at rung k or higher in this month, k = 1..6 at
   * index k − 1 (null where the ensemble has none) */
  ps: (number | null)[];
  /** the country's rung in the observed record this month (up to the record's end, when it has one) */
  observed?: number;
}

/** P(rung ≥ k) of each country at the end month, by k (1..6). */
export function endProbabilities(doc: EnsembleDoc): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of doc.rung_at_least) {
    let byK = out.get(r.country);
    if (!byK) {
      byK = new Array<number>(MAX_RUNG + 1).fill(0);
      out.set(r.country, byK);
    }
    byK[r.k] = r.p.at(-1) ?? 0;
  }
  return out;
}

/**
 * Countries of the doc ordered by bloc, then by expected rung at the end (the sum over k of
 * P(rung ≥ k)), most engaged first, then by name.
 */
export function ensembleCountryOrder(doc: EnsembleDoc): ActorInfo[] {
  const end = endProbabilities(doc);
  const expected = (a: ActorInfo) => (end.get(a.id) ?? []).reduce((s, p) => s + p, 0);
  const country = countriesById(doc);
  const ids = new Set([...actorsOfKind(doc, 'country').map((a) => a.id), ...end.keys()]);
  return sortCountries([...ids].map(country), expected);
}

/** The countries of the heatmap in the fixed order of the palette (bloc, then as the data list them),
 * then any country the P(rung ≥ k) rows name that the actors do not, by id. */
function probabilityCountries(doc: EnsembleDoc): ActorInfo[] {
  const known = countryOrder(doc);
  const ids = new Set(known.map((c) => c.id));
  const country = countriesById(doc);
  const others = [...new Set(doc.rung_at_least.map((r) => r.country))]
    .filter((id) => !ids.has(id))
    .sort()
    .map(country);
  return [...known, ...others];
}

/** The probability chart's title: the rung k's name, from the bound parameter (two lines when narrow). */
function probabilityTitle(opts: ChartOptions): { expr: string } {
  const longest = Math.max(...RUNGS.map((r) => r.length));
  const oneLine = `Chance of at least ${'x'.repeat(longest)} (rung ≥ 6), by country and month`;
  const head = `'Chance of at least ' + ${JSON.stringify(RUNGS)}[k] + ' (rung ≥ ' + k + ')`;
  return wrapLines(oneLine, widthOf(opts) - 2 * PADDING, 17).length === 1
    ? { expr: `${head}, by country and month'` }
    : { expr: `[${head},', 'by country and month']` };
}

/** The observed record on the probability heatmap: the dots' area (px²), their legend entry's key and
 * label (the label follows the selected k). */
const OBSERVED_DOT = 14;
const OBSERVED_KEY = 'observed';
const OBSERVED_LABEL_EXPR = "'observed rung ≥ ' + k + ' (record)'";
const OBSERVED_TEST = 'isValid(datum.observed) && datum.observed >= k';
/** The selected k's share as `p` (and k itself, for the tooltip), from each row's six. */
const PICK_K = [
  { calculate: 'datum.ps[k - 1]', as: 'p' },
  { calculate: 'k', as: 'k' },
];
/** Vega's legend layout: the legends under a chart one under the other, from the left. */
const LEGENDS_STACKED = { bottom: { direction: 'vertical', anchor: 'start', margin: 6 } } as unknown as {
  expr: string;
};

/**
 * Countries × months coloured by P(rung ≥ k), one panel per bloc in the palette's fixed order. The data
 * hold every k = 1..6; a parameter `k` bound to a select box picks one (`k` of the options, default
 * DEFAULT_K, when the chart opens and in the SVG). With the record: a dot in each month in which the
 * record has the country at rung k or higher, and the rule where the record ends.
 */
export function probabilityChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const o = opts;
  const defaultK = o.k ?? DEFAULT_K;
  checkRung(defaultK);
  const countries = probabilityCountries(doc);
  const blocs = [...new Set(countries.map(blocLabel))];
  const record = recordOf(doc);
  const observed = record ? observedRungs(record, doc.months) : new Map<string, (number | null)[]>();
  // P(rung ≥ k) by country, k = 1..6 (null where the doc has none: no cell, as Vega-Lite drops a null
  // colour)
  const byCountry = new Map<string, number[][]>();
  for (const r of doc.rung_at_least) {
    let byK = byCountry.get(r.country);
    if (!byK) {
      byK = RUNGS.slice(1).map(() => []);
      byCountry.set(r.country, byK);
    }
    byK[r.k - 1] = r.p;
  }
  const values: ProbabilityDatum[] = [];
  for (const c of countries) {
    const byK = byCountry.get(c.id);
    if (!byK) continue;
    doc.months.forEach((date, m) => {
      if (byK.every((p) => p[m] === undefined)) return;
      const seen = observed.get(c.id)?.[m] ?? null;
      values.push({
        date,
        country: c.name,
        bloc: blocLabel(c),
        ps: byK.map((p) => p[m] ?? null),
        ...(seen === null ? {} : { observed: seen }),
      });
    });
  }
  const ks = RUNGS.map((_, k) => k).slice(1);
  const names = countries.map((c) => c.name);
  const extent = nameAxisExtent(names);
  const width = plotWidth(o, extent, MONTH_RIGHT);
  const x = monthX(doc.months.length, width);
  const tooltip = [
    MONTH_TOOLTIP,
    { field: 'country', type: 'nominal', title: 'Country' },
    { field: 'k', type: 'quantitative', title: 'At least rung' },
    { field: 'p', type: 'quantitative', title: 'Share of runs', format: FORMATS.smallShare },
    ...(record
      ? [{ field: 'observed', type: 'quantitative', title: 'Observed rung (record)' } as const]
      : []),
  ] as const;
  const color = {
    field: 'p',
    type: 'quantitative',
    title: 'Share of runs',
    scale: { domain: [0, 1], scheme: { name: 'yellowgreenblue', extent: [0.05, 1] } },
    legend: {
      format: FORMATS.share,
      values: [0, 0.25, 0.5, 0.75, 1],
      orient: 'bottom',
      direction: 'horizontal',
      gradientLength: Math.max(80, Math.min(240, width - 130)),
      titleOrient: 'left',
      titleAnchor: 'end',
    },
  } as const;
  const y = {
    field: 'country',
    type: 'nominal',
    title: null,
    sort: names,
    axis: { minExtent: extent, maxExtent: extent },
  } as const;
  const ruleX = record && ({ datum: ruleDatum(record, true), type: 'temporal' } as const);
  // one panel per bloc, its name above it; the month axis under the last only
  const panel = (bloc: string, i: number) => {
    // the month axis under the last panel only; a layer's x must carry the panel's axis (an `axis: null`
    // in any layer removes the axis the layers share)
    const px = i === blocs.length - 1 ? x : { ...x, axis: null };
    return {
      title: panelTitle(bloc),
      transform: [{ filter: `datum.bloc == ${JSON.stringify(bloc)}` }],
      width,
      height: { step: 16 },
      encoding: { x: px, y },
      layer: [
        { mark: heatmapCell(doc.months.length), encoding: { color, tooltip } },
        ...(ruleX
          ? [
              // the record: a dark dot (white rim: it shows on pale and on dark cells) in each month in
              // which the record has the country at rung k or higher, and only there (a filter on the
              // selected k, so the selector moves them; dots hidden in the other cells were a third of
              // the SVG and of its drawing)
              {
                transform: [{ filter: OBSERVED_TEST }],
                mark: {
                  type: 'point',
                  aria: HEATMAP_ARIA,
                  shape: 'circle',
                  filled: true,
                  size: OBSERVED_DOT,
                  strokeWidth: 0.8,
                  stroke: 'white',
                },
                encoding: {
                  x: { ...px, bandPosition: 0.5 },
                  color: { value: INK },
                  // a point's default opacity is 0.7
                  opacity: { value: 1 },
                  shape: {
                    datum: OBSERVED_KEY,
                    scale: { domain: [OBSERVED_KEY], range: ['circle'] },
                    legend: {
                      title: null,
                      orient: 'bottom',
                      labelExpr: OBSERVED_LABEL_EXPR,
                      symbolFillColor: INK,
                      symbolStrokeColor: 'white',
                      symbolOpacity: 1,
                      symbolSize: 40,
                    },
                  },
                  tooltip,
                },
              },
              // the record's end: dark dashes on a white line, over the full height of the panel
              ...[
                { strokeWidth: 3.5, color: 'white' },
                { strokeWidth: 1.5, color: INK, strokeDash: [4, 3] },
              ].map(({ color: stroke, ...line }) => ({
                data: { name: 'record_end' },
                mark: { type: 'rule', ...line },
                encoding: { x: ruleX, y: { value: 0 }, y2: { value: 'height' }, color: { value: stroke } },
              })),
              // its label above the first panel only
              ...(i === 0
                ? [
                    {
                      data: { name: 'record_end' },
                      mark: { type: 'text', fontSize: 11, align: 'left', baseline: 'bottom', dx: 3, dy: -2 },
                      encoding: {
                        x: ruleX,
                        y: { value: 0 },
                        text: { field: 'label', type: 'nominal' },
                        color: { value: INK_GREY },
                      },
                    },
                  ]
                : []),
            ]
          : []),
      ],
    };
  };
  const description = [
    `Colour: the share of the runs in which the country stands at rung k or higher in that month. The printed chart shows k = ${defaultK} (${RUNGS[defaultK]}), the rung the chart opens at; the interactive chart (the .vl.json, and the HTML report) has a selector for rungs 1 to 6.`,
    'Rows: the countries by bloc, in a fixed order.',
    ...(record
      ? [
          `Dark dots: the months in which the observed record has the country at rung k or higher (up to ${monthName(record.end)}); a pale cell with a dot, or a dark one without, is where the runs and the record differ.`,
          `Dashed rule: where the observed record ends (${monthName(record.end)}).`,
        ]
      : []),
    startNote(doc),
  ].join(' ');
  return {
    $schema: SCHEMA,
    title: { text: probabilityTitle(o), subtitle: [subtitleOf(doc)] },
    description,
    params: [
      {
        name: 'k',
        value: defaultK,
        bind: {
          input: 'select',
          options: ks,
          labels: ks.map((k) => `${k} ${RUNGS[k]}`),
          name: 'At least rung ',
        },
      },
    ],
    datasets: { probability: values, ...recordDatasets(doc) },
    data: { name: 'probability' },
    transform: PICK_K,
    vconcat: blocs.map(panel),
    spacing: 8,
    resolve: { scale: { x: 'shared', y: 'independent', color: 'shared' } },
    config: {
      ...baseConfig(),
      view: { stroke: null },
      // the colour gradient and the record's dot one under the other, from the left
      ...(record ? { legend: { ...baseConfig().legend, layout: LEGENDS_STACKED } } : {}),
    },
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- first recognition

/**
 * The share printer of one chart: one decimal on every share when any share above zero is under 10%,
 * whole percent otherwise, so a chart's figures read alike ('2.2%' beside '97.6%', never '2%' beside
 * '0.2%'). Candidate for style.ts.
 */
export function sharePrinter(shares: readonly number[]): (x: number) => string {
  const decimals = shares.some((x) => x > 0 && x < 0.1) ? 1 : 0;
  return (x) => `${(100 * x).toFixed(decimals)}%`;
}

/** A run count with its share: '11 of 500 runs, 2.2%'. Candidate for style.ts. */
export const runsAndShare = (runs: number, of: number, share: string) =>
  `${runs} of ${of} ${of === 1 ? 'run' : 'runs'}, ${share}`;

/** What the record says of the first recognition, for a chart whose runs start before it ends. */
function recordRecognitionNote(doc: EnsembleDoc, record: RecordOverlay): string {
  const seen = recordRecognition(record);
  const country = countriesById(doc);
  return seen
    ? `The record has ${country(seen.country).name} at formal recognition in ${monthName(seen.date)}.`
    : `The record has no formal recognition up to ${monthName(record.end)}.`;
}

/** The runs with a first recognition, and how many of them have it by the record's end (none without a
 * record the runs replay). */
function firstTiming(doc: EnsembleDoc): { total: number; byEnd: number } {
  const record = recordOf(doc);
  let total = 0;
  let byEnd = 0;
  for (const r of doc.first_recognition_month) {
    total += r.runs;
    if (record && r.date <= record.end) byEnd += r.runs;
  }
  return { total, byEnd };
}

/** The record's end, and what it holds of recognition, as the clause after 'before the record ends'. */
function recordHas(doc: EnsembleDoc, record: RecordOverlay): string {
  const seen = recordRecognition(record);
  return seen
    ? `the record has ${countriesById(doc)(seen.country).name} at recognition from ${monthName(seen.date)}`
    : 'the record has none by then';
}

/** Room right of the first recognizer's bars for their figures ('9999 of 9999 runs, 99.9%', px). */
const RUN_FIGURES = 24 * 6.6 + 12;
/** A note's text wrapped to `width` px at 11 px (with a little room for DejaVu's wide letters). */
const noteLines = (text: string, width: number) => wrapLines(text, 0.95 * width, 11);

/** 'run' or 'runs' after a count. */
const runsWord = (n: number) => (n === 1 ? 'run' : 'runs');

export interface FirstRecognizerDatum {
  /** a country's name, or 'Nobody by Dec 2030' */
  label: string;
  bloc: string;
  nobody: boolean;
  runs: number;
  share: number;
  /** '11 of 500 runs, 2.2%' (one decimal on every row when a share is under 10%) */
  figures: string;
  /** row order: by share, largest first, nobody last */
  rank: number;
}

/** The note under the first recognizer: how many first recognitions come by the record's end. */
function firstRecognizerNote(doc: EnsembleDoc, record: RecordOverlay, name: string): string {
  const { total, byEnd } = firstTiming(doc);
  const end = monthName(record.end);
  return total > 0
    ? `Of the ${total} ${runsWord(total)} with a first recognition, ${byEnd} ${byEnd === 1 ? 'has' : 'have'} it by ${end}, before the record ends; ${recordHas(doc, record)}.`
    : `No run has a first recognition; the record has ${name ? `${name} at recognition` : 'none'} by ${end}.`;
}

/** Share of runs in which each country was the first to recognize formally; 'nobody' last, in grey;
 * beside each bar its runs and share. With a record the runs replay, a note under the bars says how
 * many first recognitions come by the record's end. */
export function firstRecognizerChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const country = countriesById(doc);
  const nobody = `Nobody by ${monthName(doc.end)}`;
  const share = sharePrinter(doc.first_recognizer.map((r) => r.share));
  const values: FirstRecognizerDatum[] = doc.first_recognizer
    .map((r) => {
      const c = r.country === null ? null : country(r.country);
      return {
        label: c ? c.name : nobody,
        bloc: c ? blocLabel(c) : '–',
        nobody: c === null,
        runs: r.runs,
        share: r.share,
        figures: runsAndShare(r.runs, doc.runs, share(r.share)),
        rank: 0,
      };
    })
    .sort(
      (a, b) =>
        Number(a.nobody) - Number(b.nobody) ||
        b.share - a.share ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    )
    .map((v, rank) => ({ ...v, rank }));
  const countries = actorsOfKind(doc, 'country');
  const names = [...countries.map((c) => c.name), nobody];
  const extent = nameAxisExtent(names);
  const width = plotWidth(opts, extent, RUN_FIGURES);
  const record = recordOf(doc);
  const seen = record && recordRecognition(record);
  const note = record && firstRecognizerNote(doc, record, seen ? country(seen.country).name : '');
  const noteWidth = width + RUN_FIGURES - 4;
  // the note's height: the most lines its longest form takes (4-digit counts, the longest country name)
  const longest = countries.reduce((l, c) => (c.name.length > l.length ? c.name : l), '');
  const noteHeight =
    record &&
    noteLines(
      `Of the 9999 runs with a first recognition, 9999 have it by ${monthName(record.end)}, before the record ends; the record has ${longest} at recognition from ${monthName(record.end)}.`,
      noteWidth,
    ).length;
  const { total, byEnd } = firstTiming(doc);
  const description = [
    `The share of the runs in which each country is the first to grant formal recognition (a tie counts for each tied country), with the number of runs; the grey bar: the runs in which nobody does.`,
    startNote(doc),
    ...(record
      ? [
          recordRecognitionNote(doc, record),
          ...(total > 0
            ? [
                `Of the ${total} ${runsWord(total)} with a first recognition, ${byEnd} (${share(byEnd / doc.runs)} of all runs) ${byEnd === 1 ? 'has' : 'have'} it by ${monthName(record.end)}, before the record ends, and ${total - byEnd} after (the ensemble keeps no month for each country's first recognitions, so the bars cannot be split at ${monthName(record.end)}).`,
              ]
            : []),
        ]
      : []),
  ].join(' ');
  const bars = {
    data: { name: 'first_recognizer' },
    width,
    height: { step: 22 },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        title: null,
        sort: { field: 'rank', op: 'min' },
        axis: { minExtent: extent, maxExtent: extent },
      },
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'Share of runs',
        scale: { domain: [0, 1], nice: false },
        axis: { format: FORMATS.share, tickCount: 5 },
      },
      tooltip: [
        { field: 'label', type: 'nominal', title: 'First recognizer' },
        { field: 'bloc', type: 'nominal', title: 'Bloc' },
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of runs', format: FORMATS.smallShare },
      ],
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.75 } },
        encoding: {
          color: {
            field: 'nobody',
            type: 'nominal',
            scale: { domain: [false, true], range: [BAR_COLOUR, GREY] },
            legend: null,
          },
        },
      },
      {
        // the figures in a column right of the plot, whatever the bar's length
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: INK },
        encoding: { x: { value: width }, text: { field: 'figures', type: 'nominal' } },
      },
    ],
  };
  return {
    $schema: SCHEMA,
    title: titleOf('Who recognizes the Taliban government first?', subtitleOf(doc), opts),
    description,
    datasets: {
      first_recognizer: values,
      ...(note ? { first_recognizer_note: [{ text: noteLines(note, noteWidth).join('\n') }] } : {}),
    },
    ...(record
      ? { vconcat: [bars, noteView('first_recognizer_note', noteHeight || 1, noteWidth)], spacing: 10 }
      : bars),
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- cascade

/** The months after a first recognition in which the cascade counts followers (CASCADE_WINDOW of
 * analysis/summary.ts). */
export const CASCADE_MONTHS = 12;
/** The cascade's last bar: this many followers or more (the rest of a 22-country axis is empty space). */
export const CASCADE_TOP = 10;

export interface CascadeDatum {
  size: number;
  runs: number;
  /** share of the runs that had a first recognition */
  share: number;
}

/** The runs whose first recognition comes less than CASCADE_MONTHS before the end: their followers are
 * counted over fewer months than the others'. */
export function censoredFirsts(doc: EnsembleDoc): number {
  const last = addMonths(doc.end, -CASCADE_MONTHS);
  return doc.first_recognition_month.filter((r) => r.date > last).reduce((n, r) => n + r.runs, 0);
}

/** How many countries follow the first recognizer to rung 6 within 12 months (0 up to the largest seen). */
export function cascadeChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const total = doc.cascade.reduce((s, c) => s + c.runs, 0);
  const runsBySize = new Map(doc.cascade.map((c) => [c.size, c.runs]));
  const largest = Math.max(0, ...doc.cascade.map((c) => c.size));
  // the axis: 0 up to CASCADE_TOP followers, the last bar 'CASCADE_TOP or more' (fewer with fewer countries)
  const top = Math.min(CASCADE_TOP, Math.max(0, actorsOfKind(doc, 'country').length - 1));
  const values: CascadeDatum[] = [];
  for (let size = 0; size <= Math.min(largest, top) && total > 0; size++) {
    const runs =
      size < top
        ? (runsBySize.get(size) ?? 0)
        : doc.cascade.filter((c) => c.size >= top).reduce((n, c) => n + c.runs, 0);
    values.push({ size, runs, share: runs / total });
  }
  const record = recordOf(doc);
  const censored = censoredFirsts(doc);
  const share = sharePrinter([total / Math.max(1, doc.runs)]);
  // every possible number of followers (up to all the other countries), whatever the runs saw
  const sizes = Array.from({ length: top + 1 }, (_, i) => i);
  const moreLabel = `datum.value >= ${top} && ${top < actorsOfKind(doc, 'country').length - 1} ? '≥ ${top}' : datum.value`;
  const after = monthName(addMonths(doc.end, -CASCADE_MONTHS));
  const description = [
    total > 0
      ? `Over the ${total} of ${doc.runs} runs (${share(total / Math.max(1, doc.runs))}) in which some country granted formal recognition (n = ${total}): how many other countries followed the first to formal recognition within ${CASCADE_MONTHS} months; the bars' shares are of these ${total} ${runsWord(total)}.`
      : `No run had a formal recognition by ${monthName(doc.end)}.`,
    ...(total > 0 && largest === 0
      ? [
          `In all ${total} no other country followed within ${CASCADE_MONTHS} months: 0 followers in ${total} of ${total} ${runsWord(total)}.`,
        ]
      : []),
    ...(top < actorsOfKind(doc, 'country').length - 1 ? [`The last bar: ${top} followers or more.`] : []),
    ...(total > 0
      ? [
          censored > 0
            ? `In ${censored} of the ${total} ${runsWord(total)} the first recognition comes after ${after}, less than ${CASCADE_MONTHS} months before the runs end (${monthName(doc.end)}): their followers are counted over fewer months, so their cascades may be larger than shown.`
            : `${total === 1 ? 'The run has' : `All ${total} runs have`} the first recognition by ${after}, with the full ${CASCADE_MONTHS} months to count followers before the runs end.`,
        ]
      : []),
    startNote(doc),
    ...(record ? [recordRecognitionNote(doc, record)] : []),
  ].join(' ');
  const nLine =
    total > 0
      ? `${largest === 0 ? `0 followers in ${total} of ${total} ${runsWord(total)}` : `n = ${total} ${runsWord(total)}`} with a first recognition${censored > 0 ? `, ${censored} of them within ${CASCADE_MONTHS} months of the end` : ''}`
      : `n = 0: no run has a first recognition`;
  const lines = wrapLines(nLine, widthOf(opts) - 2 * PADDING, 12.5);
  return {
    $schema: SCHEMA,
    title: {
      ...titleOf('Does a first recognition start a cascade?', subtitleOf(doc), opts),
      // the runs the shares are of, and how many of them are followed for less than the window
      subtitle: [
        subtitleOf(doc),
        ...(lines.length === 1
          ? lines
          : [
              `${largest === 0 ? `0 followers in ${total} of ${total}` : `n = ${total}`} ${runsWord(total)} with a first recognition`,
            ]),
      ],
    },
    description,
    datasets: { cascade: values },
    data: { name: 'cascade' },
    width: plotWidth(opts, Y_LABELS + Y_TITLE, 0),
    height: 200,
    encoding: {
      x: {
        field: 'size',
        type: 'ordinal',
        title: 'Countries following the first recognizer within 12 months',
        scale: { domain: sizes },
        axis: { labelAngle: 0, labelExpr: moreLabel },
      },
      y: {
        field: 'share',
        type: 'quantitative',
        title: 'Share of these runs',
        scale: { domain: [0, 1], nice: false },
        axis: yAxis({ format: FORMATS.share, tickCount: 5 }),
      },
      tooltip: [
        { field: 'size', type: 'quantitative', title: 'Followers within 12 months' },
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of these runs', format: FORMATS.smallShare },
      ],
    },
    layer: [
      { mark: { type: 'bar', color: BAR_COLOUR, width: { band: 0.8 } } },
      {
        transform: [SHARE_LABEL],
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11, color: INK },
        encoding: { text: { field: 'share_label', type: 'nominal' } },
      },
    ],
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- first month

export interface FirstMonthDatum {
  date: string;
  runs: number;
  /** share of all runs */
  share: number;
  /** with a record the runs replay: whether the month is by the record's end or after it (the legend's
   * label) */
  period?: string;
}

/** The legend labels of the months by the record's end and after it. */
function periodLabels(record: RecordOverlay): [string, string] {
  const end = monthName(record.end);
  const none = recordRecognition(record) ? '' : ' (the record has none)';
  return [`By ${end}, before the record ends${none}`, `After ${end}`];
}

/** Month of the first formal recognition: runs per month over the whole period, with the median; with a
 * record the runs replay, the months by its end in grey. */
export function firstRecognitionMonthChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const record = recordOf(doc);
  const periods = record && periodLabels(record);
  const runsByDate = new Map(doc.first_recognition_month.map((r) => [r.date, r.runs]));
  const values: FirstMonthDatum[] = doc.months.map((date) => {
    const runs = runsByDate.get(date) ?? 0;
    return {
      date,
      runs,
      share: runs / Math.max(1, doc.runs),
      ...(record && periods ? { period: date <= record.end ? periods[0] : periods[1] } : {}),
    };
  });
  const { total, byEnd } = firstTiming(doc);
  let seen = 0;
  const median = values.find((v) => {
    seen += v.runs;
    return seen >= total / 2;
  });
  const of = Math.max(1, doc.runs);
  const share = sharePrinter([total, byEnd, total - byEnd].map((n) => n / of));
  const description = [
    total > 0 && median
      ? `${total} of ${doc.runs} runs (${share(total / of)}) had a formal recognition by ${monthName(doc.end)}; the median month of the first: ${monthName(median.date)}. Bars: the runs whose first formal recognition comes in that month.`
      : `No run had a formal recognition by ${monthName(doc.end)}.`,
    startNote(doc),
    ...(record
      ? [
          `Dashed rule: where the observed record ends (${monthName(record.end)}).`,
          recordRecognitionNote(doc, record),
          ...(total > 0
            ? [
                `In ${byEnd} of the ${total} ${runsWord(total)} (${share(byEnd / of)} of all runs) the first recognition comes by ${monthName(record.end)} (grey bars), before the record ends; in ${total - byEnd} (${share((total - byEnd) / of)}) after it.`,
              ]
            : []),
        ]
      : []),
  ].join(' ');
  const width = plotWidth(opts, Y_LABELS + Y_TITLE, MONTH_RIGHT);
  const colour =
    record && periods
      ? {
          color: {
            field: 'period',
            type: 'nominal',
            title: null,
            scale: { domain: periods, range: [GREY, BAR_COLOUR] },
            legend: { orient: 'bottom', direction: 'vertical', symbolType: 'square', labelLimit: width },
          },
        }
      : {};
  const bars = {
    mark: { type: 'bar', ...(record ? {} : { color: BAR_COLOUR }) },
    encoding: {
      x: monthX(doc.months.length, width),
      y: {
        field: 'runs',
        type: 'quantitative',
        title: 'Runs with the first recognition',
        axis: yAxis({ tickMinStep: 1, format: FORMATS.count }),
      },
      ...colour,
      tooltip: [
        MONTH_TOOLTIP,
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of all runs', format: FORMATS.smallShare },
      ],
    },
  } as const;
  return {
    $schema: SCHEMA,
    // with a record: what the grey bars are, in one short second line (regression: only the caption said)
    title: titleOf(
      'When does the first formal recognition come?',
      [
        subtitleOf(doc),
        ...(record
          ? [
              `grey: before the record ends, ${monthName(record.end)}${recordRecognition(record) ? '' : '; the record has none'}`,
            ]
          : []),
      ],
      opts,
    ),
    description,
    datasets: { first_month: values, ...recordDatasets(doc) },
    data: { name: 'first_month' },
    width,
    height: 200,
    ...(record
      ? {
          encoding: { x: bars.encoding.x },
          layer: [
            { mark: bars.mark, encoding: { y: bars.encoding.y, ...colour, tooltip: bars.encoding.tooltip } },
            ...recordRuleLayers(doc, record, { banded: true, label: true }),
          ],
        }
      : bars),
    config: baseConfig(),
  } as TopLevelSpec;
}
