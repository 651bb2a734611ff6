// Vega-Lite spec builders for the studies: scenarios compared under common random numbers (CompareDoc),
// sensitivity indices (SensitivityDoc) and PRIM scenario discovery (DiscoverDoc).
// Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { CompareDoc, DiscoverDoc, OutcomeRef, SensitivityDoc } from '../ensemble/docs.js';
import { COUNT_COLOURS, endProbabilities, ensembleCountryOrder } from './ensemble.js';
import { bandsOf, fanData, fanPanel, requireBands } from './fan.js';
import {
  actorsOfKind,
  baseConfig,
  blocLabel,
  CATEGORY_COLOURS,
  chartTitle,
  FAN_NOTE,
  GREY,
  INK,
  type LayerPanel,
  monthName,
  nameAxisExtent,
  panelTitle,
  rungAtLeast,
  SCHEMA,
  type ViewSpec,
} from './style.js';

/** The rung of the comparison's per-country panel and count fan: diplomatic presence. */
const COMPARE_K = 4;
const COMPARE_COUNTS = ['count_ge_4', 'recognizers'];
const FACET_SPACING = 24;
/** A dashed line at a reference value: no difference, the base rate. */
const REFERENCE_RULE = { type: 'rule' as const, color: '#888888', strokeDash: [4, 3] };

/** A share as a percentage, or a number to 3 significant digits (whole from 100 on): '42%', '0.739'. */
function formatValue(x: number, binary: boolean): string {
  if (binary) return `${Math.round(100 * x)}%`;
  return String(Math.abs(x) >= 100 ? Math.round(x) : +x.toPrecision(3));
}

/** The outcomes of a list, each once, in order of first appearance (by their text). */
function distinctOutcomes(outcomes: OutcomeRef[]): OutcomeRef[] {
  return [...new Map(outcomes.map((o) => [o.text, o])).values()];
}

// ---------------------------------------------------------------------------------------------- compare

export interface CompareEndDatum {
  scenario: string;
  country: string;
  bloc: string;
  /** share of the scenario's runs in which the country stands at rung ≥ 4 in the end month */
  p: number;
}

/**
 * Scenarios side by side, one column each: (a) fans of the countries at rung ≥ 4 and of the formal
 * recognizers, (b) each country's probability of rung ≥ 4 in the end month.
 */
export function compareChart(doc: CompareDoc): TopLevelSpec {
  const first = doc.ensembles[0];
  if (!first) throw new RangeError('compare: the document has no ensembles to chart');
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
  const countries = ensembleCountryOrder(first);
  const ends: CompareEndDatum[] = doc.ensembles.flatMap((e) => {
    const end = endProbabilities(e);
    return countries.map((c) => ({
      scenario: e.scenario,
      country: c.name,
      bloc: blocLabel(c),
      p: end.get(c.id)?.[COMPARE_K] ?? 0,
    }));
  });
  const names = countries.map((c) => c.name);
  const extent = nameAxisExtent(names);
  const width = Math.max(150, Math.min(260, Math.floor(640 / scenarios.length)));
  const column = {
    field: 'scenario',
    type: 'nominal',
    title: null,
    sort: scenarios,
    header: { labelAnchor: 'start', labelFontSize: 13 },
  } as const;
  const nCountries = Math.max(...doc.ensembles.map((e) => actorsOfKind(e, 'country').length));
  const views: ViewSpec[] = [
    {
      title: panelTitle(`(a) Countries at rung ≥ ${COMPARE_K} and formal recognizers, of ${nCountries}`),
      data: { values: fans },
      facet: { column },
      spacing: FACET_SPACING,
      bounds: 'flush',
      spec: fanPanel({
        nMonths: first.months.length,
        width,
        height: 170,
        series,
        colours: bands.map((b) => COUNT_COLOURS[b.variable]!),
        legend: { title: null },
        y: {
          title: 'Countries',
          domain: [0, nCountries],
          axis: { format: 'd', tickMinStep: 1, minExtent: extent, maxExtent: extent },
        },
        valueFormat: '.1f',
      }),
    },
    {
      title: panelTitle(`(b) Probability of ${rungAtLeast(COMPARE_K)} in ${monthName(first.end)}`),
      data: { values: ends },
      facet: { column },
      spacing: FACET_SPACING,
      bounds: 'flush',
      spec: {
        width,
        height: { step: 14 },
        // the colour of the rung ≥ 4 fan above
        mark: { type: 'bar', height: { band: 0.75 }, color: COUNT_COLOURS.count_ge_4 },
        encoding: {
          y: {
            field: 'country',
            type: 'nominal',
            title: 'Country',
            sort: names,
            axis: { minExtent: extent, maxExtent: extent },
          },
          x: {
            field: 'p',
            type: 'quantitative',
            title: 'Share of runs',
            scale: { domain: [0, 1] },
            axis: { format: '.0%', tickCount: 4 },
          },
          tooltip: [
            { field: 'scenario', type: 'nominal', title: 'Scenario' },
            { field: 'country', type: 'nominal', title: 'Country' },
            { field: 'bloc', type: 'nominal', title: 'Bloc' },
            { field: 'p', type: 'quantitative', title: `P(rung ≥ ${COMPARE_K})`, format: '.1%' },
          ],
        },
      },
    },
  ];
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'Scenarios compared: engagement and recognition',
      `${scenarios.join(' · ')} · seed ${doc.seed} · ${doc.runs} runs each under common random numbers · ${first.start} to ${first.end}`,
      FAN_NOTE,
    ),
    vconcat: views,
    spacing: 28,
    // keeps the legend of the fans under them rather than under the whole chart
    resolve: { scale: { color: 'independent' } },
    config: baseConfig(),
  };
}

