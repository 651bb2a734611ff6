// Vega-Lite spec builders for the studies over a scenario's factors: sensitivity indices (SensitivityDoc,
// Morris or Sobol) and PRIM scenario discovery (DiscoverDoc). The comparisons of scenarios are in
// compare.ts. Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { DiscoverDoc, SensitivityDoc } from '../ensemble/docs.js';
import { REFERENCE_RULE, short3, studySubtitle } from './compare.js';
import {
  baseConfig,
  CATEGORY_COLOURS,
  type ChartOptions,
  FORMATS,
  GREY,
  INK,
  INK_GREY,
  type LayerPanel,
  nameAxisExtent,
  panelTitle,
  SCHEMA,
  shareText,
  sig3,
  type ViewSpec,
  widthOf,
  wrapLines,
} from './style.js';

/** One layer of a layered panel. */
type Layer = LayerPanel['layer'][number];

/** The padding of baseConfig on each side (px). */
const PADDING = 12;
/** Room on the right for the half of the last x-axis label that overhangs the plot (px). */
const OVERHANG = 14;

/** A chart title whose text wraps (bold 16 px) and subtitle lines under it. */
function wrappedTitle(text: string, width: number, subtitle: string[]) {
  const lines = wrapLines(text, width - 2 * PADDING, 18);
  return {
    text: lines.length === 1 ? lines[0]! : lines,
    subtitle: subtitle.length === 1 ? subtitle[0]! : subtitle,
  };
}

// ---------------------------------------------------------------------------------------------- sensitivity

export interface MorrisDatum {
  /** the outcome's text, which picks its panel */
  outcome: string;
  factor: string;
  describe: string;
  mu_star: number;
  lo: number;
  hi: number;
  sigma: number;
  /** the outcome is the same at every design point (no σ diamonds in its panel) */
  still: boolean;
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
  /** the 95% interval is too wide to read the index (SOBOL_UNRELIABLE) */
  unreliable: boolean;
  /** the interval's legend entry: SOBOL_READINGS */
  reading: string;
}

/** A note over the panel of an outcome that has one: the outcome does not vary over the design. */
export interface PanelNote {
  outcome: string;
  note: string;
}

const SOBOL_INDICES = ['S1 (first order)', 'ST (total, with interactions)'];
/** When a Sobol index cannot be read: its 95% interval is wider than `width` or reaches outside [lo, hi]
 * (the rule of src/ensemble/study.ts SOBOL_UNRELIABLE, for documents without an `unreliable` list). */
export const UNRELIABLE = { width: 0.2, lo: -0.05, hi: 1.05 } as const;
const RANGE = `[${short3(UNRELIABLE.lo)}, ${UNRELIABLE.hi}]`;
export const SOBOL_READINGS = ['95% interval', 'interval too wide to read'];
/** The opacity of the bar of an index too uncertain to read. */
const PALE = 0.4;
/** Sobol indices are drawn within these bounds (raw values beyond them end in a triangle at the edge),
 * so one wild estimate cannot squeeze the others into slivers; the axis is [0, 1] when all lie in it. */
export const SOBOL_DRAWN = { lo: -0.2, hi: 1.2 } as const;

function required(x: number | undefined, what: string): number {
  if (x === undefined || !Number.isFinite(x)) throw new RangeError(`sensitivity: ${what} is missing`);
  return x;
}

/** The key of one Sobol index in the set unreliableIndices returns. */
export const unreliableKey = (outcome: string, factor: string, index: 's1' | 'st') =>
  `${outcome}\u0000${factor}\u0000${index}`;

/** The Sobol indices whose interval is too wide to read: the document's list, or by the same rule. */
export function unreliableIndices(doc: SensitivityDoc): Set<string> {
  if (doc.unreliable) return new Set(doc.unreliable.map((u) => unreliableKey(u.outcome, u.factor, u.index)));
  const out = new Set<string>();
  for (const o of doc.outcomes)
    for (const ix of o.indices)
      for (const index of ['s1', 'st'] as const) {
        const lo = ix[`${index}_lo`];
        const hi = ix[`${index}_hi`];
        if (lo === undefined || hi === undefined) continue;
        if (hi - lo > UNRELIABLE.width || lo < UNRELIABLE.lo || hi > UNRELIABLE.hi)
          out.add(unreliableKey(o.outcome.text, ix.factor, index));
      }
  return out;
}

