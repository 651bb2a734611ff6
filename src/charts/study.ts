// Vega-Lite spec builders for the studies over a scenario's factors: sensitivity indices (SensitivityDoc,
// Morris or Sobol) and PRIM scenario discovery (DiscoverDoc). The comparisons of scenarios are in
// compare.ts. Pure and browser-safe like run.ts: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type { DiscoverDoc, SensitivityDoc } from '../ensemble/docs.js';
import { outcomeText, outcomeTitle, REFERENCE_RULE, short3, studySubtitle } from './compare.js';
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
  namesY,
  panelTitle,
  RANGE_GREY,
  SCHEMA,
  shareText,
  sig3,
  studyStartNote,
  textWidth,
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
/** The gap between a discover box's bars and the kept range written beside them (px). */
const BOX_GAP = 8;
/** The extent of the density axis of the peeling panel: '100%' and its tick (px). */
const DENSITY_EXTENT = 40;

/** A chart title whose text wraps (bold 16 px) and subtitle lines under it. */
function wrappedTitle(text: string, width: number, subtitle: string[]) {
  const lines = wrapLines(text, width - 2 * PADDING, 18);
  return {
    text: lines.length === 1 ? lines[0]! : lines,
    subtitle: subtitle.length === 1 ? subtitle[0]! : subtitle,
  };
}

// ---------------------------------------------------------------------------------------------- factor names

/**
 * Short names of the parameters studies vary, from their descriptions in src/scenario/params-schema.ts
 * and docs/MODEL.md (the path stays in tooltips and captions). A path not listed gets a de-snaked name.
 */
export const FACTOR_LABELS: Record<string, string> = {
  'decision.base': 'base drive',
  'decision.security': 'weight on ISK security',
  'decision.harboured': 'weight on harboured militants',
  'decision.alignment': 'weight on alignment',
  'decision.economic': 'weight on economic stakes',
  'decision.humanitarian': 'weight on humanitarian stakes',
  'decision.migration': 'weight on migration',
  'decision.reserves': 'weight on frozen reserves',
  'decision.rivalry': 'weight on rivals’ lead',
  'decision.peers': 'weight on peers',
  'decision.patron': 'weight on the patron',
  'decision.rights': 'weight on women’s rights',
  'decision.domestic': 'weight on domestic cost',
  'decision.listing': 'cost of engaging a listed group',
  'decision.un_sanctions': 'cost of UN sanctions',
  'decision.inertia': 'inertia of a move',
  'decision.hazard_width': 'width of the move hazard',
  'decision.uncaused': 'upgrades without a cause',
  'decision.cause_window': 'months a cause stays in view',
  'decision.precursor_boost': 'boost after a precursor',
  'decision.first_mover': 'first-mover cost of recognition',
  'decision.first_mover_ambassador': 'first-mover cost of ambassadors',
  'decision.tipping_share': 'share where first-mover cost fades',
  'decision.withdraw_cost': 'cost of withdrawing recognition',
  'decision.shock_persistence': 'persistence of event shocks',
  'power.consolidation_rate': 'Kandahar’s consolidation rate',
  'power.consolidation_threshold': 'Kandahar’s consolidation threshold',
  'power.contest_rate': 'rate of factional contests',
  'power.contest_loss': 'share lost in a contest',
  'mechanisms.memory': 'memory of engagement',
  'mechanisms.emboldening.power_gain': 'emboldening: power gain',
  'mechanisms.emboldening.ideal_shift': 'emboldening: ideal shift',
  'mechanisms.isolation_crackdown.threshold': 'crack-down: threshold',
  'mechanisms.isolation_crackdown.power_gain': 'crack-down: power gain',
  'mechanisms.isolation_crackdown.ideal_shift': 'crack-down: ideal shift',
  'mechanisms.reform_rewarded.power_gain': 'reform rewarded: power gain',
  'mechanisms.reform_rewarded.ideal_gain': 'reform rewarded: ideal gain',
  'threat.attack_rate': 'ISK attack rate',
  'dyads.incident_rate': 'rate of militant incidents',
  'dyads.incident_shock': 'shock of an incident',
};

