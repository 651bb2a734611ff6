// Vega-Lite spec builders for scenarios compared under common random numbers (CompareDoc): the scenarios
// side by side, and each outcome's paired difference from the reference.
// Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { CompareDoc, EnsembleDoc, OutcomeRef } from '../ensemble/docs.js';
import type { ActorInfo } from '../model/results.js';
import { COUNT_COLOURS, endProbabilities } from './ensemble.js';
import { bandsOf, fanData, fanPanel, requireBands } from './fan.js';
import {
  actorsOfKind,
  baseConfig,
  blocLabel,
  blocsPresent,
  CATEGORY_COLOURS,
  type ChartOptions,
  chartTitle,
  countryLookup,
  countryOrder,
  FAN_NOTE,
  FORMATS,
  GREY,
  INK,
  monthName,
  nameAxisExtent,
  panelTitle,
  RECORD_GREY,
  rungAtLeast,
  SCHEMA,
  shareText,
  sig3,
  type ViewSpec,
  widthOf,
  wrapLines,
} from './style.js';

/** The rung of the comparison's per-country panel and count fan: diplomatic presence. */
const COMPARE_K = 4;
const COMPARE_COUNTS = ['count_ge_4', 'recognizers'];
const FACET_SPACING = 16;
/** Room on the right of the last column for the half of its last axis label that overhangs (px). */
const OVERHANG = 18;
/** The padding of baseConfig on each side (px). */
const PADDING = 12;
/** A dashed line at a reference value: no difference, the base rate. */
export const REFERENCE_RULE = { type: 'rule' as const, color: RECORD_GREY, strokeDash: [4, 3] };

/**
 * An outcome's mean as its kind reads: a share of runs for an event, 3 significant digits otherwise. A
 * share under 10% or over 90% keeps one decimal ('3.7%', '95.7%'), so two levels agree with the
 * difference in percentage points written beside them (not '4% vs 2%' for +1.7 pp).
 */
export function outcomeValue(x: number, binary: boolean): string {
  if (!binary) return sig3(x);
  return (x > 0 && x < 0.1) || (x < 1 && x > 0.9) ? `${(100 * x).toFixed(1)}%` : shareText(x);
}

/** An outcome's label with its months named: 'countries at rung ≥ 5 in 2030-12' → '… in Dec 2030'. */
export function outcomeText(label: string): string {
  return label.replace(/\b(\d{4}-(?:0[1-9]|1[0-2]))\b/g, (m) => monthName(m));
}