/**
 * Morris: μ* of each factor (bars, sorted) with its bootstrap interval and σ (◆), each outcome on its own
 * axis. Sobol: S1 and ST of each factor side by side with their intervals, on one axis ([0, 1] unless an
 * estimate lies outside it), the intervals too wide to read drawn pale and dashed. One panel per outcome.
 * Data: datasets `indices` (MorrisDatum or SobolDatum) and `notes` (PanelNote), each panel filtering
 * its outcome.
 */
export function sensitivityChart(doc: SensitivityDoc, opts: ChartOptions = {}): TopLevelSpec {
  if (doc.outcomes.length === 0) throw new RangeError('sensitivity: the document has no outcomes');
  const width = widthOf(opts);
  const describe = new Map(doc.factors.map((f) => [f.path, f.describe]));
  const morris = doc.method === 'morris';
  const shaky = morris ? new Set<string>() : unreliableIndices(doc);
  // an outcome that does not vary over the design has nothing to apportion: every index is 0
  const still = doc.outcomes.filter((o) =>
    o.indices.every((ix) =>
      morris
        ? ix.mu_star === 0 && ix.sigma === 0
        : [ix.s1, ix.s1_lo, ix.s1_hi, ix.st, ix.st_lo, ix.st_hi].every((x) => x === 0),
    ),
  );
  const stillTexts = new Set(still.map((o) => o.outcome.text));
  const indices = doc.outcomes.flatMap(({ outcome, indices }) =>
    indices.flatMap((ix): (MorrisDatum | SobolDatum)[] => {
      const base = { outcome: outcome.text, factor: ix.factor, describe: describe.get(ix.factor) ?? '' };
      const what = (name: string) => `${name} of '${ix.factor}' for '${outcome.label}'`;
      if (morris)
        return [
          {
            ...base,
            mu_star: required(ix.mu_star, what('mu_star')),
            lo: required(ix.mu_star_lo, what('mu_star_lo')),
            hi: required(ix.mu_star_hi, what('mu_star_hi')),
            sigma: required(ix.sigma, what('sigma')),
            still: stillTexts.has(outcome.text),
          },
        ];
      const st = required(ix.st, what('st'));
      const sobol = (i: 0 | 1, value: number, lo: number, hi: number): SobolDatum => {
        const unreliable = shaky.has(unreliableKey(outcome.text, ix.factor, i === 0 ? 's1' : 'st'));
        return {
          ...base,
          index: SOBOL_INDICES[i]!,
          value,
          lo,
          hi,
          st,
          unreliable,
          reading: SOBOL_READINGS[unreliable ? 1 : 0]!,
        };
      };
      return [
        sobol(
          0,
          required(ix.s1, what('s1')),
          required(ix.s1_lo, what('s1_lo')),
          required(ix.s1_hi, what('s1_hi')),
        ),
        sobol(1, st, required(ix.st_lo, what('st_lo')), required(ix.st_hi, what('st_hi'))),
      ];
    }),
  );
  const notes: PanelNote[] = still.map((o) => ({
    outcome: o.outcome.text,
    note: 'the same at every design point: every index is 0',
  }));
  const factorTooltip = [
    { field: 'factor', type: 'nominal', title: 'Factor' },
    { field: 'describe', type: 'nominal', title: 'Varied over' },
  ] as const;
  // the same label extent in every panel lines the plots up
  const extent = Math.min(280, nameAxisExtent(doc.factors.map((f) => f.path)));
  const plot = Math.max(160, width - 2 * PADDING - extent - OVERHANG);
  const y = {
    field: 'factor',
    type: 'nominal',
    title: null,
    sort: { field: morris ? 'mu_star' : 'st', op: 'max', order: 'descending' },
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
  const note = (outcome: string): Layer => ({
    data: { name: 'notes' },
    transform: [{ filter: { field: 'outcome', equal: outcome } }],
    mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 11, color: INK_GREY },
    encoding: { x: { value: 6 }, y: { value: 4 }, text: { field: 'note' } },
  });
  const interval = { type: 'rule', color: INK, strokeWidth: 1.5 } as const;
  const panel = (outcome: string, last: boolean): LayerPanel =>
    morris
      ? {
          width: plot,
          height: { step: 18 },
          layer: [
            {
              mark: { type: 'bar', color: CATEGORY_COLOURS[0], height: { band: 0.7 } },
              encoding: {
                y,
                x: {
                  field: 'mu_star',
                  type: 'quantitative',
                  title: last ? 'μ*, mean absolute elementary effect (in the outcome’s units)' : null,
                  axis: { format: '~g', tickCount: 5 },
                },
                tooltip: [
                  ...factorTooltip,
                  { field: 'mu_star', type: 'quantitative', title: 'μ*', format: FORMATS.score },
                  { field: 'lo', type: 'quantitative', title: 'μ* 95% interval from', format: FORMATS.score },
                  { field: 'hi', type: 'quantitative', title: 'μ* 95% interval to', format: FORMATS.score },
                  { field: 'sigma', type: 'quantitative', title: 'σ', format: FORMATS.score },
                ],
              },
            },
            {
              mark: interval,
              encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
            },
            {
              mark: {
                type: 'point',
                shape: 'diamond',
                filled: true,
                size: 70,
                opacity: 1,
                color: CATEGORY_COLOURS[1],
                stroke: 'white',
                strokeWidth: 0.8,
              },
              transform: [{ filter: '!datum.still' }],
              encoding: {
                y,
                x: { field: 'sigma', type: 'quantitative' },
                tooltip: [
                  ...factorTooltip,
                  { field: 'sigma', type: 'quantitative', title: 'σ', format: FORMATS.score },
                ],
              },
            },
            note(outcome),
          ],
        }
      : sobolPanel(plot, y, last, factorTooltip, note(outcome));
  const subtitle = [
    doc.scenario,
    `seed ${doc.seed}`,
    `${doc.points} design points × ${doc.runs} runs`,
    `${doc.factors.length} factors`,
  ];
  return {
    $schema: SCHEMA,
    title: wrappedTitle(
      morris ? 'Which parameters matter? Morris screening' : 'Which parameters matter? Sobol indices',
      width,
      studySubtitle(subtitle, width),
    ),
    description: morris ? morrisCaption(doc, still) : sobolCaption(doc, indices as SobolDatum[], still),
    datasets: { indices, notes },
    // one panel per outcome (facets with independent, sorted y scales over layers upset vega-lite)
    vconcat: doc.outcomes.map(({ outcome }, i): ViewSpec => {
      const { transform = [], ...rest } = panel(outcome.text, i === doc.outcomes.length - 1);
      return {
        title: panelTitle(outcome.label),
        data: { name: 'indices' },
        transform: [{ filter: { field: 'outcome', equal: outcome.text } }, ...transform],
        ...rest,
      };
    }),
    spacing: 16,
    // Morris effects are in each outcome's own units; Sobol indices are shares on one scale
    resolve: { scale: { x: morris ? 'independent' : 'shared' } },
    config: baseConfig(),
  };
}

