// The explanations' charts: why a country stands where it does in one month, term by term
// (CountryExplanation), and why a faction's power moved (FactionExplanation).
// Pure and browser-safe like the other spec modules.

import type { TopLevelSpec } from 'vega-lite';
import { MAX_RUNG, RUNGS } from '../model/types.js';
import type { CountryExplanation, FactionExplanation } from '../validation/docs.js';
import { finite, share, wholeRung } from './checks.js';
import {
  baseConfig,
  type ChartOptions,
  caption,
  chartTitle,
  DOWN,
  FORMATS,
  factionColour,
  GREY,
  INK,
  inner,
  monthName,
  nameAxisExtent,
  namesY,
  POLICY_LABELS,
  panelTitle,
  QUARTERS,
  RECORD_GREY,
  readableCondition,
  SCHEMA,
  sig3,
  signedSig3,
  subtitleLines,
  TOTAL,
  termLabel,
  textWidth,
  UNIT,
  UP,
  type ViewSpec,
  valueText,
  widthOf,
} from './style.js';

/** Readable names of the drive terms of a country (src/model/terms.ts, DRIVE_TERMS). */
export const DRIVE_TERM_LABELS: Record<string, string> = {
  base: 'base drive',
  security: 'security (ISK × counter-terrorism)',
  harboured: 'militants the Taliban harbour',
  alignment: 'alignment against the West',
  economic: 'economic stakes',
  humanitarian: 'humanitarian access',
  migration: 'migration and returns',
  reserves: 'frozen central-bank reserves',
  rivalry: "rivals' lead",
  peers: "peers' stances",
  patron: "patron's stance",
  rights: "women's rights cost",
  domestic: 'domestic political cost',
  sanctions: 'terrorist listing, UN sanctions',
  events: 'events and shocks',
  offset: 'fitted offset',
};

/** Readable names of the log-growth terms of a faction's power (src/model/factions.ts, POWER_TERMS). */
export const POWER_TERM_LABELS: Record<string, string> = {
  consolidation: 'consolidation',
  reform_rewarded: 'reform rewarded',
  emboldening: 'emboldening',
  isolation_crackdown: 'isolation crack-down',
};
/** What the faction terms mean, for the caption. */
const STEP_KINDS = ['raises it', 'lowers it', 'total'];
const STEP_COLOURS = [UP, DOWN, TOTAL];

/** Bars coloured by whether the term raises the quantity, lowers it, or is the total. */
const STEP_COLOUR = {
  field: 'kind',
  type: 'nominal',
  title: 'The term',
  scale: { domain: STEP_KINDS, range: STEP_COLOURS },
  legend: { orient: 'bottom', direction: 'horizontal' },
} as const;

/** The causes of a move (docs/MODEL.md §7.1) in plain words: what the country saw that month or shortly
 * before. */
export const CAUSE_WORDS: Record<string, string> = {
  event: 'a dated event naming it',
  incident: 'an incident with militants the Taliban harbour',
  threat: 'an ISK attack or a rising ISK threat',
  policy: 'a shift of Taliban policy',
  gate: 'a gate opening or closing',
  precursor: 'a first step (a delisting or an announced step)',
  peer: 'a peer, rival or patron changing its rung',
  none: 'nothing',
};
const causeWords = (cause: string) => CAUSE_WORDS[cause] ?? cause;

/** Room at both ends of a bar axis for the values written beside the bars (px). */
const LABEL_ROOM = 60;
/** The width of the white ground under a value of the waterfall: '−0.00400' at 11 px and 2 px more. */
const LABEL_GROUND = textWidth('−0.00400', 11) + 2;
const rungName = (k: number) => `${k} (${RUNGS[k] ?? '?'})`;
const condition = (when: string) => readableCondition(when, POLICY_LABELS);

// ---------------------------------------------------------------------------------------------- country

