// Vega-Lite spec builders for an ensemble of runs (EnsembleDoc): fan charts of the quantile bands,
// the probability of each rung by country and month, and the first recognizer and the cascade after it.
// Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { Band, EnsembleDoc } from '../ensemble/docs.js';
import type { ActorInfo } from '../model/results.js';
import { DIMENSIONS, MAX_RUNG, RUNGS } from '../model/types.js';
import { bandsOf, type FanOptions, fanData, fanPanel, requireBands } from './fan.js';
import { byFaction } from './run.js';
import {
  actorsOfKind,
  baseConfig,
  blocLabel,
  CATEGORY_COLOURS,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartTitle,
  FAN_NOTE,
  factionColour,
  GREY,
  heatmapCell,
  heatmapWidth,
  INK,
  MONTH_TOOLTIP,
  monthName,
  monthX,
  nameAxisExtent,
  POLICY_COLOURS,
  panelTitle,
  rowsBy,
  SCHEMA,
  sortCountries,
  subtitleOf,
  type ViewSpec,
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

/** Throws unless k is a whole rung from 1 to 6. */
function checkRung(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_RUNG)
    throw new RangeError(`k must be a whole rung from 1 to ${MAX_RUNG} (got ${k})`);
}

/** A share axis from 0 with room above the largest value for its label. */
/** A bar's share as its label: whole percent, one decimal below 1% so a visible bar never reads "0%". */
const SHARE_LABEL = {
  calculate:
    "datum.share > 0 && datum.share < 0.01 ? format(datum.share, '.1%') : format(datum.share, '.0%')",
  as: 'share_label',
} as const;

/** A share axis from 0 with room for the labels above the bars, never past 100%. */
function shareScale(values: number[]) {
  return { domain: [0, Math.min(1, Math.max(0.1, 1.12 * Math.max(0, ...values)))], nice: true };
}

