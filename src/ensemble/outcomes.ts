// Per-run outcome measures for comparisons, sweeps, sensitivity and discovery, named in a small
// language: `<measure>[@YYYY-MM] [<op> <number>]`, e.g. `recognizers@2028-12 >= 5`,
// `west_at_least_4 >= 1`, `power_kandahar@2027-06`. Without a month the measure is read at the end;
// with a comparison it is an event (1 if true, 0 if not), so its mean over runs is a probability.

import { isMonth, parseMonth } from '../model/time.js';
import {
  type Bloc,
  DIMENSIONS,
  FACTIONS,
  MAX_RUNG,
  type ModelInput,
  type SimResult,
} from '../model/types.js';
import type { OutcomeRef } from './docs.js';

export class OutcomeError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'OutcomeError';
  }
}

/** What an outcome needs to know about the runs it will read. */
export interface OutcomeContext {
  countries: readonly string[];
  blocs: readonly Bloc[];
  start: string;
  end: string;
  /** display names of the countries and factions, by id (labels name them rather than show ids) */
  names?: Readonly<Record<string, string>>;
}

/** The outcome context of an input: its countries, their blocs and names, and its period. */
export function outcomeContext(input: Pick<ModelInput, 'params' | 'start' | 'end'>): OutcomeContext {
  const countries = Object.keys(input.params.countries);
  return {
    countries,
    blocs: countries.map((id) => input.params.countries[id]!.bloc),
    start: input.start,
    end: input.end,
    names: Object.fromEntries([
      ...countries.map((id) => [id, input.params.countries[id]!.name]),
      ...FACTIONS.map((f) => [f, input.params.factions[f].name]),
    ]),
  };
}

/** How a comparison reads in a label. */
const OP_LABEL: Record<string, string> = { '>=': '≥', '<=': '≤', '==': '=', '>': '>', '<': '<' };
/** How a comparison of a count of countries reads: '4 or more countries at rung ≥ 5'. */
const COUNT_LABEL: Record<string, (n: number) => string> = {
  '>=': (n) => `${n} or more`,
  '>': (n) => `more than ${n}`,
  '<=': (n) => `at most ${n}`,
  '<': (n) => `fewer than ${n}`,
  '==': (n) => `exactly ${n}`,
};

function comparison(label: string, op: string, limit: number): string {
  return /^(Western )?countries /.test(label)
    ? `${COUNT_LABEL[op]!(limit)} ${label}`
    : `${label} ${OP_LABEL[op]} ${limit}`;
}

export interface Outcome extends OutcomeRef {
  value: (r: SimResult) => number;
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '==': (a, b) => a === b,
};

/** The measures, for help texts and did-you-mean hints (k = 1..6, ID = a country id). */
export const MEASURES = [
  'recognizers',
  'at_least_<k>',
  'west_at_least_<k>',
  'rung_<ID>',
  'legitimacy',
  'threat',
  ...DIMENSIONS,
  ...FACTIONS.map((f) => `power_${f}`),
  'un_seat',
] as const;

const LABELS: Record<string, string> = {
  recognizers: 'countries at formal recognition',
  legitimacy: 'legitimacy index',
  threat: 'ISK threat',
  womens_rights: "women's rights index",
  ct_cooperation: 'counter-terrorism cooperation index',
  inclusivity: 'inclusivity index',
  un_seat: 'UN seat held',
};

type Reader = (r: SimResult, m: number) => number;

