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
  heatmapCell,
  INK,
  INK_GREY,
  type LayerPanel,
  MONTH_TOOLTIP,
  monthDatum,
  monthName,
  monthX,
  nameAxisExtent,
  POLICY_COLOURS,
  panelTitle,
  RECORD_GREY,
  rowsBy,
  SCHEMA,
  sortCountries,
  subtitleOf,
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
/** Room right of a horizontal bar for its share label ('100%', px). */
const BAR_LABEL_RIGHT = 40;

/** The plot width that makes the whole image `widthOf(opts)` wide, given what lies left and right of it. */
export function plotWidth(opts: ChartOptions, left: number, right: number): number {
  return Math.max(120, Math.floor(widthOf(opts) - 2 * PADDING - left - right));
}

/** A chart title whose text wraps to the image width (16 px bold: about 0.65 em a character), and one
 * subtitle line (a list of one, as the report reads subtitles). */
function titleOf(text: string, subtitle: string, opts: ChartOptions) {
  const lines = wrapLines(text, widthOf(opts) - 2 * PADDING, 17);
  return { text: lines.length === 1 ? lines[0]! : lines, subtitle: [subtitle] };
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

/** What the record does to an ensemble that starts before it ends: the caption's sentence. */
function replayNote(doc: EnsembleDoc, record: RecordOverlay): string {
  return `The runs start in ${monthName(doc.start)}, before the observed record ends (${monthName(record.end)}): up to then they replay the record's events, not its stances, so what they show there is the model's, not history.`;
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
    ...(record
      ? [
          `Dashed rule: where the observed record ends (${monthName(record.end)})${drawn}.`,
          replayNote(doc, record),
        ]
      : []),
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
    description: fanCaption(doc, '', "Each faction's share of power, month by month."),
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
  },
  bottom: { variable: string; data: string; note?: string; colour: string },
): TopLevelSpec {
  const band = bandsOf(doc, [bottom.variable])[0];
  const views: ViewSpec[] = [
    {
      title: panelTitle(top.title),
      ...fanView(doc, opts, {
        data: top.data,
        label: true,
        height: 220,
        series: top.bands.map((b) => b.label),
        colours: top.colours,
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
    resolve: { scale: { color: 'independent' } },
    config: baseConfig(),
  } as TopLevelSpec;
}

/** The regime's policy indices (one panel) and the ISK threat (a panel under it). */
export function fanPolicyChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const bands = requireBands(
    'fan-policy',
    bandsOf(doc, DIMENSIONS),
    `the policy indices (${DIMENSIONS.join(', ')})`,
  );
  return fanPair(
    doc,
    opts,
    'Taliban regime policy and the ISK threat across the runs',
    fanCaption(
      doc,
      '',
      'Policy indices: 0 = most repressive or least cooperative, 1 = most open. The ISK threat is an index from 0 to 1.',
    ),
    {
      title: 'Policy indices (0 = most repressive, 1 = most open)',
      data: 'policy',
      bands,
      colours: bands.map((b) => POLICY_COLOURS[b.variable]!),
      y: { title: 'Index (0 to 1)', domain: [0, 1], axis: { format: '.1f' } },
      valueFormat: FORMATS.score,
    },
    { variable: 'threat', data: 'threat', colour: POLICY_COLOURS.threat! },
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

/** Counts of countries at rung ≥ 4, ≥ 5 and 6 (one panel) and the legitimacy index (a panel under it);
 * with the record, its observed counts as grey steps. */
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
    ? `; grey steps: the observed number of countries at rung ≥ 4, ≥ 5 and 6, month by month (in ${monthName(record!.end)}: ${[
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
                  color: { value: RECORD_GREY },
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

export interface ProbabilityDatum {
  date: string;
  country: string;
  bloc: string;
  k: number;
  /** share of the runs in which the country stands at rung k or higher in this month */
  p: number;
  /** the first month of the first country of its bloc: where the record's rule is drawn from */
  first?: boolean;
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

/**
 * Countries × months coloured by P(rung ≥ k), rows grouped by bloc in the palette's fixed order. The
 * data hold every k = 1..6; a parameter `k` bound to a select box picks one (`k` of the options, default
 * DEFAULT_K, when the chart opens and in the SVG).
 */
export function probabilityChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const o = opts;
  const defaultK = o.k ?? DEFAULT_K;
  checkRung(defaultK);
  const countries = probabilityCountries(doc);
  const blocs = [...new Set(countries.map(blocLabel))];
  const firstOfBloc = new Set(blocs.map((b) => countries.find((c) => blocLabel(c) === b)!.id));
  const rank = new Map(countries.map((c, i) => [c.id, i]));
  const country = countriesById(doc);
  const record = recordOf(doc);
  const values: ProbabilityDatum[] = [];
  const rows = [...doc.rung_at_least].sort(
    (a, b) => rank.get(a.country)! - rank.get(b.country)! || a.k - b.k,
  );
  for (const r of rows) {
    const c = country(r.country);
    doc.months.forEach((date, m) => {
      const p = r.p[m];
      if (p === undefined) return;
      values.push({
        date,
        country: c.name,
        bloc: blocLabel(c),
        k: r.k,
        p,
        ...(record && m === 0 && firstOfBloc.has(c.id) ? { first: true } : {}),
      });
    });
  }
  const ks = RUNGS.map((_, k) => k).slice(1);
  const names = countries.map((c) => c.name);
  const extent = nameAxisExtent(names);
  const width = plotWidth(o, extent, MONTH_RIGHT);
  const x = monthX(doc.months.length, width);
  const cells = {
    color: {
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
    },
    tooltip: [
      MONTH_TOOLTIP,
      { field: 'country', type: 'nominal', title: 'Country' },
      { field: 'k', type: 'quantitative', title: 'At least rung' },
      { field: 'p', type: 'quantitative', title: 'Share of runs', format: FORMATS.smallShare },
    ],
  } as const;
  const y = {
    field: 'country',
    type: 'nominal',
    title: null,
    sort: names,
    axis: { minExtent: extent, maxExtent: extent },
  } as const;
  const ruleX = record && ({ datum: ruleDatum(record, true), type: 'temporal' } as const);
  const description = [
    'Colour: the share of the runs in which the country stands at rung k or higher in that month (k is chosen in the chart: the .vl.json has a selector for rungs 1 to 6).',
    'Rows: the countries by bloc, in a fixed order.',
    ...(record
      ? [`Dashed rule: where the observed record ends (${monthName(record.end)}).`, replayNote(doc, record)]
      : []),
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
    datasets: { probability: values },
    data: { name: 'probability' },
    transform: [{ filter: 'datum.k == k' }],
    // the countries come in bloc order
    facet: { row: rowsBy('bloc', blocs) },
    spacing: 6,
    spec: ruleX
      ? {
          width,
          height: { step: 16 },
          encoding: { x, y },
          layer: [
            { mark: heatmapCell(doc.months.length), encoding: cells },
            // one rule per bloc panel, from its first country's first month, at the record's end: dark
            // dashes on a white line, so it shows on pale and on dark cells alike
            ...[
              { strokeWidth: 3.5, color: 'white' },
              { strokeWidth: 1.5, color: INK, strokeDash: [4, 3] },
            ].map(({ color, ...line }) => ({
              transform: [{ filter: 'datum.first' }],
              mark: { type: 'rule', ...line },
              encoding: {
                x: ruleX,
                // the full panel height, not a row: the layer then adds nothing to the row scale
                y: { value: 0 },
                y2: { value: 'height' },
                color: { value: color },
              },
            })),
            {
              // its label above the first panel only
              transform: [{ filter: `datum.first && datum.bloc == ${JSON.stringify(blocs[0])}` }],
              mark: { type: 'text', fontSize: 11, align: 'left', baseline: 'bottom', dx: 3, dy: -2 },
              encoding: {
                x: ruleX,
                y: { value: 0 },
                text: { value: recordEndLabel(record!) },
                color: { value: INK_GREY },
              },
            },
          ],
        }
      : { width, height: { step: 16 }, mark: heatmapCell(doc.months.length), encoding: { x, y, ...cells } },
    resolve: { scale: { y: 'independent' } },
    config: { ...baseConfig(), view: { stroke: null } },
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- first recognizer

export interface FirstRecognizerDatum {
  /** a country's name, or 'Nobody by Dec 2030' */
  label: string;
  bloc: string;
  nobody: boolean;
  runs: number;
  share: number;
  /** row order: by share, largest first, nobody last */
  rank: number;
}

/** What the record says of the first recognition, for a chart whose runs start before it ends. */
function recordRecognitionNote(doc: EnsembleDoc, record: RecordOverlay): string {
  const seen = recordRecognition(record);
  const country = countriesById(doc);
  return seen
    ? `The record has ${country(seen.country).name} at formal recognition in ${monthName(seen.date)}.`
    : `The record has no formal recognition up to ${monthName(record.end)}.`;
}

/** Share of runs in which each country was the first to recognize formally; 'nobody' last, in grey. */
export function firstRecognizerChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const country = countriesById(doc);
  const nobody = `Nobody by ${monthName(doc.end)}`;
  const values: FirstRecognizerDatum[] = doc.first_recognizer
    .map((r) => {
      const c = r.country === null ? null : country(r.country);
      return {
        label: c ? c.name : nobody,
        bloc: c ? blocLabel(c) : '–',
        nobody: c === null,
        runs: r.runs,
        share: r.share,
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
  const names = [...actorsOfKind(doc, 'country').map((c) => c.name), nobody];
  const extent = nameAxisExtent(names);
  const width = plotWidth(opts, extent, BAR_LABEL_RIGHT);
  const record = recordOf(doc);
  const description = [
    'The share of the runs in which each country is the first to grant formal recognition (a tie counts for each tied country); the grey bar: the runs in which nobody does.',
    ...(record ? [replayNote(doc, record), recordRecognitionNote(doc, record)] : []),
  ].join(' ');
  return {
    $schema: SCHEMA,
    title: titleOf('Who recognizes the Taliban government first?', subtitleOf(doc), opts),
    description,
    datasets: { first_recognizer: values },
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
        transform: [SHARE_LABEL],
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
        encoding: { text: { field: 'share_label', type: 'nominal' } },
      },
    ],
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- cascade

export interface CascadeDatum {
  size: number;
  runs: number;
  /** share of the runs that had a first recognition */
  share: number;
}

/** How many countries follow the first recognizer to rung 6 within 12 months (0 up to the largest seen). */
export function cascadeChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const total = doc.cascade.reduce((s, c) => s + c.runs, 0);
  const runsBySize = new Map(doc.cascade.map((c) => [c.size, c.runs]));
  const largest = Math.max(0, ...doc.cascade.map((c) => c.size));
  const values: CascadeDatum[] = [];
  for (let size = 0; size <= largest && total > 0; size++) {
    const runs = runsBySize.get(size) ?? 0;
    values.push({ size, runs, share: runs / total });
  }
  const record = recordOf(doc);
  // every possible number of followers (up to all the other countries), whatever the runs saw
  const sizes = Array.from({ length: Math.max(1, actorsOfKind(doc, 'country').length) }, (_, i) => i);
  const description = [
    total > 0
      ? `Over the ${total} of ${doc.runs} runs in which some country granted formal recognition: how many other countries followed the first to formal recognition within 12 months.`
      : `No run had a formal recognition by ${monthName(doc.end)}.`,
    ...(record ? [replayNote(doc, record), recordRecognitionNote(doc, record)] : []),
  ].join(' ');
  return {
    $schema: SCHEMA,
    title: titleOf('Does a first recognition start a cascade?', subtitleOf(doc), opts),
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
        axis: { labelAngle: 0 },
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

export interface FirstMonthDatum {
  date: string;
  runs: number;
  /** share of all runs */
  share: number;
}

/** Month of the first formal recognition: runs per month over the whole period, with the median. */
export function firstRecognitionMonthChart(doc: EnsembleDoc, opts: EnsembleOptions = {}): TopLevelSpec {
  const runsByDate = new Map(doc.first_recognition_month.map((r) => [r.date, r.runs]));
  const values: FirstMonthDatum[] = doc.months.map((date) => {
    const runs = runsByDate.get(date) ?? 0;
    return { date, runs, share: runs / Math.max(1, doc.runs) };
  });
  const total = values.reduce((s, v) => s + v.runs, 0);
  let seen = 0;
  const median = values.find((v) => {
    seen += v.runs;
    return seen >= total / 2;
  });
  const record = recordOf(doc);
  const beforeEnd = record ? values.filter((v) => v.date <= record.end).reduce((s, v) => s + v.runs, 0) : 0;
  const description = [
    total > 0 && median
      ? `${total} of ${doc.runs} runs had a formal recognition by ${monthName(doc.end)}; the median month of the first: ${monthName(median.date)}. Bars: the runs whose first formal recognition comes in that month.`
      : `No run had a formal recognition by ${monthName(doc.end)}.`,
    ...(record
      ? [
          `Dashed rule: where the observed record ends (${monthName(record.end)}).`,
          replayNote(doc, record),
          recordRecognitionNote(doc, record),
          ...(total > 0
            ? [
                `In ${beforeEnd} of the ${total} runs the first recognition comes by ${monthName(record.end)}.`,
              ]
            : []),
        ]
      : []),
  ].join(' ');
  const width = plotWidth(opts, Y_LABELS + Y_TITLE, MONTH_RIGHT);
  const bars = {
    mark: { type: 'bar', color: BAR_COLOUR },
    encoding: {
      x: monthX(doc.months.length, width),
      y: {
        field: 'runs',
        type: 'quantitative',
        title: 'Runs with the first recognition',
        axis: yAxis({ tickMinStep: 1, format: FORMATS.count }),
      },
      tooltip: [
        MONTH_TOOLTIP,
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of all runs', format: FORMATS.smallShare },
      ],
    },
  } as const;
  return {
    $schema: SCHEMA,
    title: titleOf('When does the first formal recognition come?', subtitleOf(doc), opts),
    description,
    datasets: { first_month: values, ...recordDatasets(doc) },
    data: { name: 'first_month' },
    width,
    height: 200,
    ...(record
      ? {
          encoding: { x: bars.encoding.x },
          layer: [
            { mark: bars.mark, encoding: { y: bars.encoding.y, tooltip: bars.encoding.tooltip } },
            ...recordRuleLayers(doc, record, { banded: true, label: true }),
          ],
        }
      : bars),
    config: baseConfig(),
  } as TopLevelSpec;
}