export interface WaterfallDatum {
  order: number;
  term: string;
  label: string;
  value: number;
  start: number;
  end: number;
  kind: string;
  value_label: string;
  /** where the value label goes: the right end of the bar */
  label_x: number;
  /** a term that adds nothing (|value| < 0.0005): no bar, its '0' at the plot's left edge in grey,
   * away from the rules its running position may sit on */
  zero: boolean;
}

/** Below this a term shows as 0.00 and adds nothing to read. */
const ZERO = 5e-4;

/** Tolerance of `sum of terms = drive` (the document rounds each number to 6 decimals). */
const SUM_TOLERANCE = 1e-4;

/** The steps of the waterfall: each term from where the previous ended, then the total from 0. */
export function waterfallData(doc: CountryExplanation): WaterfallDatum[] {
  const kind = 'explain-country';
  let at = 0;
  const out: WaterfallDatum[] = doc.terms.map((t, order) => {
    const value = finite(kind, t.value, `term '${t.term}'`);
    const start = at;
    at += value;
    return {
      order,
      term: t.term,
      label: termLabel(DRIVE_TERM_LABELS, t.term),
      value,
      start,
      end: at,
      kind: STEP_KINDS[value >= 0 ? 0 : 1]!,
      value_label: Math.abs(value) < ZERO ? '0' : signedSig3(value),
      label_x: Math.max(start, at),
      zero: Math.abs(value) < ZERO,
    };
  });
  const drive = finite(kind, doc.drive, 'the drive');
  if (Math.abs(at - drive) > SUM_TOLERANCE)
    throw new RangeError(`${kind}: the terms add up to ${at.toFixed(6)}, not to the drive ${drive}`);
  out.push({
    order: out.length,
    term: 'drive',
    label: 'total drive',
    value: drive,
    start: 0,
    end: drive,
    kind: STEP_KINDS[2]!,
    value_label: sig3(drive),
    label_x: Math.max(0, drive),
    zero: false,
  });
  return out;
}

/** The height of a rule's label line over the plot (px). */
const LABEL_LINE = 14;

export interface MarkerDatum {
  x: number;
  /** the short label over the rule: 'now: rung 3', 'cap: rung 5', 'record: rung 4' */
  label: string;
  /** why the rule is there, for the tooltip and the caption */
  detail: string;
  kind: string;
  /** the label's line over the plot: 0 just above it, 1 above that, … (the higher the rung, the higher) */
  line: number;
  colour: string;
}

/** Why the cap is where it is: the binding gate, or the listing. */
function capReason(doc: CountryExplanation): string {
  const gate = doc.binding_gate;
  // a listed country stops below the ambassadors' rung even when its gate would allow more
  return gate && gate.rung - 1 <= doc.cap
    ? `gate of rung ${gate.rung}: ${condition(gate.when)}`
    : doc.listed && doc.cap < MAX_RUNG
      ? 'listed: no ambassadors or recognition until it delists'
      : gate
        ? `gate of rung ${gate.rung}: ${condition(gate.when)}`
        : 'no gate binds';
}

/** The rules at the current rung, the cap and (when the document carries it) the record's rung,
 * labelled; rules at one rung share a rule and a label ('now and cap: rung 5'); each label ends at its
 * rule, the higher rung's a line above the lower's, so that none reaches past the plot nor over another.
 * The record's rule is in the record's grey, the model's in ink. */
function markers(doc: CountryExplanation): MarkerDatum[] {
  const why = capReason(doc);
  const rules = [
    { x: doc.rung_before, name: 'now', detail: `rung ${rungName(doc.rung_before)}`, kind: 'current rung' },
    { x: doc.cap, name: 'cap', detail: `rung ${doc.cap} (${why})`, kind: 'cap' },
    ...(doc.observed === undefined
      ? []
      : [
          {
            x: doc.observed,
            name: 'record',
            detail: `rung ${rungName(doc.observed)} (observed)`,
            kind: 'record',
          },
        ]),
  ];
  const at = [...new Set(rules.map((r) => r.x))].sort((a, b) => a - b);
  return at.map((x, line) => {
    const here = rules.filter((r) => r.x === x);
    const andList = (names: string[]) =>
      names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
    return {
      x,
      label: `${andList(here.map((r) => r.name))}: rung ${x}`,
      // the current rung's detail only names the rung: the others' say why
      detail: (here.length > 1 ? here.slice(1) : here).map((r) => r.detail).join('; '),
      kind: here.map((r) => r.kind).join(' and '),
      line,
      colour: here.every((r) => r.kind === 'record') ? RECORD_GREY : INK,
    };
  });
}