/** A readable name of a parameter path: FACTOR_LABELS, else its last part de-snaked with the group it is
 * in: 'decision.first_mover' → 'first mover (decision)', 'countries.US.weights.terror' → 'terror (US
 * weights)'. (A candidate for style.ts: the calibration and explain charts name parameters too.) */
export function factorLabel(path: string): string {
  if (Object.hasOwn(FACTOR_LABELS, path)) return FACTOR_LABELS[path]!;
  const parts = path.split('.');
  const last = parts.pop()!.replaceAll('_', ' ');
  if (parts.length === 0) return last;
  const group = (parts.length > 1 ? parts.slice(1) : parts).join(' ').replaceAll('_', ' ');
  return `${last} (${group})`;
}

/** The names of a study's factors, by path: factorLabel, or the path itself where two names coincide. */
export function factorNames(paths: string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const p of paths) counts.set(factorLabel(p), (counts.get(factorLabel(p)) ?? 0) + 1);
  return new Map(paths.map((p) => [p, counts.get(factorLabel(p))! > 1 ? p : factorLabel(p)]));
}

// ---------------------------------------------------------------------------------------------- sensitivity

export interface MorrisDatum {
  /** the outcome's text, which picks its panel */
  outcome: string;
  /** the parameter's path */
  factor: string;
  /** its readable name (factorNames), on the axis */
  name: string;
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
  name: string;
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

/** A note in place of the panel of an outcome that does not vary over the design. */
export interface PanelNote {
  outcome: string;
  note: string;
}

const SOBOL_INDICES = ['S1 (first order)', 'ST (total, with interactions)'];
/** S1 and ST told apart by hue (orange, blue), not only by lightness. */
const SOBOL_S1 = CATEGORY_COLOURS[4];
const SOBOL_ST = CATEGORY_COLOURS[0];
/** When a Sobol index cannot be read: its 95% interval is wider than `width` or reaches outside [lo, hi]
 * (the rule of src/ensemble/study.ts SOBOL_UNRELIABLE, for documents without an `unreliable` list). */
export const UNRELIABLE = { width: 0.2, lo: -0.05, hi: 1.05 } as const;
const RANGE = `[${short3(UNRELIABLE.lo)}, ${UNRELIABLE.hi}]`;
export const SOBOL_READINGS = ['95% interval', 'interval too wide to read'];
/** The note in place of the panel of an outcome the same at every design point, and its height (px). */
export const STILL_NOTE = 'Not drawn: the same at every design point, so every index is 0.';
const NOTE_HEIGHT = 14;
/** Height of each Sobol bar (px): S1 and ST side by side make a factor's row. */
const SOBOL_STEP = 6;
/** The width the two Sobol legends (indices, readings) take side by side under the plot (px). */
const SOBOL_LEGENDS = 350;
/** Height of a factor's row of Morris bars (px). */
const MORRIS_STEP = 15;
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
  const names = factorNames([
    ...new Set([
      ...doc.factors.map((f) => f.path),
      ...doc.outcomes.flatMap((o) => o.indices.map((ix) => ix.factor)),
    ]),
  ]);
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
      const base = {
        outcome: outcome.text,
        factor: ix.factor,
        name: names.get(ix.factor)!,
        describe: describe.get(ix.factor) ?? '',
      };
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
  const notes: PanelNote[] = still.map((o) => ({ outcome: o.outcome.text, note: STILL_NOTE }));
  const factorTooltip = [
    { field: 'name', type: 'nominal', title: 'Factor' },
    { field: 'factor', type: 'nominal', title: 'Parameter' },
    { field: 'describe', type: 'nominal', title: 'Varied over' },
  ] as const;
  // the same label extent in every panel lines the plots up
  const extent = Math.min(280, nameAxisExtent([...names.values()]));
  const plot = Math.max(160, width - 2 * PADDING - extent - OVERHANG);
  const y = {
    field: 'name',
    type: 'nominal',
    title: null,
    sort: { field: morris ? 'mu_star' : 'st', op: 'max', order: 'descending' },
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
  const interval = { type: 'rule', color: INK, strokeWidth: 1.5 } as const;
  // the axis title in lines as wide as the plot, so a narrow page does not widen the chart
  const morrisLines = wrapLines('μ*, mean absolute elementary effect (in the outcome’s units)', plot, 12);
  const morrisTitle = morrisLines.length === 1 ? morrisLines[0]! : morrisLines;
  const panel = (last: boolean): LayerPanel =>
    morris
      ? {
          width: plot,
          height: { step: MORRIS_STEP },
          layer: [
            {
              mark: { type: 'bar', color: CATEGORY_COLOURS[0], height: { band: 0.7 } },
              encoding: {
                y,
                x: {
                  field: 'mu_star',
                  type: 'quantitative',
                  title: last ? morrisTitle : null,
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
          ],
        }
      : sobolPanel(plot, y, last, factorTooltip);
  // the x-axis title goes under the last panel drawn
  const lastDrawn = doc.outcomes.findLastIndex((o) => !stillTexts.has(o.outcome.text));
  const subtitle = [
    doc.scenario,
    `seed ${doc.seed}`,
    `${doc.points} design points × ${doc.runs} runs`,
    `${doc.factors.length} factors`,
    `${doc.start} to ${doc.end}`,
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
    // one panel per outcome (facets with independent, sorted y scales over layers upset vega-lite); an
    // outcome with nothing to show gets a line of text instead
    vconcat: doc.outcomes.map(({ outcome }, i): ViewSpec => {
      const title = panelTitle(outcomeTitle(outcome.label));
      if (stillTexts.has(outcome.text))
        return {
          title,
          data: { name: 'notes' },
          transform: [{ filter: { field: 'outcome', equal: outcome.text } }],
          width: plot,
          height: NOTE_HEIGHT,
          view: { stroke: null },
          mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11, color: INK_GREY },
          encoding: {
            // an axis without labels keeps the panels' extent, so the note starts where the names do
            y: {
              field: 'outcome',
              type: 'nominal',
              title: null,
              axis: { labels: false, ticks: false, domain: false, minExtent: extent, maxExtent: extent },
            },
            x: { value: -extent },
            text: { field: 'note' },
            tooltip: [{ field: 'note', type: 'nominal', title: 'Note' }],
          },
        };
      const { transform = [], ...rest } = panel(i === lastDrawn);
      return {
        title,
        data: { name: 'indices' },
        transform: [{ filter: { field: 'outcome', equal: outcome.text } }, ...transform],
        ...rest,
      };
    }),
    spacing: 14,
    // Morris effects are in each outcome's own units; Sobol indices are shares on one scale
    resolve: { scale: { x: morris ? 'independent' : 'shared' } },
    config: baseConfig(),
  };
}

/** The legend of the readings: a bar with its interval line through it, solid, or pale and dashed. */
const READINGS_LEGEND = {
  orient: 'bottom',
  direction: 'vertical',
  symbolType: 'M-1,-0.45H1V0.45H-1Z',
  symbolFillColor: CATEGORY_COLOURS[0],
  symbolStrokeColor: INK,
  symbolStrokeWidth: 1.5,
  symbolSize: 180,
} as const;

/** One outcome's Sobol panel: S1 and ST bars per factor (pale when unreliable), intervals (dashed when
 * unreliable), triangles where a value lies beyond the drawn range, and the panel's note if any. */
function sobolPanel(plot: number, y: object, last: boolean, factorTooltip: readonly object[]): LayerPanel {
  // beside the readings' legend under the plot where both fit, else over the panels
  const indexLegend = {
    orient: plot + OVERHANG >= SOBOL_LEGENDS ? 'bottom' : 'top',
    direction: 'vertical',
  } as const;
  const { lo, hi } = SOBOL_DRAWN;
  const clamp = (field: string) => `clamp(datum.${field}, ${lo}, ${hi})`;
  // the scale and axis once, on the bars: the other layers share them
  const x = (field: string) => ({ field, type: 'quantitative' }) as const;
  const bars = {
    ...x('drawn'),
    stack: null,
    title: last ? 'Share of the outcome’s variance' : null,
    // one scale for all panels: its numbers once, under the last (the others keep ticks and grid)
    axis: { format: '~g', tickCount: 6, labels: last },
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
    height: { step: SOBOL_STEP },
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
        },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.85 }, strokeWidth: 1.5 },
            encoding: {
              x: bars,
              // S1 a solid bar, ST an outline: apart in grey print too, where orange and blue are alike
              // (reader 4); the same field and domain for both channels: one legend
              fill: {
                field: 'index',
                type: 'nominal',
                title: null,
                scale: { domain: SOBOL_INDICES, range: [SOBOL_S1, 'white'] },
                legend: indexLegend,
              },
              stroke: {
                field: 'index',
                type: 'nominal',
                title: null,
                scale: { domain: SOBOL_INDICES, range: [SOBOL_S1, SOBOL_ST] },
                legend: indexLegend,
              },
              // the same field and domain as the intervals' dashes: one legend, whose second entry is
              // pale and dashed like the bar and line of an index too uncertain to read
              opacity: {
                field: 'reading',
                type: 'ordinal',
                sort: SOBOL_READINGS,
                title: null,
                scale: { domain: SOBOL_READINGS, range: [1, PALE] },
                legend: READINGS_LEGEND,
              },
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
                legend: READINGS_LEGEND,
              },
              tooltip,
            },
          },
          { transform: [{ filter: `datum.lo < ${lo}` }], ...beyond('drawn_lo', 'triangle-left') },
          { transform: [{ filter: `datum.hi > ${hi}` }], ...beyond('drawn_hi', 'triangle-right') },
        ],
      },
    ],
  } as LayerPanel;
}