/** The actor of a country id; an id the doc does not describe stands for itself, bloc 'Other'. */
function countriesById(doc: EnsembleDoc): (id: string) => ActorInfo {
  const byId = new Map(actorsOfKind(doc, 'country').map((a) => [a.id, a]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'country' };
}

// ---------------------------------------------------------------------------------------------- fans

/** Faction power: one fan per faction, in the order of FACTIONS. */
export function fanFactionsChart(doc: EnsembleDoc): TopLevelSpec {
  const bands = byFaction(
    requireBands('fan-factions', bandsOf(doc, ['power']), "faction power (variable 'power')"),
    (b) => b.actor,
  );
  const series = bands.map((b) => b.label);
  return {
    $schema: SCHEMA,
    title: chartTitle('Power of the Taliban factions across the runs', subtitleOf(doc), FAN_NOTE),
    data: { values: fanData(doc, bands) },
    ...fanPanel({
      nMonths: doc.months.length,
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      series,
      colours: bands.map((b) => factionColour(b.actor)),
      legend: { title: 'Faction' },
      y: { title: 'Share of power', domain: [0, 1], axis: { format: '.0%' } },
      valueFormat: '.1%',
      select: true,
    }),
    config: baseConfig(),
  };
}

/** A stacked pair of fan panels: the main series with a legend, and a single index under it. */
function fanPair(
  doc: EnsembleDoc,
  text: string,
  top: { title: string; bands: Band[]; colours: string[]; y: FanOptions['y']; valueFormat: string },
  bottom: { variable: string; note?: string; colour: string },
): TopLevelSpec {
  const series = top.bands.map((b) => b.label);
  const common = { nMonths: doc.months.length, width: CHART_WIDTH } as const;
  // the same y-axis extent in both panels lines up the plots and the panel titles
  const extent = { minExtent: 30, maxExtent: 30 };
  const views: ViewSpec[] = [
    {
      title: panelTitle(top.title),
      data: { values: fanData(doc, top.bands) },
      ...fanPanel({
        ...common,
        height: CHART_HEIGHT - 40,
        series,
        colours: top.colours,
        legend: { title: null },
        y: { ...top.y, axis: { ...top.y.axis, ...extent } },
        valueFormat: top.valueFormat,
        select: true,
      }),
    },
  ];
  const band = bandsOf(doc, [bottom.variable])[0];
  if (band)
    views.push({
      title: panelTitle(bottom.note ? `${band.label} (${bottom.note})` : band.label),
      data: { values: fanData(doc, [band]) },
      ...fanPanel({
        ...common,
        height: 110,
        series: [band.label],
        colours: [bottom.colour],
        y: { title: 'Index (0 to 1)', domain: [0, 1], axis: { format: '.1f', ...extent } },
        valueFormat: '.3f',
      }),
    });
  return {
    $schema: SCHEMA,
    title: chartTitle(text, subtitleOf(doc), FAN_NOTE),
    vconcat: views,
    spacing: 24,
    resolve: { scale: { color: 'independent' } },
    config: baseConfig(),
  };
}

/** The regime's policy indices (one panel) and the ISK threat (a panel under it). */
export function fanPolicyChart(doc: EnsembleDoc): TopLevelSpec {
  const bands = requireBands(
    'fan-policy',
    bandsOf(doc, DIMENSIONS),
    `the policy indices (${DIMENSIONS.join(', ')})`,
  );
  return fanPair(
    doc,
    'Taliban regime policy and the ISK threat across the runs',
    {
      title: 'Policy indices: 0 = most repressive / least cooperative, 1 = most open',
      bands,
      colours: bands.map((b) => POLICY_COLOURS[b.variable]!),
      y: { title: 'Index (0 to 1)', domain: [0, 1], axis: { format: '.1f' } },
      valueFormat: '.3f',
    },
    { variable: 'threat', colour: POLICY_COLOURS.threat! },
  );
}

/** Counts of countries at rung ≥ 4, ≥ 5 and 6 (one panel) and the legitimacy index (a panel under it). */
export function fanCountsChart(doc: EnsembleDoc): TopLevelSpec {
  const variables = Object.keys(COUNT_COLOURS);
  const bands = requireBands('fan-counts', bandsOf(doc, variables), `the counts (${variables.join(', ')})`);
  const countries = actorsOfKind(doc, 'country').length;
  return fanPair(
    doc,
    'How many countries engage with the Taliban government, across the runs',
    {
      title: `Countries (of ${countries}) at or above a rung`,
      bands,
      colours: bands.map((b) => COUNT_COLOURS[b.variable]!),
      y: { title: 'Countries', domain: [0, countries], axis: { format: 'd', tickMinStep: 1 } },
      valueFormat: '.1f',
    },
    {
      variable: 'legitimacy',
      note: 'weighted mean rung / 6: 0 = nobody engages, 1 = all recognize',
      colour: '#555555',
    },
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

/**
 * Countries × months coloured by P(rung ≥ k), rows grouped by bloc. The data holds every k = 1..6; a
 * parameter `k` bound to a select box picks one (`defaultK` when the chart opens, and in the SVG).
 */
export function probabilityChart(doc: EnsembleDoc, defaultK = DEFAULT_K): TopLevelSpec {
  checkRung(defaultK);
  const country = countriesById(doc);
  const countries = ensembleCountryOrder(doc);
  const rank = new Map(countries.map((c, i) => [c.id, i]));
  const values: ProbabilityDatum[] = [];
  const rows = [...doc.rung_at_least].sort(
    (a, b) => rank.get(a.country)! - rank.get(b.country)! || a.k - b.k,
  );
  for (const r of rows) {
    const c = country(r.country);
    doc.months.forEach((date, m) => {
      const p = r.p[m];
      if (p !== undefined) values.push({ date, country: c.name, bloc: blocLabel(c), k: r.k, p });
    });
  }
  const ks = RUNGS.map((_, k) => k).slice(1);
  const width = heatmapWidth(doc.months.length);
  const names = countries.map((c) => c.name);
  const extent = nameAxisExtent(names);
  return {
    $schema: SCHEMA,
    title: {
      text: {
        expr: `'Chance of at least ' + ${JSON.stringify(RUNGS)}[k] + ' (rung ≥ ' + k + '), by country and month'`,
      },
      subtitle: [
        subtitleOf(doc),
        'colour: share of the runs in which the country stands at that rung or higher',
      ],
    },
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
    data: { values },
    transform: [{ filter: 'datum.k == k' }],
    // the countries come in bloc order
    facet: { row: rowsBy('bloc', [...new Set(countries.map(blocLabel))]) },
    spacing: 6,
    spec: {
      width,
      height: { step: 16 },
      mark: heatmapCell(doc.months.length),
      encoding: {
        x: monthX(doc.months.length, width),
        y: {
          field: 'country',
          type: 'nominal',
          title: null,
          sort: names,
          axis: { minExtent: extent, maxExtent: extent },
        },
        color: {
          field: 'p',
          type: 'quantitative',
          title: 'Share of runs',
          scale: { domain: [0, 1], scheme: { name: 'yellowgreenblue', extent: [0.05, 1] } },
          legend: { format: '.0%', gradientLength: 160 },
        },
        tooltip: [
          MONTH_TOOLTIP,
          { field: 'country', type: 'nominal', title: 'Country' },
          { field: 'k', type: 'quantitative', title: 'At least rung' },
          { field: 'p', type: 'quantitative', title: 'Share of runs', format: '.1%' },
        ],
      },
    },
    resolve: { scale: { y: 'independent' } },
    config: { ...baseConfig(), view: { stroke: null } },
  };
}

// ---------------------------------------------------------------------------------------------- first recognizer

export interface FirstRecognizerDatum {
  /** a country's name, or 'Nobody by Dec 2030' */
  label: string;
  bloc: string;
  nobody: boolean;
  runs: number;
  share: number;
}

/** Share of runs in which each country was the first to recognize formally; 'nobody' last, in grey. */
export function firstRecognizerChart(doc: EnsembleDoc): TopLevelSpec {
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
      };
    })
    .sort(
      (a, b) =>
        Number(a.nobody) - Number(b.nobody) ||
        b.share - a.share ||
        (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
    );
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Who recognizes the Taliban government first?',
      subtitleOf(doc),
      'share of the runs in which each country is the first to grant formal recognition (a tie counts for each tied country)',
    ),
    data: { values },
    width: CHART_WIDTH,
    height: { step: 22 },
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: values.map((v) => v.label) },
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'Share of runs',
        scale: shareScale(values.map((v) => v.share)),
        axis: { format: '.0%', tickCount: 5 },
      },
      tooltip: [
        { field: 'label', type: 'nominal', title: 'First recognizer' },
        { field: 'bloc', type: 'nominal', title: 'Bloc' },
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of runs', format: '.1%' },
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
  };
}