export interface DifferenceDatum {
  /** y label: 'isk-surge: 55% vs 42% in baseline' */
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

const DIRECTIONS = ['higher than the reference', 'lower than the reference', 'interval includes 0'];
const DIRECTION_COLOURS = [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1], GREY];

/**
 * Each outcome's paired difference (scenario − reference) with its 95% interval: one panel per outcome
 * (outcomes have their own units), one row per scenario, labelled with both means.
 */
export function compareDifferencesChart(doc: CompareDoc): TopLevelSpec {
  const outcomes = distinctOutcomes(doc.differences.map((d) => d.outcome));
  if (outcomes.length === 0) throw new RangeError('compare-differences: the document has no differences');
  const rowsOf = (o: OutcomeRef): DifferenceDatum[] =>
    doc.differences
      .filter((d) => d.outcome.text === o.text)
      .map((d) => ({
        row: `${d.scenario}: ${formatValue(d.scenario_mean, o.binary)} vs ${formatValue(d.reference_mean, o.binary)} in ${d.reference}`,
        scenario: d.scenario,
        reference: d.reference,
        reference_mean: d.reference_mean,
        scenario_mean: d.scenario_mean,
        difference: d.difference,
        lo: d.lo,
        hi: d.hi,
        direction: DIRECTIONS[d.lo > 0 ? 0 : d.hi < 0 ? 1 : 2]!,
      }));
  const rows = outcomes.map(rowsOf);
  const extent = nameAxisExtent(rows.flat().map((r) => r.row));
  const colour = {
    field: 'direction',
    type: 'nominal',
    title: 'Paired difference',
    scale: { domain: DIRECTIONS, range: DIRECTION_COLOURS },
    legend: { orient: 'bottom', direction: 'horizontal' },
  } as const;
  const views: ViewSpec[] = outcomes.map((o, i) => {
    const values = rows[i]!;
    const format = o.binary ? '+.1%' : '+.3~g';
    // differences of probabilities in percentage points, with as many decimals as the span needs and
    // ticks never finer than they show (no repeated labels); 0 without a sign
    const span = 100 * (Math.max(0, ...values.map((v) => v.hi)) - Math.min(0, ...values.map((v) => v.lo)));
    const decimals = span >= 6 ? 0 : span >= 0.6 ? 1 : 2;
    const labelExpr = `datum.value === 0 ? '0' : ${o.binary ? `format(100 * datum.value, '+.${decimals}f') + ' pp'` : `format(datum.value, '${format}')`}`;
    const x = (field: string) =>
      ({
        field,
        type: 'quantitative',
        title: o.binary
          ? 'Difference in probability (percentage points)'
          : 'Difference (scenario − reference)',
        axis: { tickCount: 6, labelExpr, ...(o.binary ? { tickMinStep: 10 ** -decimals / 100 } : {}) },
      }) as const;
    const y = {
      field: 'row',
      type: 'nominal',
      title: null,
      sort: values.map((v) => v.row),
      axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
    } as const;
    const valueFormat = o.binary ? '.1%' : '.3~g';
    return {
      title: panelTitle(o.label),
      data: { values },
      width: 360,
      height: { step: 28 },
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
      ],
    };
  });
  const references = [...new Set(doc.differences.map((d) => d.reference))];
  return {
    $schema: SCHEMA,
    title: chartTitle(
      'How the scenarios differ from the reference',
      `reference: ${references.join(', ')} · seed ${doc.seed} · ${doc.runs} runs per scenario, paired by common random numbers`,
      'dot: mean paired difference (scenario − reference) · line: its 95% interval · dashed: no difference',
    ),
    vconcat: views,
    spacing: 20,
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- sensitivity

export interface MorrisDatum {
  outcome: string;
  factor: string;
  describe: string;
  mu_star: number;
  lo: number;
  hi: number;
  sigma: number;
}

export interface SobolDatum {
  outcome: string;
  factor: string;
  describe: string;
  index: string;
  value: number;
  lo: number;
  hi: number;
  /** the factor's total index, to sort factors by */
  st: number;
}

const SOBOL_INDICES = ['S1 (first order)', 'ST (total, with interactions)'];

function required(x: number | undefined, what: string): number {
  if (x === undefined || !Number.isFinite(x)) throw new RangeError(`sensitivity: ${what} is missing`);
  return x;
}

/**
 * Morris: μ* of each factor (bars, sorted) with its bootstrap interval and σ (◆). Sobol: S1 and ST of
 * each factor side by side with their intervals. One panel per outcome.
 */
export function sensitivityChart(doc: SensitivityDoc): TopLevelSpec {
  if (doc.outcomes.length === 0) throw new RangeError('sensitivity: the document has no outcomes');
  const describe = new Map(doc.factors.map((f) => [f.path, f.describe]));
  const morris = doc.method === 'morris';
  const panels = doc.outcomes.map(({ outcome, indices }) =>
    indices.flatMap((ix): (MorrisDatum | SobolDatum)[] => {
      const base = { outcome: outcome.label, factor: ix.factor, describe: describe.get(ix.factor) ?? '' };
      const what = (name: string) => `${name} of '${ix.factor}' for '${outcome.label}'`;
      if (morris)
        return [
          {
            ...base,
            mu_star: required(ix.mu_star, what('mu_star')),
            lo: required(ix.mu_star_lo, what('mu_star_lo')),
            hi: required(ix.mu_star_hi, what('mu_star_hi')),
            sigma: required(ix.sigma, what('sigma')),
          },
        ];
      const st = required(ix.st, what('st'));
      return [
        {
          ...base,
          index: SOBOL_INDICES[0]!,
          value: required(ix.s1, what('s1')),
          lo: required(ix.s1_lo, what('s1_lo')),
          hi: required(ix.s1_hi, what('s1_hi')),
          st,
        },
        {
          ...base,
          index: SOBOL_INDICES[1]!,
          value: st,
          lo: required(ix.st_lo, what('st_lo')),
          hi: required(ix.st_hi, what('st_hi')),
          st,
        },
      ];
    }),
  );
  const factorTooltip = [
    { field: 'factor', type: 'nominal', title: 'Factor' },
    { field: 'describe', type: 'nominal', title: 'Varied over' },
  ] as const;
  // the same label extent in every panel lines the plots up
  const extent = Math.min(280, nameAxisExtent(panels.flat().map((v) => v.factor)));
  const y = {
    field: 'factor',
    type: 'nominal',
    title: null,
    sort: { field: morris ? 'mu_star' : 'st', op: 'max', order: 'descending' },
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
  const interval = { type: 'rule', color: INK, strokeWidth: 1.5 } as const;
  const spec: LayerPanel = morris
    ? {
        width: 420,
        height: { step: 22 },
        encoding: { y },
        layer: [
          {
            mark: { type: 'bar', color: CATEGORY_COLOURS[0], height: { band: 0.7 } },
            encoding: {
              x: { field: 'mu_star', type: 'quantitative', title: 'μ* (mean absolute elementary effect)' },
              tooltip: [
                ...factorTooltip,
                { field: 'mu_star', type: 'quantitative', title: 'μ*', format: '.3~g' },
                { field: 'lo', type: 'quantitative', title: 'μ* 95% interval from', format: '.3~g' },
                { field: 'hi', type: 'quantitative', title: 'μ* 95% interval to', format: '.3~g' },
                { field: 'sigma', type: 'quantitative', title: 'σ', format: '.3~g' },
              ],
            },
          },
          { mark: interval, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
          {
            mark: {
              type: 'point',
              shape: 'diamond',
              filled: true,
              size: 80,
              opacity: 1,
              color: CATEGORY_COLOURS[1],
              stroke: 'white',
              strokeWidth: 0.8,
            },
            encoding: {
              x: { field: 'sigma', type: 'quantitative' },
              tooltip: [
                ...factorTooltip,
                { field: 'sigma', type: 'quantitative', title: 'σ', format: '.3~g' },
              ],
            },
          },
        ],
      }
    : {
        width: 420,
        height: { step: 28 },
        encoding: {
          y,
          yOffset: { field: 'index', type: 'nominal', sort: SOBOL_INDICES },
          color: {
            field: 'index',
            type: 'nominal',
            title: 'Sobol index',
            scale: { domain: SOBOL_INDICES, range: [CATEGORY_COLOURS[5], CATEGORY_COLOURS[0]] },
            legend: { orient: 'bottom' },
          },
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.85 } },
            encoding: {
              x: { field: 'value', type: 'quantitative', title: 'Share of the outcome’s variance' },
              tooltip: [
                ...factorTooltip,
                { field: 'index', type: 'nominal', title: 'Index' },
                { field: 'value', type: 'quantitative', title: 'Estimate', format: '.3f' },
                { field: 'lo', type: 'quantitative', title: '95% interval from', format: '.3f' },
                { field: 'hi', type: 'quantitative', title: '95% interval to', format: '.3f' },
              ],
            },
          },
          {
            mark: interval,
            encoding: {
              x: { field: 'lo', type: 'quantitative' },
              x2: { field: 'hi' },
              color: { value: INK },
            },
          },
        ],
      };
  return {
    $schema: SCHEMA,
    title: chartTitle(
      morris ? 'Which parameters matter? Morris screening' : 'Which parameters matter? Sobol indices',
      `${doc.scenario} · seed ${doc.seed} · ${doc.points} design points × ${doc.runs} runs · ${doc.factors.length} factors`,
      morris
        ? 'bar: μ*, the mean absolute effect of a factor (ranks importance) · line: 95% bootstrap interval · orange ◆: σ, the spread of the effects (interactions, non-linearity)'
        : 'S1: share of the variance due to the factor alone · ST: with its interactions · line: 95% interval',
    ),
    // one panel per outcome (facets with independent, sorted y scales over layers upset vega-lite)
    vconcat: panels.map((values, i) => ({
      title: panelTitle(doc.outcomes[i]!.outcome.label),
      data: { values },
      ...spec,
    })),
    spacing: 20,
    // Morris effects are in each outcome's own units; Sobol indices are shares on one scale
    resolve: { scale: { x: morris ? 'independent' : 'shared' } },
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- discover

export interface TrajectoryDatum {
  step: number;
  coverage: number;
  density: number;
  n: number;
  /** restricted dimensions of the box */
  dims: number;
  /** the box bounds, in words */
  box: string;
  chosen: boolean;
}

/** A number in its own units, for box bounds: up to 3 decimals. */
const bound = (x: number) => String(+x.toFixed(3));

/** 'path 0.2–0.8', 'path ≥ 0.2', 'path ≤ 0.8' or 'path ∈ {true}'. */
export function describeBound(b: DiscoverDoc['trajectory'][number]['box'][number]): string {
  if (b.values) return `${b.path} ∈ {${b.values.join(', ')}}`;
  if (b.lo !== undefined && b.hi !== undefined) return `${b.path} ${bound(b.lo)}–${bound(b.hi)}`;
  if (b.lo !== undefined) return `${b.path} ≥ ${bound(b.lo)}`;
  if (b.hi !== undefined) return `${b.path} ≤ ${bound(b.hi)}`;
  return `${b.path} unrestricted`;
}

/** PRIM's peeling trajectory: coverage against density step by step, the chosen box ringed and named. */
export function discoverChart(doc: DiscoverDoc): TopLevelSpec {
  const chosen = doc.trajectory[doc.chosen];
  if (!chosen)
    throw new RangeError(
      `discover: chosen box ${doc.chosen} is not a step of the trajectory (0..${doc.trajectory.length - 1})`,
    );
  const values: TrajectoryDatum[] = doc.trajectory.map((t, i) => ({
    step: t.step,
    coverage: t.coverage,
    density: t.density,
    n: t.n,
    dims: t.box.length,
    box: t.box.length ? t.box.map(describeBound).join('; ') : 'all design points',
    chosen: i === doc.chosen,
  }));
  const dims = [...new Set(values.map((v) => v.dims))].sort((a, b) => a - b);
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  const share = (field: string, title: string) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
    axis: { format: '.0%', tickCount: 5 },
  });
  const x = share('coverage', 'Coverage: share of all cases of interest inside the box');
  const densityTitle = 'Density: share of the box that are cases';
  const tooltip = [
    { field: 'step', type: 'quantitative', title: 'Step' },
    { field: 'coverage', type: 'quantitative', title: 'Coverage', format: '.1%' },
    { field: 'density', type: 'quantitative', title: 'Density', format: '.1%' },
    { field: 'n', type: 'quantitative', title: 'Design points in the box' },
    { field: 'dims', type: 'quantitative', title: 'Restricted factors' },
    { field: 'box', type: 'nominal', title: 'Box' },
  ] as const;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Scenario discovery (PRIM): when does '${doc.outcome.label}' happen?`,
      `${doc.scenario} · seed ${doc.seed} · ${doc.points} design points × ${doc.runs} runs · base rate ${pct(doc.base_rate)}`,
      `chosen box (step ${chosen.step}): coverage ${pct(chosen.coverage)} · density ${pct(chosen.density)} · ${chosen.n} design points`,
      `restricted: ${values[doc.chosen]!.box}`,
    ),
    width: 460,
    height: 400,
    layer: [
      {
        data: { values: [{ base_rate: doc.base_rate, label: `base rate ${pct(doc.base_rate)}` }] },
        layer: [
          {
            mark: REFERENCE_RULE,
            encoding: {
              y: share('base_rate', densityTitle),
              tooltip: [{ field: 'base_rate', type: 'quantitative', title: 'Base rate', format: '.1%' }],
            },
          },
          {
            mark: {
              type: 'text',
              align: 'left',
              baseline: 'bottom',
              dx: 4,
              dy: -2,
              fontSize: 11,
              color: '#555555',
            },
            encoding: {
              x: { datum: 0, type: 'quantitative', scale: { domain: [0, 1] } },
              y: share('base_rate', densityTitle),
              text: { field: 'label' },
            },
          },
        ],
      },
      {
        data: { values },
        encoding: { x, y: share('density', densityTitle) },
        layer: [
          {
            mark: { type: 'line', color: GREY, strokeWidth: 1.5 },
            encoding: { order: { field: 'step', type: 'quantitative' }, tooltip: [tooltip[0]] },
          },
          {
            mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 0.5 },
            encoding: {
              color: {
                field: 'dims',
                type: 'ordinal',
                title: 'Restricted factors',
                sort: dims,
                scale: { scheme: { name: 'viridis', extent: [0.9, 0.1] } },
                legend: { orient: 'right' },
              },
              tooltip: [...tooltip],
            },
          },
          {
            transform: [{ filter: 'datum.chosen' }],
            mark: { type: 'point', size: 320, strokeWidth: 2, color: INK, opacity: 1 },
            encoding: { tooltip: [...tooltip] },
          },
          {
            transform: [{ filter: 'datum.chosen' }],
            // on the side with room: left of a box that covers most cases (it sits near the right
            // edge, beside the legend), right of one that does not
            mark: {
              type: 'text',
              align: chosen.coverage > 0.5 ? 'right' : 'left',
              dx: chosen.coverage > 0.5 ? -14 : 14,
              dy: -10,
              fontSize: 12,
              fontWeight: 'bold',
              color: INK,
            },
            encoding: { text: { value: `chosen box (step ${chosen.step})` } },
          },
        ],
      },
    ],
    config: baseConfig(),
  };
}