/** One outcome's Sobol panel: S1 and ST bars per factor (pale when unreliable), intervals (dashed when
 * unreliable), triangles where a value lies beyond the drawn range, and the panel's note if any. */
function sobolPanel(
  plot: number,
  y: object,
  last: boolean,
  factorTooltip: readonly object[],
  note: Layer,
): LayerPanel {
  const { lo, hi } = SOBOL_DRAWN;
  const clamp = (field: string) => `clamp(datum.${field}, ${lo}, ${hi})`;
  // the scale and axis once, on the bars: the other layers share them
  const x = (field: string) => ({ field, type: 'quantitative' }) as const;
  const bars = {
    ...x('drawn'),
    stack: null,
    title: last ? 'Share of the outcome’s variance' : null,
    axis: { format: '~g', tickCount: 6 },
  } as const;
  const tooltip = [
    ...factorTooltip,
    { field: 'index', type: 'nominal', title: 'Index' },
    { field: 'value', type: 'quantitative', title: 'Estimate', format: FORMATS.score },
    { field: 'lo', type: 'quantitative', title: '95% interval from', format: FORMATS.score },
    { field: 'hi', type: 'quantitative', title: '95% interval to', format: FORMATS.score },
    { field: 'reading', type: 'nominal', title: 'Reading' },
  ];
  const beyond = (field: string, shape: string) => ({
    mark: { type: 'point', shape, filled: true, size: 45, opacity: 1, color: INK },
    encoding: { x: { field, type: 'quantitative' }, color: { value: INK }, tooltip },
  });
  return {
    width: plot,
    height: { step: 11 },
    transform: [
      { calculate: clamp('value'), as: 'drawn' },
      { calculate: clamp('lo'), as: 'drawn_lo' },
      { calculate: clamp('hi'), as: 'drawn_hi' },
    ],
    layer: [
      // 0 and 1, the bounds of a share of variance: they keep the axis at [0, 1] at least
      {
        mark: { type: 'rule', color: GREY, strokeWidth: 0.8 },
        encoding: { x: { datum: 0, type: 'quantitative' } },
      },
      { mark: REFERENCE_RULE, encoding: { x: { datum: 1, type: 'quantitative' } } },
      {
        encoding: {
          y,
          yOffset: { field: 'index', type: 'nominal', sort: SOBOL_INDICES },
          color: {
            field: 'index',
            type: 'nominal',
            title: null,
            scale: { domain: SOBOL_INDICES, range: [CATEGORY_COLOURS[5], CATEGORY_COLOURS[0]] },
            legend: { orient: 'bottom', direction: 'vertical' },
          },
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.85 } },
            encoding: {
              x: bars,
              opacity: { condition: { test: 'datum.unreliable', value: PALE }, value: 1 },
              tooltip,
            },
          },
          {
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              x: x('drawn_lo'),
              x2: { field: 'drawn_hi' },
              color: { value: INK },
              strokeDash: {
                field: 'reading',
                type: 'nominal',
                title: null,
                scale: {
                  domain: SOBOL_READINGS,
                  range: [
                    [1, 0],
                    [3, 2],
                  ],
                },
                legend: {
                  orient: 'bottom',
                  direction: 'vertical',
                  symbolType: 'stroke',
                  symbolStrokeColor: INK,
                },
              },
              tooltip,
            },
          },
          { transform: [{ filter: `datum.lo < ${lo}` }], ...beyond('drawn_lo', 'triangle-left') },
          { transform: [{ filter: `datum.hi > ${hi}` }], ...beyond('drawn_hi', 'triangle-right') },
        ],
      },
      note,
    ],
  } as LayerPanel;
}