/** An outcome's label as the title of its panel: months named, the first letter capitalized. */
export function outcomeTitle(label: string): string {
  const text = outcomeText(label);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** x to 3 significant digits without trailing zeros, minus as '−': '14', '7.5', '−0.8'. */
export function short3(x: number): string {
  const s = String(Number(x.toPrecision(3)));
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/** The outcomes of a list, each once, in order of first appearance (by their text). */
export function distinctOutcomes(outcomes: OutcomeRef[]): OutcomeRef[] {
  return [...new Map(outcomes.map((o) => [o.text, o])).values()];
}

/**
 * Subtitle parts joined by ' · ' into lines that fit `width` px at `fontSize` (breaking between parts,
 * so '2025-06 to 2030-12' stays on one line; a part longer than a line is broken at spaces).
 * (A candidate for style.ts, beside wrapLines.)
 */
export function wrapParts(parts: string[], width: number, fontSize = 12): string[] {
  const fits = (line: string) => wrapLines(line, width, fontSize).length <= 1;
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const joined = line ? `${line} · ${part}` : part;
    if (!line || fits(joined)) line = joined;
    else {
      lines.push(line);
      line = part;
    }
  }
  if (line) lines.push(line);
  return lines.flatMap((l) => wrapLines(l, width, fontSize));
}

/** The subtitle line(s) of a study chart from its parts, wrapped to the chart's inner width. */
export function studySubtitle(parts: string[], width: number): string[] {
  return wrapParts(parts, width - 2 * PADDING);
}

/**
 * Where the scenarios of a comparison start, for captions: they all run over the same months, from the
 * --start month; at or after the end of the observed record they start from the observed state (each
 * country at its observed rung), before it they simulate the record's months too. '' without ensembles.
 * (A candidate for style.ts: every ensemble caption could say its start state.)
 */
export function compareStart(doc: CompareDoc): string {
  const first = doc.ensembles[0];
  if (!first) return '';
  const months = `Every scenario runs over the same months, ${monthName(first.start)} to ${monthName(first.end)}, from its --start`;
  const record = first.record;
  if (record && record.end <= first.start)
    return `${months}, and starts from the observed state: each country at its observed rung in ${monthName(first.start)} (unlike an ensemble that replays the record from its own start).`;
  if (record)
    return `${months}: the runs simulate the record’s months up to ${monthName(record.end)} too, so by then they need not match it.`;
  return `${months}.`;
}

/** The subtitle's period: 'from the observed Jun 2025 state to Dec 2030' when the runs start from it. */
function comparePeriod(doc: CompareDoc): string {
  const first = doc.ensembles[0];
  if (!first) return '';
  const observed = first.record && first.record.end <= first.start;
  return observed
    ? `from the observed ${monthName(first.start)} state to ${monthName(first.end)}`
    : `${monthName(first.start)} to ${monthName(first.end)}`;
}

// ---------------------------------------------------------------------------------------------- compare

/** Bold 12 px text: about 0.62 em a character (DejaVu Sans Bold is wider than the regular 0.6). */
const HEADER_CHAR = 0.62 * 12;

/**
 * Column headers that fit `width` px: a scenario name too long for one line breaks after its hyphens
 * ('reform-before-' / 'recognition'), by a label expression that looks the name up.
 */
export function headerLines(name: string, width: number): string[] {
  const perLine = Math.max(6, Math.floor(width / HEADER_CHAR));
  const lines: string[] = [];
  let line = '';
  for (const piece of name.split(/(?<=[-\s])/)) {
    if (line && (line + piece).trimEnd().length > perLine) {
      lines.push(line.trimEnd());
      line = piece;
    } else line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

function headerLabels(names: string[], width: number) {
  const long = names.filter((n) => headerLines(n, width).length > 1);
  if (long.length === 0) return { labelLimit: width };
  const table = Object.fromEntries(long.map((n) => [n, headerLines(n, width)]));
  // no limit: it would apply to the lines as one; each line fits the column
  return { labelLimit: 0, labelExpr: `${JSON.stringify(table)}[datum.value] || datum.value` };
}

export interface CompareEndDatum {
  scenario: string;
  country: string;
  /** the row of panel (b): the country's name */
  row: string;
  bloc: string;
  /** share of the scenario's runs in which the country stands at rung ≥ 4 in the end month */
  p: number;
  /** p as the value label writes it: '42%', '0.4%' (shareText) */
  label: string;
}

/** Marks a row of panel (b) as a bloc's name, not a country's. */
const BLOC_MARK = '§';

/** A value label sits inside its bar (white, at the bar's end) from this share up, else just right of it. */
export const INSIDE_FROM = 0.25;

/**
 * The countries of a comparison in the fixed order of the palette (bloc, then as the data list them:
 * the order of every other chart, never by a run's values), then any country the probabilities name
 * that the actors do not, by id (bloc 'Other'). (A candidate for style.ts, beside countryOrder.)
 */
export function compareCountries(doc: EnsembleDoc): ActorInfo[] {
  const known = countryOrder(doc);
  const ids = new Set(known.map((c) => c.id));
  const country = countryLookup(doc);
  const others = [...new Set(doc.rung_at_least.map((r) => r.country))]
    .filter((id) => !ids.has(id))
    .sort()
    .map(country);
  return [...known, ...others];
}

/**
 * Scenarios side by side, one column each: (a) fans of the countries at rung ≥ 4 and of the formal
 * recognizers, (b) each country's probability of rung ≥ 4 in the end month, by bloc (a row of panels
 * each, countries in the palette's order) with the value at each bar. Data: datasets `fans` (FanDatum
 * and scenario) and `ends` (CompareEndDatum).
 */
export function compareChart(doc: CompareDoc, opts: ChartOptions = {}): TopLevelSpec {
  const first = doc.ensembles[0];
  if (!first) throw new RangeError('compare: the document has no ensembles to chart');
  const width = widthOf(opts);
  const scenarios = doc.ensembles.map((e) => e.scenario);
  const fans = doc.ensembles.flatMap((e) =>
    fanData(e, requireBands('compare', bandsOf(e, COMPARE_COUNTS), COMPARE_COUNTS.join(', '))).map((r) => ({
      scenario: e.scenario,
      ...r,
    })),
  );
  // legend entries from the reference's bands (the other scenarios have the same)
  const bands = bandsOf(first, COMPARE_COUNTS);
  const series = bands.map((b) => b.label);
  const countries = compareCountries(first);
  const ends: CompareEndDatum[] = doc.ensembles.flatMap((e) => {
    const end = endProbabilities(e);
    return countries.map((c) => {
      const p = end.get(c.id)?.[COMPARE_K] ?? 0;
      return {
        scenario: e.scenario,
        country: c.name,
        row: c.name,
        bloc: blocLabel(c),
        p,
        label: shareText(p),
      };
    });
  });
  const blocs = [...new Set([...blocsPresent(first), ...countries.map(blocLabel)])];
  // the rows of panel (b): each bloc's name, then its countries
  const rows = blocs.flatMap((b) => [
    `${BLOC_MARK}${b}`,
    ...countries.filter((c) => blocLabel(c) === b).map((c) => c.name),
  ]);
  const isBloc = `indexof(datum.value, '${BLOC_MARK}') === 0`;
  const names = countries.map((c) => c.name);
  // bloc names are bold (a little wider): a character more
  const extent = nameAxisExtent([...names, ...blocs.map((b) => `${b}x`)]);
  // the columns share what is left of the page after the country names
  const n = scenarios.length;
  const column = Math.max(
    80,
    Math.floor((width - 2 * PADDING - extent - OVERHANG - (n - 1) * FACET_SPACING) / n),
  );
  const facet = {
    field: 'scenario',
    type: 'nominal',
    title: null,
    sort: scenarios,
    header: { labelAnchor: 'start', labelFontSize: 12, ...headerLabels(scenarios, column) },
  } as const;
  const nCountries = Math.max(...doc.ensembles.map((e) => actorsOfKind(e, 'country').length));
  const end = monthName(first.end);
  const views: ViewSpec[] = [
    {
      title: panelTitle(`(a) Countries (of ${nCountries}) at rung ≥ ${COMPARE_K} and at recognition`),
      data: { name: 'fans' },
      facet: { column: facet },
      spacing: FACET_SPACING,
      bounds: 'flush',
      spec: fanPanel({
        nMonths: first.months.length,
        width: column,
        height: 150,
        series,
        colours: bands.map((b) => COUNT_COLOURS[b.variable]!),
        legend: { title: null },
        y: {
          title: '',
          domain: [0, nCountries],
          axis: { format: FORMATS.count, tickMinStep: 1, minExtent: extent, maxExtent: extent },
        },
        valueFormat: '.1f',
      }),
    },
    {
      title: panelTitle(`(b) Probability of ${rungAtLeast(COMPARE_K)} in ${end}`),
      data: { name: 'ends' },
      facet: { column: facet },
      spacing: FACET_SPACING,
      bounds: 'flush',
      spec: {
        width: column,
        height: { step: 16 },
        encoding: {
          // the countries by bloc, each bloc under its name (a row of its own, in bold)
          y: {
            field: 'row',
            type: 'nominal',
            title: null,
            scale: { domain: rows },
            axis: {
              minExtent: extent,
              maxExtent: extent,
              labelExpr: `indexof(datum.value, '${BLOC_MARK}') === 0 ? substring(datum.value, 1) : datum.value`,
              labelFontWeight: { condition: { test: isBloc, value: 'bold' }, value: 'normal' },
              labelAlign: { condition: { test: isBloc, value: 'left' }, value: 'right' },
              labelPadding: { condition: { test: isBloc, value: extent - 8 }, value: 2 },
              tickOpacity: { condition: { test: isBloc, value: 0 }, value: 1 },
            },
          },
          x: {
            field: 'p',
            type: 'quantitative',
            title: 'Share of runs',
            scale: { domain: [0, 1] },
            axis: { format: FORMATS.share, values: [0, 0.25, 0.5, 0.75, 1], labelFlush: true },
          },
          tooltip: [
            { field: 'scenario', type: 'nominal', title: 'Scenario' },
            { field: 'country', type: 'nominal', title: 'Country' },
            { field: 'bloc', type: 'nominal', title: 'Bloc' },
            { field: 'p', type: 'quantitative', title: `P(rung ≥ ${COMPARE_K})`, format: FORMATS.smallShare },
          ],
        },
        layer: [
          // the colour of the rung ≥ 4 fan above
          { mark: { type: 'bar', height: { band: 0.75 }, color: COUNT_COLOURS.count_ge_4 } },
          // the value at each bar: inside its end where the bar is long enough, else right of it
          {
            transform: [{ filter: `datum.p >= ${INSIDE_FROM}` }],
            mark: { type: 'text', align: 'right', dx: -3, fontSize: 11, color: 'white' },
            encoding: { text: { field: 'label' } },
          },
          {
            transform: [{ filter: `datum.p < ${INSIDE_FROM}` }],
            mark: { type: 'text', align: 'left', dx: 3, fontSize: 11, color: INK },
            encoding: { text: { field: 'label' } },
          },
        ],
      },
    },
  ];
  // the caption: what the panels show, and the medians at the end
  const median = (variable: string) =>
    doc.ensembles
      .map((e) => {
        const b = e.bands.find((x) => x.variable === variable);
        return `${e.scenario} ${b ? short3(b.p50.at(-1)!) : 'n/a'}`;
      })
      .join(', ');
  const description = [
    `Scenarios ${scenarios.join(', ')}, ${doc.runs} runs each, under common random numbers: replication r of every scenario draws the same random numbers, so the differences come from the scenarios, not from chance.`,
    compareStart(doc),
    `(a) The number of countries (of ${nCountries}) at ${rungAtLeast(COMPARE_K)} and at formal recognition, month by month: ${FAN_NOTE}.`,
    `Median in ${end}: at rung ≥ ${COMPARE_K} ${median('count_ge_4')}; recognizing ${median('recognizers')}.`,
    `(b) The share of runs in which each country stands at ${rungAtLeast(COMPARE_K)} in ${end} (its state in that month, not whether it got there at some point), written at each bar; the countries by bloc, in the fixed order of the other charts.`,
  ].join(' ');
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Scenarios compared: engagement and recognition',
      ...studySubtitle(
        [scenarios.join(' vs '), `seed ${doc.seed}`, `${doc.runs} runs each`, comparePeriod(doc)],
        width,
      ),
    ),
    description,
    datasets: { fans, ends },
    vconcat: views,
    spacing: 24,
    // keeps the legend of the fans under them rather than under the whole chart
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- differences

export interface DifferenceDatum {
  /** the outcome's text, which picks its panel */
  outcome: string;
  /** y label, two lines: 'isk-surge\n82% vs 70% in baseline' */
  row: string;
  scenario: string;
  reference: string;
  reference_mean: number;
  scenario_mean: number;
  difference: number;
  lo: number;
  hi: number;
  direction: string;
}

/** Room (px) between the frame of a difference panel and the farthest of 0 and the intervals' ends. */
export const ZERO_ROOM = 16;
const DIRECTIONS = ['higher than the reference', 'lower than the reference', 'interval includes 0'];
const DIRECTION_COLOURS = [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1], GREY];
/** Tick labels of a difference axis: 0 unsigned; probabilities in percentage points. Three significant
 * digits with trailing zeros dropped, so nice ticks never print alike (no '+1 pp, +1 pp'). */
const PP_LABELS = "datum.value === 0 ? '0' : format(100 * datum.value, '+.3~r') + ' pp'";
const NUMBER_LABELS = "datum.value === 0 ? '0' : format(datum.value, '+.3~r')";

/** An outcome whose values are shares of 0–1, written in % and its differences in percentage points: an
 * event (its mean is a share of runs) or a faction's power share ('power_kandahar@2030-12'). */
export function shareOutcome(o: OutcomeRef): boolean {
  return o.binary || /^power_\w+(@\S*)?$/.test(o.text.trim());
}

/** An outcome's mean as its panel writes it: outcomeValue, a power share as '71.5%' (3 significant
 * digits: power shares differ by less than a point). */
export function meanText(x: number, o: OutcomeRef): string {
  return !o.binary && shareOutcome(o) ? `${short3(100 * x)}%` : outcomeValue(x, o.binary);
}

/** The title of an outcome's difference panel, saying what is compared: 'Probability of 1 or more
 * countries at formal recognition in Dec 2030' (an event), 'Mean number of countries at …' (a count),
 * 'Mean power share of …' (any other number). */
export function differenceTitle(o: OutcomeRef): string {
  const text = outcomeText(o.label);
  if (o.binary)
    return /^(\d|more than|at most|fewer than|exactly)|[≥≤<>=]/.test(text)
      ? `Probability of ${text}`
      : `Probability: ${text}`;
  return /^(Western )?countries\b/i.test(text) ? `Mean number of ${text}` : outcomeTitle(`mean ${text}`);
}

/** '+7.5 pp [−0.8, +15.8]' or '+0.325 [−0.0423, +0.692]'. */
export function differenceText(d: { difference: number; lo: number; hi: number }, binary: boolean): string {
  const f = (x: number) => {
    const s = binary ? short3(100 * x) : sig3(x);
    return x > 0 ? `+${s}` : s;
  };
  return `${f(d.difference)}${binary ? ' pp' : ''} [${f(d.lo)}, ${f(d.hi)}]`;
}

/** The measure an outcome reads, without its comparison: 'recognizers@2030-12 >= 1' → 'recognizers@2030-12'. */
const measureOf = (o: OutcomeRef) => o.text.replace(/\s*(>=|<=|==|!=|>|<|=).*$/, '').trim();

/** A sentence for each measure drawn twice, as an event and as a number, telling the two panels apart;
 * '' when there is none. */
function pairs(outcomes: OutcomeRef[]): string {
  const numbers = new Map(outcomes.filter((o) => !o.binary).map((o) => [measureOf(o), o]));
  return outcomes
    .filter((o) => o.binary && numbers.has(measureOf(o)))
    .map((o) => {
      const n = numbers.get(measureOf(o))!;
      const mean = differenceTitle(n);
      return `“${differenceTitle(o)}” and “${mean}” read the same measure: the first is the share of runs with ${outcomeText(o.label)} (in pp), the second the ${mean.charAt(0).toLowerCase()}${mean.slice(1)} over the runs, so a scenario can move one and hardly the other.`;
    })
    .join(' ');
}

/**
 * Each outcome's paired difference (scenario − reference) with its 95% interval: one panel per outcome
 * (outcomes have their own units), one row per scenario, labelled with both means. Data: dataset
 * `differences` (DifferenceDatum), each panel filtering its outcome.
 */
export function compareDifferencesChart(doc: CompareDoc, opts: ChartOptions = {}): TopLevelSpec {
  const outcomes = distinctOutcomes(doc.differences.map((d) => d.outcome));
  if (outcomes.length === 0) throw new RangeError('compare-differences: the document has no differences');
  const width = widthOf(opts);
  const differences: DifferenceDatum[] = doc.differences.map((d) => ({
    outcome: d.outcome.text,
    row: `${d.scenario}\n${meanText(d.scenario_mean, d.outcome)} vs ${meanText(d.reference_mean, d.outcome)} in ${d.reference}`,
    scenario: d.scenario,
    reference: d.reference,
    reference_mean: d.reference_mean,
    scenario_mean: d.scenario_mean,
    difference: d.difference,
    lo: d.lo,
    hi: d.hi,
    direction: DIRECTIONS[d.lo > 0 ? 0 : d.hi < 0 ? 1 : 2]!,
  }));
  // the labels' extent from the scenario names and the longest means line there can be ('−0.0423 vs
  // −0.0423 in baseline': 7 characters a mean), so it does not depend on the values
  const widest = 'x'.repeat(7);
  const extent = nameAxisExtent([
    ...doc.differences.map((d) => d.scenario),
    ...doc.differences.map((d) => `${widest} vs ${widest} in ${d.reference}`),
  ]);
  const plot = Math.max(160, width - 2 * PADDING - extent - OVERHANG);
  const colour = {
    field: 'direction',
    type: 'nominal',
    title: 'Paired difference',
    scale: { domain: DIRECTIONS, range: DIRECTION_COLOURS },
    // two entries a line where the plot is wide enough for them (it starts the legend)
    legend: { orient: 'bottom', direction: 'horizontal', columns: plot >= 360 ? 2 : 1 },
  } as const;
  // a tick about every 75 px (a hint: d3 picks nice steps), and none drawn over another
  const tickCount = Math.max(3, Math.round(plot / 75));
  const views: ViewSpec[] = outcomes.map((o) => {
    const pp = shareOutcome(o);
    const format = pp ? '+.2%' : '+.3r';
    const valueFormat = pp ? FORMATS.smallShare : FORMATS.score;
    const x = (field: string) =>
      ({
        field,
        type: 'quantitative',
        title: pp ? 'Difference (percentage points)' : 'Difference (scenario − reference)',
        // 0 (the dashed rule) is always in the domain, and padding keeps it off the frame
        scale: { zero: true, nice: false, padding: ZERO_ROOM },
        // a label within this many px of an end is aligned flush with it (the domain is not nice: its
        // ends need not be ticks), so none overhangs the page
        axis: {
          tickCount,
          labelExpr: pp ? PP_LABELS : NUMBER_LABELS,
          labelFlush: 30,
          // a flush end label can come close to its neighbour: keep a gap, or drop it
          labelOverlap: 'greedy',
          labelSeparation: 8,
        },
      }) as const;
    const y = {
      field: 'row',
      type: 'nominal',
      title: null,
      sort: null,
      axis: {
        minExtent: extent,
        maxExtent: extent,
        // no limit: the lines fit the extent, and a limit would apply to both lines as one
        labelLimit: 0,
        labelExpr: "split(datum.value, '\\n')",
      },
    } as const;
    return {
      title: panelTitle(differenceTitle(o)),
      data: { name: 'differences' },
      transform: [{ filter: { field: 'outcome', equal: o.text } }],
      width: plot,
      height: { step: 36 },
      layer: [
        {
          mark: REFERENCE_RULE,
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        {
          mark: { type: 'rule', strokeWidth: 2.5 },
          encoding: { y, x: x('lo'), x2: { field: 'hi' }, color: colour },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y,
            x: x('difference'),
            color: colour,
            tooltip: [
              { field: 'scenario', type: 'nominal', title: 'Scenario' },
              { field: 'reference', type: 'nominal', title: 'Reference' },
              { field: 'scenario_mean', type: 'quantitative', title: 'Scenario mean', format: valueFormat },
              { field: 'reference_mean', type: 'quantitative', title: 'Reference mean', format: valueFormat },
              { field: 'difference', type: 'quantitative', title: 'Difference', format },
              { field: 'lo', type: 'quantitative', title: '95% interval from', format },
              { field: 'hi', type: 'quantitative', title: '95% interval to', format },
            ],
          },
        },
        {
          // a short cap at each end of the interval, so that it visibly ends (inside the padded domain)
          transform: [{ fold: ['lo', 'hi'], as: ['end', 'bound'] }],
          mark: { type: 'tick', orient: 'vertical', size: 10, thickness: 2.5 },
          encoding: { y, x: x('bound'), color: colour },
        },
      ],
    };
  });
  const references = [...new Set(doc.differences.map((d) => d.reference))];
  const clear = doc.differences.filter((d) => d.lo > 0 || d.hi < 0);
  const findings = clear.length
    ? `Differences whose interval excludes 0: ${clear
        .map(
          (d) =>
            `${outcomeText(d.outcome.label)}, ${d.scenario} ${differenceText(d, shareOutcome(d.outcome))} (95% interval)`,
        )
        .join('; ')}.`
    : 'No difference is clear of 0: every 95% interval includes it.';
  const description = [
    compareStart(doc),
    `The paired difference of each outcome, scenario minus reference (${references.join(', ')}), over ${doc.runs} runs per scenario paired by common random numbers (replication r of every scenario draws the same random numbers).`,
    'Dot: the mean difference; line: its 95% interval; dashed rule: no difference. Blue: the interval lies above 0, orange: below 0, grey: it includes 0.',
    'A “Probability of …” panel compares the share of runs in which an event holds, a “Mean …” panel the mean of a number over the runs; the labels give the scenario’s value beside the reference’s (one decimal under 10% and over 90%), and differences of shares (events, power shares) are in percentage points (pp).',
    pairs(outcomes),
    findings,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'How the scenarios differ from the reference',
      ...studySubtitle(
        [
          `reference: ${references.join(', ')}`,
          `seed ${doc.seed}`,
          `${doc.runs} runs per scenario, paired`,
          comparePeriod(doc),
        ].filter(Boolean),
        width,
      ),
    ),
    description,
    datasets: { differences },
    vconcat: views,
    spacing: 18,
    config: baseConfig(),
  };
}