const CHOICES = ['taken this month', 'not taken'];
const CHOICE_COLOURS = ['#444444', '#bbbbbb'];

/** 'up to 5 ambassador exchange', 'stay at 4 diplomatic presence', 'down to 3 official talks' */
function optionLabel(rung: number, now: number): string {
  const move = rung > now ? 'up to' : rung < now ? 'down to' : 'stay at';
  return `${move} ${rung} ${RUNGS[rung]}`;
}

export interface OptionDatum {
  rung: number;
  label: string;
  p: number;
  chosen: string;
}

/**
 * Why a country stands where it does in one month: (a) a waterfall of the drive terms in order, from 0
 * to the total drive, with rules at the current rung and at the cap the gates allow (the binding gate
 * named in the caption); (b) this month's probabilities of one rung down, staying and the up-move (the
 * hazards). Data: the datasets 'steps' (WaterfallDatum), 'rules' (MarkerDatum), 'options' (OptionDatum).
 */
export function explainCountryChart(doc: CountryExplanation, opts: ChartOptions = {}): TopLevelSpec {
  const kind = 'explain-country';
  for (const [what, k] of [
    ['rung_before', doc.rung_before],
    ['rung_after', doc.rung_after],
    ['cap', doc.cap],
  ] as const)
    wholeRung(kind, k, what);
  const width = widthOf(opts);
  const steps = waterfallData(doc);
  const marks = markers(doc);
  // every option label the rungs allow ('down to', the longest way to say it)
  const extent = nameAxisExtent([
    ...steps.map((s) => s.label),
    ...RUNGS.map((_, k) => optionLabel(k, k + 1)),
  ]);
  const plot = inner(width) - extent;
  const x = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Drive: the rung its interests point to',
      // room right of the bars for their values
      scale: { zero: true, padding: LABEL_ROOM },
      axis: { tickMinStep: 0.5, format: '.1~f' },
    }) as const;
  const options: OptionDatum[] = doc.options.map((o) => {
    wholeRung(kind, o.rung, 'an option');
    return {
      rung: o.rung,
      label: optionLabel(o.rung, doc.rung_before),
      p: share(kind, o.p, `p of option ${o.rung}`),
      chosen: o.rung === doc.rung_after ? CHOICES[0]! : CHOICES[1]!,
    };
  });
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) The drive, term by term'),
      width: plot,
      height: { step: 24 },
      // the rules first, so that the bars and their labels are drawn over them
      layer: [
        {
          data: { name: 'rules' },
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 1.5, strokeDash: [5, 3] },
              encoding: {
                x: x('x'),
                // stroke and fill, not color: a field on color (even unscaled) reshapes the term legend
                stroke: { field: 'colour', type: 'nominal', scale: null },
                tooltip: [
                  { field: 'kind', type: 'nominal', title: 'Rule' },
                  { field: 'detail', type: 'nominal', title: 'Where' },
                ],
              },
            },
            // each label on its line over the plot, one layer for all (a layer a line would run empty
            // when rules merge, and vega warns of an empty extent)
            {
              mark: {
                type: 'text',
                align: 'right',
                dx: -4,
                dy: { expr: `-${LABEL_LINE} * datum.line` },
                baseline: 'bottom',
                fontSize: 11,
              },
              encoding: {
                x: x('x'),
                y: { value: -4 },
                text: { field: 'label' },
                fill: { field: 'colour', type: 'nominal', scale: null },
              },
            },
          ],
        },
        {
          data: { name: 'steps' },
          encoding: { y: namesY('label', { field: 'order', op: 'min' }, extent) },
          layer: [
            {
              mark: { type: 'bar', height: { band: 0.7 } },
              encoding: {
                x: x('start'),
                x2: { field: 'end' },
                color: STEP_COLOUR,
                tooltip: [
                  { field: 'label', type: 'nominal', title: 'Term' },
                  {
                    field: 'value',
                    type: 'quantitative',
                    title: 'Value (rungs)',
                    format: FORMATS.signedScore,
                  },
                  { field: 'start', type: 'quantitative', title: 'From', format: FORMATS.score },
                  { field: 'end', type: 'quantitative', title: 'To', format: FORMATS.score },
                ],
              },
            },
            // a white ground under each value, so that the dashed rules pass behind it, not through it
            {
              transform: [{ filter: '!datum.zero' }],
              mark: {
                type: 'rect',
                color: 'white',
                height: 14,
                xOffset: 2,
                x2Offset: 2 + LABEL_GROUND,
              },
              encoding: { x: x('label_x'), x2: { field: 'label_x' } },
            },
            {
              transform: [{ filter: '!datum.zero' }],
              ...valueText({ field: 'value_label' }),
              encoding: { x: x('label_x'), text: { field: 'value_label' } },
            },
            {
              transform: [{ filter: 'datum.zero' }],
              mark: { ...valueText({ field: 'value_label' }).mark, color: GREY },
              encoding: { x: { value: 0 }, text: { field: 'value_label' } },
            },
          ],
        },
      ],
    },
    {
      title: panelTitle("(b) This month's chances: a rung down, stay, or up"),
      data: { name: 'options' },
      // room right of the plot for '100%'
      width: plot - 36,
      height: { step: 24 },
      encoding: {
        y: namesY('label', { field: 'rung', op: 'min' }, extent),
        x: {
          field: 'p',
          type: 'quantitative',
          title: 'Chance this month',
          scale: { domain: UNIT },
          axis: { format: FORMATS.share, values: QUARTERS, tickCount: QUARTERS.length },
        },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Option' },
          { field: 'p', type: 'quantitative', title: 'Chance', format: '.1%' },
        ],
      },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            color: {
              field: 'chosen',
              type: 'nominal',
              title: null,
              scale: { domain: CHOICES, range: CHOICE_COLOURS },
              legend: { orient: 'bottom', direction: 'horizontal' },
            },
          },
        },
        valueText({ field: 'p', type: 'quantitative', format: FORMATS.share }),
      ],
    },
  ];
  const gate = doc.binding_gate;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Why ${doc.name} stands where it does, ${monthName(doc.date)}`,
      // one run of the model, not the record nor an ensemble
      ...subtitleLines(`${doc.scenario} · seed ${doc.seed} · ${doc.date} · in one simulated run`, width),
    ),
    description: caption(
      doc.moved
        ? `${doc.name} moved from rung ${rungName(doc.rung_before)} to ${rungName(doc.rung_after)} this month, after ${causeWords(doc.cause)}.`
        : `${doc.name} stays at rung ${rungName(doc.rung_before)} this month.`,
      `Its drive, the rung its interests point to, is ${sig3(doc.drive)} rungs: the sum of the terms in panel (a), each bar starting where the one above ends; a grey 0 at the left: a term that adds nothing this month.`,
      doc.observed === undefined
        ? ''
        : doc.observed === doc.rung_after
          ? `The record has ${doc.name} at the same rung that month.`
          : `The record has ${doc.name} at rung ${rungName(doc.observed)} that month (grey rule), where this run has ${rungName(doc.rung_after)}.`,
      `Cap: rung ${rungName(doc.cap)}; ${capReason(doc)}.`,
      gate && !capReason(doc).startsWith(`gate of rung ${gate.rung}`)
        ? `Binding gate: reaching rung ${gate.rung} needs ${condition(gate.when)}.`
        : '',
      doc.listed
        ? `${doc.name} lists the Taliban: no ambassadors or recognition until it delists.`
        : `${doc.name} does not list the Taliban.`,
      `First-mover cost of the next rung: ${sig3(doc.first_mover_cost)} rungs.`,
      "Panel (b): this month's chances of moving a rung down, staying and moving up.",
      doc.moved
        ? ''
        : doc.cause === 'none'
          ? 'Nothing it saw lately would prompt a move: a move down needs such a reason, a move up is then less likely.'
          : `A move needs a reason the country saw lately; this month's: ${causeWords(doc.cause)}.`,
    ),
    datasets: { steps, rules: marks, ...(options.length > 0 ? { options } : {}) },
    vconcat: options.length > 0 ? views : views.slice(0, 1),
    spacing: 28,
    resolve: { scale: { color: 'independent' } },
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- faction