/** The caption's list of factors: 'decision.rights (range 0.5..1.5), …'. */
const factorList = (doc: SensitivityDoc) => doc.factors.map((f) => `${f.path} (${f.describe})`).join(', ');

function stillNote(still: SensitivityDoc['outcomes']): string {
  if (still.length === 0) return '';
  const names = still.map((o) => `'${o.outcome.label}'`).join(', ');
  return ` ${names} ${still.length === 1 ? 'is' : 'are'} the same at every design point: no factor changes ${still.length === 1 ? 'it' : 'them'}, so every index is 0.`;
}

function morrisCaption(doc: SensitivityDoc, still: SensitivityDoc['outcomes']): string {
  return (
    `Morris screening of ${doc.scenario}: ${doc.points} design points × ${doc.runs} runs, ${doc.factors.length} factors: ${factorList(doc)}.` +
    ' Bar: μ*, the mean absolute elementary effect of a factor (ranks importance); line: its 95% bootstrap interval; orange ◆: σ, the spread of the effects (interactions, non-linearity).' +
    ' Each outcome has its own axis, in its own units (a share of runs for an event), so compare factors within a panel, not across panels.' +
    stillNote(still)
  );
}

function sobolCaption(doc: SensitivityDoc, rows: SobolDatum[], still: SensitivityDoc['outcomes']): string {
  const label = new Map(doc.outcomes.map((o) => [o.outcome.text, o.outcome.label]));
  const shaky = rows.filter((r) => r.unreliable);
  const byOutcome = new Map<string, string[]>();
  for (const r of shaky)
    byOutcome.set(r.outcome, [
      ...(byOutcome.get(r.outcome) ?? []),
      `${r.index.slice(0, 2)} of ${r.factor} [${sig3(r.lo)}, ${sig3(r.hi)}]`,
    ]);
  const { lo, hi } = SOBOL_DRAWN;
  const outside = rows.filter((r) => r.lo < lo || r.hi > hi);
  const warning = shaky.length
    ? ` Too uncertain to read: ${shaky.length} of ${rows.length} indices have a 95% interval wider than ${UNRELIABLE.width} or reaching outside ${RANGE} (drawn pale, their interval dashed): ${[
        ...byOutcome,
      ]
        .map(([o, list]) => `'${label.get(o) ?? o}': ${list.join(', ')}`)
        .join('; ')}. More design points (--samples) narrow them.`
    : ` Every interval is narrower than ${UNRELIABLE.width} and inside ${RANGE}.`;
  return (
    `Sobol indices of ${doc.scenario}: ${doc.points} design points × ${doc.runs} runs, ${doc.factors.length} factors: ${factorList(doc)}.` +
    ' S1: the share of the outcome’s variance due to the factor alone; ST: with its interactions; line: 95% bootstrap interval.' +
    ' The estimates are raw (not clipped to [0, 1]): a value outside it is sampling noise.' +
    warning +
    (outside.length
      ? ` ${outside.length} ${outside.length === 1 ? 'reaches' : 'reach'} beyond the axis (${short3(lo)} to ${hi}) and ${outside.length === 1 ? 'ends' : 'end'} in a triangle at its edge.`
      : '') +
    stillNote(still)
  );
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
  /** the chosen box's label on the chart ('' for the other steps) */
  label: string;
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

/** Why PRIM has nothing to find for an outcome that holds at no design point or at all, else null. */
export function discoverNothing(doc: DiscoverDoc): string | null {
  if (doc.base_rate === 0)
    return `'${doc.outcome.label}' holds at none of the ${doc.points} design points: there is nothing for PRIM to find.`;
  if (doc.base_rate === 1)
    return `'${doc.outcome.label}' holds at all ${doc.points} design points: no factor range makes a difference.`;
  return null;
}
const NOTHING_HINT = 'Widen the factor ranges, change --threshold, or ask about another month or level.';

/**
 * PRIM's peeling trajectory: coverage against density step by step, the chosen box ringed and named. An
 * outcome that holds at no design point (or at all) gives a message instead of an empty plot. Data:
 * datasets `trajectory` (TrajectoryDatum) and `base_rate` (one row), or `message`.
 */
export function discoverChart(doc: DiscoverDoc, opts: ChartOptions = {}): TopLevelSpec {
  const chosen = doc.trajectory[doc.chosen];
  if (!chosen)
    throw new RangeError(
      `discover: chosen box ${doc.chosen} is not a step of the trajectory (0..${doc.trajectory.length - 1})`,
    );
  const width = widthOf(opts);
  const title = `Scenario discovery (PRIM): when does '${doc.outcome.label}' happen?`;
  const subtitle = [
    doc.scenario,
    `seed ${doc.seed}`,
    `${doc.points} design points × ${doc.runs} runs`,
    `base rate ${shareText(doc.base_rate)}`,
  ];
  const nothing = discoverNothing(doc);
  if (nothing !== null) return discoverMessage(doc, width, title, subtitle, `${nothing} ${NOTHING_HINT}`);
  const restricts = chosen.box.length > 0;
  const chosenLabel = `chosen box (step ${chosen.step})${restricts ? '' : ': restricts nothing'}`;
  const trajectory: TrajectoryDatum[] = doc.trajectory.map((t, i) => ({
    step: t.step,
    coverage: t.coverage,
    density: t.density,
    n: t.n,
    dims: t.box.length,
    box: t.box.length ? t.box.map(describeBound).join('; ') : 'all design points',
    chosen: i === doc.chosen,
    label: i === doc.chosen ? chosenLabel : '',
  }));
  const share = (field: string, title: string) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
    axis: { format: FORMATS.share, tickCount: 5 },
  });
  const x = share('coverage', 'Coverage: share of all cases of interest inside the box');
  const densityTitle = 'Density: share of the box that are cases';
  const tooltip = [
    { field: 'step', type: 'quantitative', title: 'Step' },
    { field: 'coverage', type: 'quantitative', title: 'Coverage', format: FORMATS.smallShare },
    { field: 'density', type: 'quantitative', title: 'Density', format: FORMATS.smallShare },
    { field: 'n', type: 'quantitative', title: 'Design points in the box' },
    { field: 'dims', type: 'quantitative', title: 'Restricted factors' },
    { field: 'box', type: 'nominal', title: 'Box' },
  ] as const;
  // the chosen box's label on the side with room: left of a box that covers most cases (near the right
  // edge), right of one that does not
  const label = (filter: string, align: 'left' | 'right'): Layer => ({
    transform: [{ filter: `datum.chosen && ${filter}` }],
    mark: {
      type: 'text',
      align,
      dx: align === 'right' ? -14 : 14,
      dy: -10,
      fontSize: 12,
      fontWeight: 'bold',
      color: INK,
    },
    encoding: { text: { field: 'label' } },
  });
  const box = restricts
    ? `it restricts ${chosen.box.map(describeBound).join('; ')}`
    : `it restricts no factor: it is the whole design, so PRIM found no range of these factors where '${doc.outcome.label}' is more frequent than its base rate (${shareText(doc.base_rate)})`;
  const description = [
    `PRIM peels the ${doc.points} design points of ${doc.scenario} (Latin hypercube, ${doc.runs} runs each) down to a box of factor ranges where '${doc.outcome.label}' is frequent; a design point is a case of interest when the outcome holds in at least the threshold share of its runs.`,
    'Each dot is a step of the peeling: coverage (the share of all cases of interest inside the box) against density (the share of the box’s points that are cases); colour: how many factors the box restricts; dashed line: the base rate, the density of the whole design.',
    `The chosen box (step ${chosen.step}) covers ${shareText(chosen.coverage)} of the cases at a density of ${shareText(chosen.density)}, with ${chosen.n} of ${doc.points} design points; ${box}.`,
  ].join(' ');
  const plotWidth = width - 2 * PADDING - 60 - OVERHANG;
  return {
    $schema: SCHEMA,
    title: wrappedTitle(title, width, [
      ...studySubtitle(subtitle, width),
      `chosen box (step ${chosen.step}): coverage ${shareText(chosen.coverage)} · density ${shareText(chosen.density)} · ${restricts ? `${chosen.box.length} of ${doc.factors.length} factors restricted` : 'no factor restricted'}`,
    ]),
    description,
    datasets: {
      trajectory,
      base_rate: [{ base_rate: doc.base_rate, label: `base rate ${shareText(doc.base_rate)}` }],
    },
    width: plotWidth,
    height: 340,
    layer: [
      {
        data: { name: 'base_rate' },
        layer: [
          {
            mark: REFERENCE_RULE,
            encoding: {
              y: share('base_rate', densityTitle),
              tooltip: [
                { field: 'base_rate', type: 'quantitative', title: 'Base rate', format: FORMATS.smallShare },
              ],
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
              color: INK_GREY,
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
        data: { name: 'trajectory' },
        encoding: { x, y: share('density', densityTitle) },
        layer: [
          {
            mark: { type: 'line', color: GREY, strokeWidth: 1.5 },
            encoding: { order: { field: 'step', type: 'quantitative' }, tooltip: [tooltip[0]] },
          },
          {
            mark: { type: 'point', filled: true, size: 60, opacity: 1, stroke: 'white', strokeWidth: 0.5 },
            encoding: {
              color: {
                field: 'dims',
                type: 'ordinal',
                title: 'Restricted factors',
                scale: { scheme: { name: 'viridis', extent: [0.9, 0.1] } },
                legend: { orient: 'bottom', direction: 'horizontal' },
              },
              tooltip: [...tooltip],
            },
          },
          {
            transform: [{ filter: 'datum.chosen' }],
            mark: { type: 'point', size: 320, strokeWidth: 2, color: INK, opacity: 1 },
            encoding: { tooltip: [...tooltip] },
          },
          label('datum.coverage > 0.5', 'right'),
          label('datum.coverage <= 0.5', 'left'),
        ],
      },
    ],
    config: baseConfig(),
  };
}

/** The message chart of a discovery with nothing to find: the title and a text saying why. */
function discoverMessage(
  doc: DiscoverDoc,
  width: number,
  title: string,
  subtitle: string[],
  message: string,
): TopLevelSpec {
  const lines = wrapLines(message, width - 2 * PADDING, 13);
  return {
    $schema: SCHEMA,
    title: wrappedTitle(title, width, studySubtitle(subtitle, width)),
    description: `${message} No trajectory to draw: PRIM needs design points where the outcome holds and points where it does not.`,
    datasets: { message: [{ text: lines.join('\n'), outcome: doc.outcome.text }] },
    data: { name: 'message' },
    width: width - 2 * PADDING,
    height: 18 * lines.length,
    mark: { type: 'text', align: 'left', baseline: 'top', lineBreak: '\n', fontSize: 13, color: INK },
    encoding: {
      x: { value: 0 },
      y: { value: 0 },
      text: { field: 'text' },
      tooltip: [{ field: 'outcome', type: 'nominal', title: 'Outcome' }],
    },
    config: { ...baseConfig(), view: { stroke: null } },
  };
}
