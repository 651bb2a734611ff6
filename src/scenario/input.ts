// A loaded scenario + the data → the ModelInput of one run: the observed state at the start month,
// the history's shocks inside the run (when `history`), and the scenario's own events.

import { formatMonth, isMonth, parseMonth } from '../model/time.js';
import {
  DIMENSIONS,
  type Dimension,
  type Effect,
  FACTIONS,
  type FactionId,
  type InitialState,
  type ModelInput,
  type ScheduledEvent,
} from '../model/types.js';
import type { ModelData, Observation } from './data.js';
import { COMMAND_LINE, type Diagnostic, ScenarioError } from './errors.js';
import type { LoadedScenario } from './load.js';
import { firstObservedMonth, LAST_MONTH } from './months.js';

export interface InputOptions {
  seed?: string;
  start?: string;
  end?: string;
}

export function buildInput(s: LoadedScenario, data: ModelData, opts: InputOptions = {}): ModelInput {
  const diags: Diagnostic[] = [];
  const first = firstObservedMonth(data);
  const month = (key: 'start' | 'end'): string | undefined => {
    const fromOpts = opts[key] !== undefined;
    const value = opts[key] ?? s.meta[key];
    if (!isMonth(value)) {
      diags.push({
        file: fromOpts ? COMMAND_LINE : s.meta.file,
        path: fromOpts ? `--${key}` : key,
        message: `invalid month '${value}'`,
        expected: 'a month YYYY-MM',
      });
      return undefined;
    }
    return value;
  };
  const start = month('start');
  const end = month('end');
  const where = (key: 'start' | 'end') => ({
    file: opts[key] !== undefined ? COMMAND_LINE : s.meta.file,
    path: opts[key] !== undefined ? `--${key}` : key,
  });
  if (start && parseMonth(start) < parseMonth(first)) {
    diags.push({
      ...where('start'),
      message: `start ${start} is before the first observed month ${first}`,
      expected: `a month in ${first}..${LAST_MONTH}`,
      hint: `the initial state comes from data/events.csv, which begins at ${first}`,
    });
  }
  if (start && end && parseMonth(end) < parseMonth(start)) {
    diags.push({
      ...where('end'),
      message: `end ${end} is before start ${start}`,
      expected: `a month in ${start}..${LAST_MONTH}`,
    });
  } else if (end && parseMonth(end) > parseMonth(LAST_MONTH)) {
    diags.push({
      ...where('end'),
      message: `end ${end} is too far ahead`,
      expected: `a month up to ${LAST_MONTH}`,
    });
  }
  if (opts.seed !== undefined && opts.seed === '') {
    diags.push({ file: COMMAND_LINE, path: '--seed', message: 'empty seed', expected: 'a number or text' });
  }
  if (diags.length > 0 || !start || !end) throw new ScenarioError(diags);

  const initial = initialState(data, s.params.countries, start, s.params.factions, setShares(s));
  const events: ScheduledEvent[] = [];
  if (s.meta.history) events.push(...historyShocks(data, start, end));
  const lo = parseMonth(start);
  const hi = parseMonth(end);
  for (const ev of s.meta.events) {
    const m = parseMonth(ev.at);
    if (m >= lo && m <= hi) events.push(ev);
  }
  // stable: history before scenario events in the same month, file order within each
  const sorted = events
    .map((ev, i) => ({ ev, i, m: parseMonth(ev.at) }))
    .sort((a, b) => a.m - b.m || a.i - b.i)
    .map((x) => x.ev);
  return {
    scenario: s.meta.name,
    seed: opts.seed ?? s.meta.seed,
    start,
    end,
    params: s.params,
    initial,
    events: sorted,
    gates: s.gates,
  };
}

/** The starting power shares a scenario sets (`set: factions.<id>.power`). */
function setShares(s: LoadedScenario): Partial<Record<FactionId, number>> {
  const out: Partial<Record<FactionId, number>> = {};
  for (const f of FACTIONS)
    if (typeof s.meta.overrides[`factions.${f}.power`] === 'number') out[f] = s.params.factions[f].power;
  return out;
}