// ---------------------------------------------------------------------------------------------- cascade

export interface CascadeDatum {
  size: number;
  runs: number;
  /** share of the runs that had a first recognition */
  share: number;
}

/** How many countries follow the first recognizer to rung 6 within 12 months (0 up to the largest seen). */
export function cascadeChart(doc: EnsembleDoc): TopLevelSpec {
  const total = doc.cascade.reduce((s, c) => s + c.runs, 0);
  const runsBySize = new Map(doc.cascade.map((c) => [c.size, c.runs]));
  const largest = Math.max(0, ...doc.cascade.map((c) => c.size));
  const values: CascadeDatum[] = [];
  for (let size = 0; size <= largest && total > 0; size++) {
    const runs = runsBySize.get(size) ?? 0;
    values.push({ size, runs, share: runs / total });
  }
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Does a first recognition start a cascade?',
      subtitleOf(doc),
      total > 0
        ? `over the ${total} of ${doc.runs} runs in which some country granted formal recognition`
        : `no run had a formal recognition by ${monthName(doc.end)}`,
    ),
    data: { values },
    width: CHART_WIDTH,
    height: CHART_HEIGHT - 40,
    encoding: {
      x: {
        field: 'size',
        type: 'ordinal',
        title: 'Countries that follow the first recognizer to formal recognition within 12 months',
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'share',
        type: 'quantitative',
        title: 'Share of these runs',
        scale: shareScale(values.map((v) => v.share)),
        axis: { format: '.0%' },
      },
      tooltip: [
        { field: 'size', type: 'quantitative', title: 'Followers within 12 months' },
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of these runs', format: '.1%' },
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
  };
}

export interface FirstMonthDatum {
  date: string;
  runs: number;
  /** share of all runs */
  share: number;
}

/** Month of the first formal recognition: runs per month over the whole period, with the median. */
export function firstRecognitionMonthChart(doc: EnsembleDoc): TopLevelSpec {
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
  const note =
    total > 0 && median
      ? `${total} of ${doc.runs} runs had a formal recognition by ${monthName(doc.end)} · median month of the first: ${monthName(median.date)}`
      : `no run had a formal recognition by ${monthName(doc.end)}`;
  return {
    $schema: SCHEMA,
    title: chartTitle('When does the first formal recognition come?', subtitleOf(doc), note),
    data: { values },
    width: CHART_WIDTH,
    height: CHART_HEIGHT - 60,
    mark: { type: 'bar', color: BAR_COLOUR },
    encoding: {
      x: monthX(doc.months.length, CHART_WIDTH),
      y: {
        field: 'runs',
        type: 'quantitative',
        title: 'Runs with the first recognition',
        axis: { tickMinStep: 1, format: 'd' },
      },
      tooltip: [
        MONTH_TOOLTIP,
        { field: 'runs', type: 'quantitative', title: 'Runs' },
        { field: 'share', type: 'quantitative', title: 'Share of all runs', format: '.1%' },
      ],
    },
    config: baseConfig(),
  };
}