/** The caption's list of factors, each named, with its path and what the design varied it over:
 * 'first-mover cost of recognition (decision.first_mover, 0..2), …'. */
const factorList = (doc: SensitivityDoc) => {
  const names = factorNames(doc.factors.map((f) => f.path));
  return doc.factors
    .map((f) => {
      const over = f.describe.replace(/^range /, '');
      return names.get(f.path) === f.path
        ? `${f.path} (${over})`
        : `${names.get(f.path)} (${f.path}, ${over})`;
    })
    .join(', ');
};

function stillNote(still: SensitivityDoc['outcomes']): string {
  if (still.length === 0) return '';
  const names = still.map((o) => `'${outcomeText(o.outcome.label)}'`).join(', ');
  return ` ${names} ${still.length === 1 ? 'is' : 'are'} the same at every design point: no factor changes ${still.length === 1 ? 'it' : 'them'}, so every index is 0 and ${still.length === 1 ? 'its panel is' : 'their panels are'} not drawn.`;
}

function morrisCaption(doc: SensitivityDoc, still: SensitivityDoc['outcomes']): string {
  return (
    `Morris screening of ${doc.scenario}: ${doc.points} design points × ${doc.runs} runs, ${doc.factors.length} factors: ${factorList(doc)}. ${studyStartNote(doc)}` +
    ' Bar: μ*, the mean absolute elementary effect of a factor (ranks importance); line: its 95% bootstrap interval; orange ◆: σ, the spread of the effects (interactions, non-linearity).' +
    ' Each outcome has its own axis, in its own units (a share of runs for an event), so compare factors within a panel, not across panels.' +
    stillNote(still)
  );
}