/** The observed state at `start`: every country's last stance and listing at or before it, the last
 * state rows (faction power renormalized to sum to 1; a faction without a power row keeps its share
 * from factions.yaml). Shares in `setPower` (a scenario's `set`) win; the other factions share what is
 * left in proportion to their observed shares. */
export function initialState(
  data: ModelData,
  countries: Record<string, unknown>,
  start: string,
  factions: Record<FactionId, { power: number }>,
  setPower: Partial<Record<FactionId, number>> = {},
): InitialState {
  const s = parseMonth(start);
  const upTo = data.observations.filter((o) => parseMonth(o.date) <= s);
  const last = (pred: (o: Observation) => boolean): Observation | undefined => {
    for (let i = upTo.length - 1; i >= 0; i--) if (pred(upTo[i]!)) return upTo[i];
    return undefined;
  };
  const diags: Diagnostic[] = [];
  const file = `${data.dir}/events.csv`;
  const rung: Record<string, number> = {};
  const listed: Record<string, boolean> = {};
  for (const id of Object.keys(countries)) {
    const st = last((o) => o.kind === 'stance' && o.actor === id);
    if (st?.rung === undefined)
      diags.push({ file, message: `no 'stance' row for '${id}' at or before ${start}` });
    else rung[id] = st.rung;
    const li = last((o) => o.kind === 'listing' && o.actor === id);
    listed[id] = (li?.value ?? 0) >= 0.5;
  }
  const stateValue = (variable: string, actor?: string): number | undefined =>
    last((o) => o.kind === 'state' && o.variable === variable && (actor === undefined || o.actor === actor))
      ?.value;
  const power = {} as Record<FactionId, number>;
  for (const f of FACTIONS) power[f] = stateValue('power', f) ?? factions[f].power;
  const fixed = FACTIONS.filter((f) => setPower[f] !== undefined);
  const left = 1 - fixed.reduce((sum, f) => sum + setPower[f]!, 0);
  const rest = FACTIONS.filter((f) => setPower[f] === undefined);
  const total = rest.reduce((sum, f) => sum + power[f], 0);
  for (const f of fixed) power[f] = setPower[f]!;
  for (const f of rest) power[f] = total > 0 ? (power[f] * left) / total : left / rest.length;
  const need = (variable: string): number => {
    const v = stateValue(variable);
    if (v === undefined) {
      diags.push({ file, message: `no 'state' row for '${variable}' at or before ${start}` });
      return Number.NaN;
    }
    return v;
  };
  const policy = Object.fromEntries(DIMENSIONS.map((d) => [d, need(d)])) as Record<Dimension, number>;
  const threat = need('threat');
  const un_seat = need('un_seat') >= 0.5;
  const un_sanctions = need('un_sanctions') >= 0.5;
  if (diags.length > 0) throw new ScenarioError(diags);
  return { rung, listed, power, policy, threat, un_seat, un_sanctions };
}

/** Shock rows after `start` and up to `end`, one event each. */
export function historyShocks(data: ModelData, start: string, end: string): ScheduledEvent[] {
  const lo = parseMonth(start);
  const hi = parseMonth(end);
  const out: ScheduledEvent[] = [];
  for (const o of data.observations) {
    if (o.kind !== 'shock' || o.value === undefined) continue;
    const m = parseMonth(o.date);
    if (m <= lo || m > hi) continue;
    let effect: Effect;
    if (o.variable === 'power') effect = { kind: 'power', faction: o.actor as FactionId, delta: o.value };
    else if (o.variable === 'threat') effect = { kind: 'threat', delta: o.value };
    else if (o.variable === 'drive') effect = { kind: 'drive', country: o.actor, delta: o.value };
    else if ((DIMENSIONS as readonly string[]).includes(o.variable ?? ''))
      effect = { kind: 'policy', dimension: o.variable as Dimension, delta: o.value };
    else continue;
    out.push({
      at: formatMonth(m),
      label: o.what,
      effects: [effect],
      origin: `${data.dir}/events.csv:${o.line}`,
    });
  }
  return out;
}
