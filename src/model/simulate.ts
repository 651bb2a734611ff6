// One run: orders the submodels' monthly steps and records the trajectories. Month 0 is the initial
// state (plus events dated at the start month); every later month runs
// events → factions → regime policy → ISK threat → countries → UN, then checks the state is finite.

import { legitimacy, updateVariables } from './aggregates.js';
import { noteGates, readGateTests } from './causes.js';
import { checkFinite } from './check.js';
import { drives, stepCountries } from './countries.js';
import { applyEffect } from './events.js';
import { stepFactions } from './factions.js';
import { stepRegime } from './regime.js';
import { stepThreat } from './threat.js';
import { monthRange, parseMonth } from './time.js';
import {
  DIMENSIONS,
  FACTIONS,
  type Forcing,
  HAZARD_FIELDS,
  type ModelInput,
  type SimResult,
} from './types.js';
import { stepUn } from './un.js';
import { createWorld, snapshotRungs, type World } from './world.js';

/** Called after each simulated month's step (not month 0), with the world as the step left it. */
export type AfterStep = (w: World, month: number) => void;

/** One run. With `forcing`, every country is held to the observed record month by month and the
 * hazards it would have faced are written into `forcing.hazards` (the likelihood of the record). With
 * `into`, a result of the same period and countries (an ensemble's last replication, read and done
 * with), the run is written into its arrays and keeps no log, in the world of the last
 * replication: replications then allocate no result or world and format no words. */
export function simulate(
  input: ModelInput,
  afterStep?: AfterStep,
  forcing?: Forcing,
  into?: SimResult,
): SimResult {
  const first = parseMonth(input.start);
  const months = parseMonth(input.end) - first + 1;
  // a replication (its result written `into` the last) runs in the world `into` was run in too,
  // when no afterStep could have kept hold of it
  const replication = into !== undefined && afterStep === undefined;
  const w = createWorld(input, first, replication ? worldOf.get(into) : undefined);
  if (into) w.log = undefined;
  w.readsDecisions = afterStep !== undefined || forcing !== undefined;
  const n = w.countries.ids.length;
  if (forcing) holdFrom(w, forcing, months);
  const { events, labels } = schedule(input);
  const out = fits(into, labels, n) ? into : resultFor(labels, n);
  if (replication) worldOf.set(out, w);
  out.scenario = input.scenario;
  out.seed = input.seed;
  out.countries = w.countries.ids;
  out.log = w.log ?? [];
  out.moves = w.moves;
  let next = 0;
  for (let m = 0; m < months; m++) {
    w.month = first + m;
    w.step = m;
    w.date = labels[m]!;
    while (next < events.length && events[next]!.month === w.month) {
      const { e } = events[next++]!;
      for (const effect of e.effects) applyEffect(w, effect);
      w.log?.push({ date: w.date, actor: 'event', what: e.label });
    }
    w.legitimacy = legitimacy(w);
    if (m === 0) {
      updateVariables(w);
      snapshotRungs(w);
      readGateTests(w);
      drives(w, w.terms);
      for (let i = 0; i < n; i++) noteGates(w, i);
    } else {
      stepMonth(w);
      afterStep?.(w, m);
    }
    checkFinite(w);
    record(w, out, m);
    w.prevPolicy.set(w.policy);
    w.prevThreat = w.threat;
  }
  return out;
}

/** The world a replication's result was run in (simulate's `into` runs), taken over by the next run
 * written into it: it lives as long as the caller keeps the result. */
const worldOf = new WeakMap<SimResult, World>();

/** New result arrays for a run over `labels` of n countries (every cell is written month by month). */
function resultFor(labels: readonly string[], n: number): SimResult {
  const months = labels.length;
  return {
    scenario: '',
    seed: '',
    months: labels.slice(),
    countries: [],
    rung: new Int8Array(months * n),
    listed: new Uint8Array(months * n),
    drive: new Float64Array(months * n),
    power: new Float64Array(months * FACTIONS.length),
    policy: new Float64Array(months * DIMENSIONS.length),
    threat: new Float64Array(months),
    attacks: new Uint8Array(months),
    legitimacy: new Float64Array(months),
    un_seat: new Uint8Array(months),
    un_sanctions: new Uint8Array(months),
    log: [],
    moves: [],
  };
}

/** Whether a result holds a run over the same months of n countries. */
function fits(r: SimResult | undefined, labels: readonly string[], n: number): r is SimResult {
  return (
    r !== undefined &&
    r.months.length === labels.length &&
    r.months[0] === labels[0] &&
    r.rung.length === labels.length * n
  );
}

/** Checks the record fits the run and starts where the run starts. */
function holdFrom(w: World, f: Forcing, months: number): void {
  const n = w.countries.ids.length;
  if (f.rung.length !== months * n || f.listed.length !== months * n)
    throw new RangeError(
      `the record holds ${f.rung.length / n} months of ${n} countries; the run has ${months}`,
    );
  if (f.hazards.length !== months * n * HAZARD_FIELDS.length)
    throw new RangeError(`forcing.hazards must hold ${months * n * HAZARD_FIELDS.length} numbers`);
  for (let i = 0; i < n; i++)
    if (f.rung[i] !== w.rung[i] || f.listed[i] !== w.listed[i])
      throw new RangeError(
        `${w.countries.ids[i]} starts at rung ${w.rung[i]}${w.listed[i] ? ' (listed)' : ''}, the record at ${f.rung[i]}${f.listed[i] ? ' (listed)' : ''}`,
      );
  w.forcing = f;
}

interface Schedule {
  events: { month: number; e: ModelInput['events'][number] }[];
  labels: string[];
}

// An ensemble runs one input thousands of times: its event schedule and month labels are worked out
// once per (events, start, end), not once per run.
const schedules = new WeakMap<ModelInput['events'], Map<string, Schedule>>();

function schedule(input: ModelInput): Schedule {
  let byPeriod = schedules.get(input.events);
  if (!byPeriod) {
    byPeriod = new Map();
    schedules.set(input.events, byPeriod);
  }
  const key = `${input.start}:${input.end}`;
  let found = byPeriod.get(key);
  if (!found) {
    const first = parseMonth(input.start);
    const last = parseMonth(input.end);
    found = {
      events: input.events
        .map((e) => ({ month: parseMonth(e.at), e }))
        .filter((x) => x.month >= first && x.month <= last)
        .sort((a, b) => a.month - b.month),
      labels: monthRange(input.start, input.end),
    };
    byPeriod.set(key, found);
  }
  return found;
}

function stepMonth(w: World): void {
  stepFactions(w);
  stepRegime(w);
  stepThreat(w);
  updateVariables(w);
  stepCountries(w);
  w.legitimacy = legitimacy(w);
  stepUn(w);
}

function record(w: World, out: SimResult, m: number): void {
  const n = w.countries.ids.length;
  out.rung.set(w.rung, m * n);
  out.listed.set(w.listed, m * n);
  out.drive.set(w.drive, m * n);
  out.power.set(w.power, m * FACTIONS.length);
  out.policy.set(w.policy, m * DIMENSIONS.length);
  out.threat[m] = w.threat;
  out.attacks[m] = w.attacks;
  out.legitimacy[m] = w.legitimacy;
  out.un_seat[m] = w.unSeat;
  out.un_sanctions[m] = w.unSanctions;
}