export interface PowerTermDatum {
  order: number;
  term: string;
  label: string;
  /** the term's share of the month's change of the power share (points of the share as a fraction:
   * 0.01 = 1 percentage point): its log-power growth × the logarithmic mean of the two shares */
  value: number;
  /** the term's contribution to the growth of log power, as the model has it */
  log_value: number;
  /** the step of the waterfall: from where the term above ended; the change itself from 0 */
  start: number;
  end: number;
  kind: string;
  /** the value in percentage points, to three significant digits */
  value_label: string;
  /** where the value goes: the bar's end, right of it for a part that raises the share, left of it
   * for one that lowers it */
  label_x: number;
}

/** The row of the rest of the change: the month's noise, the other factions' terms (the shares are
 * renormalized to add up to 1), the floor and contests. */
export const POWER_REST = 'noise and the other factions';
const POWER_CHANGE = 'change of the power share';

/**
 * The month's change of a faction's power share, term by term: a waterfall whose bars add up to
 * power_after − power_before. The model grows log power by the terms and noise, then renormalizes the
 * shares; the change of log share is exact, ln(after / before) = Σ terms + the rest, and each part is
 * carried into points of the share by the same factor, the logarithmic mean of the two shares
 * (Δshare / Δln share), so that they add up to the change exactly. The rest is its own bar.
 */