function measureReader(name: string, ctx: OutcomeContext): { read: Reader; label: string } {
  const n = ctx.countries.length;
  const countAtLeast = (k: number, keep: (c: number) => boolean): Reader => {
    return (r, m) => {
      let count = 0;
      for (let c = 0; c < n; c++) if (keep(c) && r.rung[m * n + c]! >= k) count++;
      return count;
    };
  };
  const rungK = (text: string) => {
    const k = Number(text);
    if (!Number.isInteger(k) || k < 1 || k > MAX_RUNG)
      throw new OutcomeError(`'${name}': rung ${text} is not on the ladder`, 'k is 1..6');
    return k;
  };
  const everyone = () => true;
  const west = (c: number) => ctx.blocs[c] === 'west';
  if (name === 'recognizers') return { read: countAtLeast(MAX_RUNG, everyone), label: LABELS[name]! };
  const [, prefix, arg] = /^(at_least|west_at_least|rung|power)_(\w+)$/.exec(name) ?? [];
  if (prefix === 'at_least')
    return { read: countAtLeast(rungK(arg!), everyone), label: `countries at rung ≥ ${arg}` };
  if (prefix === 'west_at_least')
    return { read: countAtLeast(rungK(arg!), west), label: `Western countries at rung ≥ ${arg}` };
  if (prefix === 'rung') {
    const c = ctx.countries.indexOf(arg!);
    if (c < 0) {
      const close = ctx.countries.find((id) => id.toLowerCase() === arg!.toLowerCase());
      throw new OutcomeError(
        `'${name}': unknown country '${arg}'`,
        close ? `did you mean 'rung_${close}'?` : `countries: ${ctx.countries.join(', ')}`,
      );
    }
    return { read: (r, m) => r.rung[m * n + c]!, label: `rung of ${ctx.names?.[arg!] ?? arg}` };
  }
  if (prefix === 'power') {
    const f = (FACTIONS as readonly string[]).indexOf(arg!);
    if (f < 0)
      throw new OutcomeError(`'${name}': unknown faction '${arg}'`, `factions: ${FACTIONS.join(', ')}`);
    return {
      read: (r, m) => r.power[m * FACTIONS.length + f]!,
      label: `power share of the ${ctx.names?.[arg!] ?? arg}`,
    };
  }
  const d = (DIMENSIONS as readonly string[]).indexOf(name);
  if (d >= 0) return { read: (r, m) => r.policy[m * DIMENSIONS.length + d]!, label: LABELS[name]! };
  if (name === 'legitimacy') return { read: (r, m) => r.legitimacy[m]!, label: LABELS[name]! };
  if (name === 'threat') return { read: (r, m) => r.threat[m]!, label: LABELS[name]! };
  if (name === 'un_seat') return { read: (r, m) => r.un_seat[m]!, label: LABELS[name]! };
  throw new OutcomeError(`unknown measure '${name}'`, `measures: ${MEASURES.join(', ')}`);
}

/** Parse an outcome against the runs' shape; throws OutcomeError with a hint. */
export function parseOutcome(text: string, ctx: OutcomeContext): Outcome {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:@\s*(\S+?))?\s*(?:(>=|<=|==|>|<)\s*(-?[\d.]+))?\s*$/.exec(
    text,
  );
  if (!m)
    throw new OutcomeError(
      `cannot read outcome '${text}'`,
      "write <measure>[@YYYY-MM] [>= number], e.g. 'recognizers@2028-12 >= 5'",
    );
  const [, name, month, op, threshold] = m;
  const { read, label } = measureReader(name!, ctx);
  const at = month ?? ctx.end;
  if (!isMonth(at))
    throw new OutcomeError(`'${text}': '${at}' is not a month`, 'write YYYY-MM, e.g. 2028-12');
  const index = parseMonth(at) - parseMonth(ctx.start);
  if (index < 0 || parseMonth(at) > parseMonth(ctx.end))
    throw new OutcomeError(`'${text}': ${at} is outside the run (${ctx.start} to ${ctx.end})`);
  if (op === undefined)
    return { text, label: `${label} in ${at}`, binary: false, value: (r) => read(r, index) };
  const limit = Number(threshold);
  if (!Number.isFinite(limit)) throw new OutcomeError(`'${text}': '${threshold}' is not a number`);
  const test = COMPARE[op]!;
  return {
    text,
    label: `${comparison(label, op, limit)} in ${at}`,
    binary: true,
    value: (r) => (test(read(r, index), limit) ? 1 : 0),
  };
}

/** Outcomes every study reports unless the user names others. */
export function defaultOutcomes(ctx: OutcomeContext): string[] {
  return [
    `recognizers@${ctx.end} >= 1`,
    `recognizers@${ctx.end}`,
    `west_at_least_4@${ctx.end} >= 1`,
    `at_least_5@${ctx.end}`,
    `power_kandahar@${ctx.end}`,
  ];
}