/** The Sobol caption, five sentences at most (six with an outcome that never varies): the design, where
 * the runs start, how to read the bars, and how many indices are too uncertain to read with the widest of them (each one's
 * interval and reading are in its tooltip). */
function sobolCaption(doc: SensitivityDoc, rows: SobolDatum[], still: SensitivityDoc['outcomes']): string {
  const label = new Map(doc.outcomes.map((o) => [o.outcome.text, outcomeText(o.outcome.label)]));
  const shaky = rows.filter((r) => r.unreliable);
  const widest = shaky.reduce<SobolDatum | undefined>(
    (w, r) => (!w || r.hi - r.lo > w.hi - w.lo ? r : w),
    undefined,
  );
  const { lo, hi } = SOBOL_DRAWN;
  const outside = rows.filter((r) => r.lo < lo || r.hi > hi);
  const beyond = outside.length
    ? `; ${outside.length} ${outside.length === 1 ? 'reaches' : 'reach'} beyond the axis (${short3(lo)} to ${hi}) and ${outside.length === 1 ? 'ends' : 'end'} in a triangle at its edge`
    : '';
  const warning = widest
    ? ` Too uncertain to read: ${shaky.length} of ${rows.length} indices have a 95% interval wider than ${UNRELIABLE.width} or reaching outside ${RANGE} (pale bar, dashed line; each in its tooltip), the widest ${widest.index.slice(0, 2)} of ${widest.name} for '${label.get(widest.outcome) ?? widest.outcome}' [${sig3(widest.lo)}, ${sig3(widest.hi)}]${beyond}; more design points (--samples) narrow them.`
    : ` Every interval is narrower than ${UNRELIABLE.width} and inside ${RANGE}${beyond}.`;
  return (
    `Sobol indices of ${doc.scenario}: ${doc.points} design points × ${doc.runs} runs, ${doc.factors.length} factors: ${factorList(doc)}. ${studyStartNote(doc)}` +
    ' S1 (solid orange): the share of the outcome’s variance due to the factor alone; ST (blue outline): with its interactions; line: 95% bootstrap interval; the estimates are raw, so a value outside [0, 1] is sampling noise.' +
    warning +
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

export interface BoxDatum {
  /** the factor's path */
  factor: string;
  /** its readable name (factorNames), on the axis */
  name: string;
  describe: string;
  /** row order: the restricted factors first, then as the design lists them */
  order: number;
  /** the kept part of the factor's full range, both ends as shares of it (0 = its low end, 1 = its
   * high end); null when the range cannot be drawn (a distribution without bounds) */
  from: number | null;
  to: number | null;
  /** the box restricts the factor */
  restricted: boolean;
  /** the first segment of the factor (a discrete factor may keep values apart): grey bar and text */
  first: boolean;
  /** the kept range in the factor's units beside its full range: '0.00165–0.166 of 0–2' */
  text: string;
}

/** A factor's full range as the design describes it: 'range 0..2', 'values true, false',
 * 'triangular(0.5, 0.8, 1)' or 'normal(0.8, 0.1)' (drawn over mean ± 3 sd); null if unknown. */
export function fullRange(
  describe: string,
): { lo: number; hi: number; text: string } | { values: string[]; text: string } | null {
  const num = String.raw`(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)`;
  const range = new RegExp(String.raw`^range ${num}\.\.${num}$`).exec(describe);
  if (range) return { lo: Number(range[1]), hi: Number(range[2]), text: `${range[1]}–${range[2]}` };
  const values = /^values (.+)$/.exec(describe);
  if (values) return { values: values[1]!.split(', '), text: `{${values[1]}}` };
  const tri = new RegExp(String.raw`^triangular\(${num}, ${num}, ${num}\)$`).exec(describe);
  if (tri) return { lo: Number(tri[1]), hi: Number(tri[3]), text: describe };
  const normal = new RegExp(String.raw`^normal\(${num}, ${num}\)$`).exec(describe);
  if (normal) {
    const [mean, sd] = [Number(normal[1]), Number(normal[2])];
    return { lo: mean - 3 * sd, hi: mean + 3 * sd, text: describe };
  }
  return null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** x to the resolution of 3 significant digits of the range lo–hi (0–2: 0.01; 0–0.1: 0.001), minus as
 * '−': a bound reads as precisely as the range it is a part of. (A candidate for style.ts, beside sig3.) */
export function rangeDigits(x: number, lo: number, hi: number): string {
  const span = Math.abs(hi - lo) || Math.abs(x) || 1;
  const step = 10 ** (Math.floor(Math.log10(span)) - 2);
  const rounded = Math.round(x / step) * step;
  return short3(Number(rounded.toFixed(Math.max(0, -Math.floor(Math.log10(step))))) || 0);
}

/** The rows of the box panel: every factor of the design, with the part of its range the box keeps. */
export function boxData(doc: DiscoverDoc, box: DiscoverDoc['trajectory'][number]['box']): BoxDatum[] {
  const names = factorNames(doc.factors.map((f) => f.path));
  const rank = (path: string) => (box.some((b) => b.path === path) ? 0 : 1);
  const factors = doc.factors
    .map((f, i) => ({ f, i }))
    .sort((x, y) => rank(x.f.path) - rank(y.f.path) || x.i - y.i)
    .map((x) => x.f);
  return factors.flatMap((f, order): BoxDatum[] => {
    const full = fullRange(f.describe);
    const b = box.find((x) => x.path === f.path);
    const base = { factor: f.path, name: names.get(f.path)!, describe: f.describe, order, restricted: !!b };
    const of = full ? ` of ${full.text}` : ` (${f.describe})`;
    if (!b)
      return [
        {
          ...base,
          from: full ? 0 : null,
          to: full ? 1 : null,
          first: true,
          text: `not restricted${full ? `: ${full.text}` : ''}`,
        },
      ];
    if (b.values) {
      const kept = `{${b.values.join(', ')}}${of}`;
      if (!full || !('values' in full)) return [{ ...base, from: null, to: null, first: true, text: kept }];
      const n = full.values.length;
      const at = b.values.map((v) => full.values.indexOf(String(v))).filter((i) => i >= 0);
      if (at.length === 0) return [{ ...base, from: null, to: null, first: true, text: kept }];
      return at.map((i, k) => ({ ...base, from: i / n, to: (i + 1) / n, first: k === 0, text: kept }));
    }
    // the bounds to 3 significant digits of the full range where it is known ('0.005–0.1 of 0–0.1',
    // not '0.00501'), else of themselves
    const num = full && 'lo' in full ? (x: number) => rangeDigits(x, full.lo, full.hi) : short3;
    const text =
      b.lo !== undefined && b.hi !== undefined
        ? `${num(b.lo)}–${num(b.hi)}`
        : b.lo !== undefined
          ? `≥ ${num(b.lo)}`
          : b.hi !== undefined
            ? `≤ ${num(b.hi)}`
            : 'not restricted';
    if (!full || !('lo' in full) || !(full.hi > full.lo))
      return [{ ...base, from: null, to: null, first: true, text: `${text}${of}` }];
    const at = (x: number | undefined, end: 0 | 1) =>
      x === undefined ? end : clamp01((x - full.lo) / (full.hi - full.lo));
    return [{ ...base, from: at(b.lo, 0), to: at(b.hi, 1), first: true, text: `${text}${of}` }];
  });
}

/** The widest text a box row of this factor can have (its values are not known in advance): the
 * column of texts is sized from it, so the layout depends on the design, not on the box. */
function widestBoxText(describe: string): string {
  const full = fullRange(describe);
  if (!full) return `−0.000000–−0.000000 (${describe})`;
  if ('values' in full) return `${full.text} of ${full.text}`;
  return `−0.000000–−0.000000 of ${full.text}`.replace(/0{6}/g, '000');
}

/** The colour of the kept range of a restricted factor, and of the whole range of one left free. */
const KEPT = CATEGORY_COLOURS[0];
const FREE = '#9ecae1';

/**
 * PRIM's answer first, then how it got there: (a) every factor's full range (grey) with the part the
 * chosen box keeps (blue; pale blue: not restricted) and the kept range written beside it; (b) the
 * peeling trajectory, coverage against density step by step, the chosen box ringed and named. An outcome
 * that holds at no design point (or at all) gives a message instead of empty plots. Data: datasets `box`
 * (BoxDatum), `trajectory` (TrajectoryDatum) and `base_rate` (one row), or `message`.
 */
export function discoverChart(doc: DiscoverDoc, opts: ChartOptions = {}): TopLevelSpec {
  const chosen = doc.trajectory[doc.chosen];
  if (!chosen)
    throw new RangeError(
      `discover: chosen box ${doc.chosen} is not a step of the trajectory (0..${doc.trajectory.length - 1})`,
    );
  const width = widthOf(opts);
  const title = `Scenario discovery (PRIM): when does '${outcomeText(doc.outcome.label)}' happen?`;
  const subtitle = [
    doc.scenario,
    `seed ${doc.seed}`,
    `${doc.points} design points × ${doc.runs} runs`,
    `base rate ${shareText(doc.base_rate)}`,
    `${doc.start} to ${doc.end}`,
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
  const box = boxData(doc, chosen.box);
  // the layout: factor names | their ranges | the kept ranges in words; the trajectory under the ranges
  const names = factorNames(doc.factors.map((f) => f.path));
  const extent = Math.min(240, nameAxisExtent([...names.values()]));
  // the ring of a chosen box at 100% coverage reaches past the plot's right edge: 8 px more room
  const plotWidth = width - 2 * PADDING - extent - OVERHANG - 8;
  const textColumn = Math.min(
    Math.floor(plotWidth / 2),
    Math.max(...doc.factors.map((f) => textWidth(widestBoxText(f.describe), 11))) + BOX_GAP,
  );
  const barWidth = plotWidth - textColumn;
  const share = (field: string, title: string, axis: object = {}) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
    axis: { format: FORMATS.share, tickCount: 5, ...axis },
  });
  const x = share('coverage', 'Coverage (share of all cases in the box)');
  // a fixed extent of the density axis, so the title of panel (b) can start where the names of (a) do
  const density = (field: string) =>
    share(field, 'Density (cases in the box)', { minExtent: DENSITY_EXTENT, maxExtent: DENSITY_EXTENT });
  const tooltip = [
    { field: 'step', type: 'quantitative', title: 'Step' },
    { field: 'coverage', type: 'quantitative', title: 'Coverage', format: FORMATS.smallShare },
    { field: 'density', type: 'quantitative', title: 'Density', format: FORMATS.smallShare },
    { field: 'n', type: 'quantitative', title: 'Design points in the box' },
    { field: 'dims', type: 'quantitative', title: 'Restricted factors' },
    { field: 'box', type: 'nominal', title: 'Box' },
  ] as const;
  const boxTooltip = [
    { field: 'name', type: 'nominal', title: 'Factor' },
    { field: 'factor', type: 'nominal', title: 'Parameter' },
    { field: 'describe', type: 'nominal', title: 'Varied over' },
    { field: 'text', type: 'nominal', title: 'The chosen box keeps' },
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
  // the restricted factors as panel (a) names and writes them, with their paths
  const boxes = restricts
    ? `it restricts ${box
        .filter((r) => r.restricted && r.first)
        .map((r) => `${r.name} (${r.factor}) to ${r.text}`)
        .join('; ')}`
    : `it restricts no factor: it is the whole design, so PRIM found no range of these factors where '${outcomeText(doc.outcome.label)}' is more frequent than its base rate (${shareText(doc.base_rate)})`;
  // the scenario's question, when the document carries it (discover.json does not yet)
  const question = (doc as DiscoverDoc & { question?: string }).question?.trim();
  const description = [
    ...(question ? [`${doc.scenario} asks: ${question}`] : []),
    `PRIM peels the ${doc.points} design points of ${doc.scenario} (Latin hypercube, ${doc.runs} runs each) down to a box of factor ranges where '${outcomeText(doc.outcome.label)}' is frequent; a design point is a case of interest when the outcome holds in at least the threshold share of its runs.`,
    studyStartNote(doc),
    `(a) The answer: each factor’s full range (grey) and the part the chosen box keeps (blue; pale blue: not restricted), written beside it. The chosen box (step ${chosen.step}) covers ${shareText(chosen.coverage)} of the cases at a density of ${shareText(chosen.density)}, with ${chosen.n} of ${doc.points} design points; ${boxes}.`,
    '(b) How PRIM got there: each dot is a step of the peeling, coverage (the share of all cases of interest inside the box) against density (the share of the box’s points that are cases); colour: how many factors the box restricts; dashed line: the base rate, the density of the whole design.',
  ].join(' ');
  const boxY = namesY('name', { field: 'order', op: 'min' }, extent);
  const unit = { field: 'from', type: 'quantitative', scale: { domain: [0, 1] }, axis: null } as const;
  const ranges: ViewSpec = {
    title: panelTitle('(a) Where it happens: the factor ranges of the chosen box'),
    data: { name: 'box' },
    width: barWidth,
    height: { step: 22 },
    view: { stroke: null },
    encoding: { y: boxY },
    layer: [
      {
        transform: [{ filter: 'datum.first' }],
        mark: { type: 'bar', height: { band: 0.55 }, color: RANGE_GREY },
        encoding: {
          x: { datum: 0, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
          x2: { datum: 1 },
          tooltip: [...boxTooltip],
        },
      },
      {
        transform: [{ filter: 'isValid(datum.from)' }],
        mark: { type: 'bar', height: { band: 0.55 } },
        encoding: {
          x: unit,
          x2: { field: 'to' },
          color: { condition: { test: 'datum.restricted', value: KEPT }, value: FREE },
          tooltip: [...boxTooltip],
        },
      },
      // the kept range in words, bold where the box restricts the factor
      ...(['bold', 'normal'] as const).map((weight) => ({
        transform: [{ filter: `datum.first && ${weight === 'bold' ? '' : '!'}datum.restricted` }],
        mark: {
          type: 'text' as const,
          align: 'left' as const,
          baseline: 'middle' as const,
          fontSize: 11,
          fontWeight: weight,
          color: INK,
        },
        encoding: {
          x: { value: barWidth + BOX_GAP },
          text: { field: 'text' },
          tooltip: [...boxTooltip],
        },
      })),
    ],
  } as ViewSpec;
  const peeling: ViewSpec = {
    // the axis title sits about 16 px left of the axis extent
    title: {
      ...panelTitle('(b) How PRIM got there: the peeling, step by step'),
      dx: -Math.max(0, extent - DENSITY_EXTENT - 16),
    },
    width: plotWidth,
    height: 200,
    layer: [
      {
        data: { name: 'base_rate' },
        layer: [
          {
            mark: REFERENCE_RULE,
            encoding: {
              y: density('base_rate'),
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
              y: density('base_rate'),
              text: { field: 'label' },
            },
          },
        ],
      },
      {
        data: { name: 'trajectory' },
        encoding: { x, y: density('density') },
        layer: [
          {
            mark: { type: 'line', color: GREY, strokeWidth: 1.5 },
            encoding: { order: { field: 'step', type: 'quantitative' }, tooltip: [tooltip[0]] },
          },
          {
            mark: { type: 'point', filled: true, size: 50, opacity: 1, stroke: 'white', strokeWidth: 0.5 },
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
            mark: { type: 'point', size: 280, strokeWidth: 2, color: INK, opacity: 1 },
            encoding: { tooltip: [...tooltip] },
          },
          label('datum.coverage > 0.5', 'right'),
          label('datum.coverage <= 0.5', 'left'),
        ],
      },
    ],
  } as ViewSpec;
  return {
    $schema: SCHEMA,
    title: wrappedTitle(title, width, [
      ...studySubtitle(subtitle, width),
      `chosen box (step ${chosen.step}): coverage ${shareText(chosen.coverage)} · density ${shareText(chosen.density)} · ${restricts ? `${chosen.box.length} of ${doc.factors.length} factors restricted` : 'no factor restricted'}`,
    ]),
    description,
    datasets: {
      box,
      trajectory,
      base_rate: [{ base_rate: doc.base_rate, label: `base rate ${shareText(doc.base_rate)}` }],
    },
    vconcat: [ranges, peeling],
    spacing: 18,
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
    description: `${message} ${studyStartNote(doc)} No trajectory to draw: PRIM needs design points where the outcome holds and points where it does not.`,
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