export function powerTermData(doc: FactionExplanation): PowerTermDatum[] {
  const kind = 'explain-faction';
  const before = finite(kind, doc.power_before, 'power_before');
  const after = finite(kind, doc.power_after, 'power_after');
  if (!(before > 0 && after > 0))
    throw new RangeError(`${kind}: the power shares must be above 0 (got ${before} and ${after})`);
  const change = after - before;
  const logChange = Math.log(after / before);
  // the logarithmic mean of the two shares (the share itself when they are equal)
  const scale = Math.abs(logChange) < 1e-12 ? before : change / logChange;
  const parts = doc.terms.map((t) => ({
    term: t.term,
    label: termLabel(POWER_TERM_LABELS, t.term),
    log: finite(kind, t.value, `term '${t.term}'`),
  }));
  const named = parts.reduce((s, p) => s + p.log, 0);
  parts.push({ term: 'rest', label: POWER_REST, log: logChange - named });
  let at = 0;
  const out: PowerTermDatum[] = parts.map((p, order) => {
    const value = p.log * scale;
    const start = at;
    at += value;
    return {
      order,
      term: p.term,
      label: p.label,
      value,
      log_value: p.log,
      start,
      end: at,
      kind: STEP_KINDS[value >= 0 ? 0 : 1]!,
      value_label: signedSig3(100 * value),
      label_x: at,
    };
  });
  out.push({
    order: out.length,
    term: 'change',
    label: POWER_CHANGE,
    value: change,
    log_value: logChange,
    start: 0,
    end: change,
    kind: STEP_KINDS[2]!,
    value_label: signedSig3(100 * change),
    label_x: change,
  });
  return out;
}

/** A share as a percentage to three significant digits: 0.7109 → '71.1%'. */
const pct3 = (x: number) => `${sig3(100 * x)}%`;

export interface PolicyWeightDatum {
  dimension: string;
  label: string;
  target: number;
  ideal: number;
  weight: number;
}
export interface PolicyPoint {
  label: string;
  which: string;
  value: number;
}

/**
 * Why a faction's power moved in one month: (a) the change of its power share as a waterfall of the
 * named terms' parts and the rest (powerTermData), adding up to the change; (b) its weight in the
 * regime's policy target on each dimension; (c) the target against the faction's ideal. Data: the datasets 'terms' (PowerTermDatum), 'policy' (PolicyWeightDatum) and
 * 'policy_points' (PolicyPoint).
 */
export function explainFactionChart(doc: FactionExplanation, opts: ChartOptions = {}): TopLevelSpec {
  const kind = 'explain-faction';
  if (doc.terms.length === 0) throw new RangeError(`${kind}: the document has no power terms`);
  const width = widthOf(opts);
  const terms = powerTermData(doc);
  const policy: PolicyWeightDatum[] = doc.policy.map((p) => ({
    dimension: p.dimension,
    label: POLICY_LABELS[p.dimension] ?? p.dimension.replaceAll('_', ' '),
    target: finite(kind, p.target, `target of '${p.dimension}'`),
    ideal: finite(kind, p.ideal, `ideal of '${p.dimension}'`),
    weight: share(kind, p.weight, `weight on '${p.dimension}'`),
  }));
  const ideal = `ideal of ${doc.name}`;
  const points: PolicyPoint[] = policy.flatMap((p) => [
    { label: p.label, which: 'policy target', value: p.target },
    { label: p.label, which: ideal, value: p.ideal },
  ]);
  const colour = factionColour(doc.faction);
  const labels = [...terms.map((t) => t.label), ...policy.map((p) => p.label)];
  // the change in points of the share: the axis in percentage points
  const pointsX = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Change of the power share (percentage points)',
      // room at both ends for the values written beside the bars
      scale: { zero: true, padding: LABEL_ROOM },
      axis: { labelExpr: "format(100 * datum.value, '~g')", tickCount: 5 },
    }) as const;
  const extent = nameAxisExtent(labels);
  const plot = inner(width) - extent;
  const policyY = namesY(
    'label',
    policy.map((p) => p.label),
    extent,
  );
  const policyTooltip = [
    { field: 'label', type: 'nominal', title: 'Dimension' },
    { field: 'weight', type: 'quantitative', title: `Weight of ${doc.name}`, format: '.1%' },
    { field: 'target', type: 'quantitative', title: 'Policy target', format: FORMATS.score },
    { field: 'ideal', type: 'quantitative', title: `Ideal of ${doc.name}`, format: FORMATS.score },
  ] as const;
  const views: ViewSpec[] = [
    {
      title: panelTitle('(a) The change of its power share this month, term by term'),
      data: { name: 'terms' },
      width: plot,
      height: { step: 24 },
      encoding: {
        y: namesY('label', { field: 'order', op: 'min' }, extent),
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Term' },
          { field: 'value', type: 'quantitative', title: 'Share of the change', format: '+.3r' },
          {
            field: 'log_value',
            type: 'quantitative',
            title: 'Growth of log power',
            format: FORMATS.signedScore,
          },
        ],
      },
      layer: [
        {
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: { x: pointsX('start'), x2: { field: 'end' }, color: STEP_COLOUR },
        },
        {
          mark: { type: 'rule', color: INK },
          encoding: { x: { datum: 0, type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'datum.value >= 0' }],
          ...valueText({ field: 'value_label' }),
          encoding: { x: pointsX('label_x'), text: { field: 'value_label' } },
        },
        {
          transform: [{ filter: 'datum.value < 0' }],
          mark: { type: 'text', align: 'right', dx: -4, fontSize: 11, color: INK },
          encoding: { x: pointsX('label_x'), text: { field: 'value_label' } },
        },
      ],
    },
  ];
  if (policy.length > 0)
    views.push(
      {
        title: panelTitle(`(b) Weight of ${doc.name} in the regime's policy target`),
        data: { name: 'policy' },
        width: plot,
        height: { step: 24 },
        encoding: {
          y: policyY,
          x: {
            field: 'weight',
            type: 'quantitative',
            title: 'Share of the target set by this faction',
            scale: { domain: UNIT },
            axis: { format: FORMATS.share },
          },
          tooltip: [...policyTooltip],
        },
        layer: [
          { mark: { type: 'bar', height: { band: 0.6 }, color: TOTAL } },
          valueText({ field: 'weight', type: 'quantitative', format: FORMATS.share }),
        ],
      },
      {
        title: panelTitle(`(c) The policy target against the ideal of ${doc.name}`),
        width: plot,
        height: { step: 24 },
        layer: [
          {
            data: { name: 'policy' },
            mark: { type: 'rule', color: '#aaaaaa', strokeWidth: 2 },
            encoding: {
              y: policyY,
              x: {
                field: 'target',
                type: 'quantitative',
                scale: { domain: UNIT },
                title: 'Index (0 = most closed, 1 = most open)',
              },
              x2: { field: 'ideal' },
              tooltip: [...policyTooltip],
            },
          },
          {
            data: { name: 'policy_points' },
            mark: { type: 'point', filled: true, size: 80, opacity: 1 },
            encoding: {
              y: policyY,
              x: { field: 'value', type: 'quantitative', scale: { domain: UNIT } },
              color: {
                field: 'which',
                type: 'nominal',
                title: null,
                scale: { domain: ['policy target', ideal], range: [INK, colour] },
                legend: { orient: 'bottom', direction: 'horizontal' },
              },
              shape: {
                field: 'which',
                type: 'nominal',
                title: null,
                scale: { domain: ['policy target', ideal], range: ['circle', 'diamond'] },
              },
              tooltip: [
                { field: 'label', type: 'nominal', title: 'Dimension' },
                { field: 'which', type: 'nominal', title: 'Value' },
                { field: 'value', type: 'quantitative', title: 'Index', format: FORMATS.score },
              ],
            },
          },
        ],
      },
    );
  const { earned, unearned, isolation } = doc.flows;
  const change = doc.power_after - doc.power_before;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Why the power of the ${doc.name} moved, ${monthName(doc.date)}`,
      // one run of the model, not the record nor an ensemble
      ...subtitleLines(`${doc.scenario} · seed ${doc.seed} · ${doc.date} · in one simulated run`, width),
    ),
    description: caption(
      `The power share of ${doc.name} went from ${pct3(doc.power_before)} to ${pct3(doc.power_after)} (${signedSig3(100 * change)} points) this month.`,
      'Panel (a): the change term by term in points; the parts add up to the change.',
      `A term's part is its growth of log power (${terms
        .filter((t) => t.term !== 'rest' && t.term !== 'change')
        .map((t) => `${t.label} ${signedSig3(t.log_value)}`)
        .join(
          ', ',
        )}) times ${sig3(Math.abs(change) > 0 ? change / Math.log(doc.power_after / doc.power_before) : doc.power_before)}, the two shares' logarithmic mean.`,
      `"${POWER_REST[0]!.toUpperCase()}${POWER_REST.slice(1)}" (${signedSig3(100 * terms.find((t) => t.term === 'rest')!.value)} points): the random shock, and the other factions' terms once the shares are rescaled to add up to 1.`,
      `Inputs this month: engagement earned by reform ${sig3(earned)} (rewards reform), legitimacy without reform ${sig3(unearned)} (emboldens), Western isolation ${sig3(isolation)} (crack-down).`,
      policy.length > 0
        ? "Panels (b) and (c): its weight in the regime's policy target, and the target against its ideal."
        : '',
    ),
    datasets: { terms, ...(policy.length > 0 ? { policy, policy_points: points } : {}) },
    vconcat: views,
    spacing: 28,
    resolve: { scale: { color: 'independent', shape: 'independent' } },
    config: baseConfig(),
  } as TopLevelSpec;
}
