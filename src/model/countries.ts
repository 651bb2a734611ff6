// Countries: each month every country's drive (the rung its interests point to) is the sum of named
// terms; a country that reviews its stance moves at most one rung, by logit choice, never above the
// cap its conditional gates allow.

import { type CompiledGate, MAX_RUNG } from './types.js';
import type { World } from './world.js';

/** The terms of a country's drive, in rungs. Their sum is the drive the choice uses. */
export const DRIVE_TERMS = [
  'base',
  'security',
  'economic',
  'humanitarian',
  'rivalry',
  'peers',
  'patron',
  'rights',
  'domestic',
  'events',
] as const;
export type DriveTerm = (typeof DRIVE_TERMS)[number];

const WR = 0; // policy index of womens_rights
const CT = 1; // policy index of ct_cooperation

/** Fill `out` (length DRIVE_TERMS.length) with country i's drive terms; return their sum. */
export function driveTerms(w: World, i: number, out: Float64Array): number {
  const d = w.params.decision;
  const c = w.countries;
  const own = w.prevRung[i]!;
  const rivals = c.rivals[i]!;
  let rivalGap = 0;
  for (let k = 0; k < rivals.length; k++) rivalGap = Math.max(rivalGap, w.prevRung[rivals[k]!]! - own);
  const peers = c.peers[i]!;
  let peerSum = 0;
  for (let k = 0; k < peers.length; k++) peerSum += w.prevRung[peers[k]!]!;
  const patron = c.patron[i]!;
  out[0] = d.base;
  out[1] = d.security * c.security[i]! * w.threat * w.policy[CT]!;
  out[2] = d.economic * c.economic[i]!;
  out[3] = d.humanitarian * c.humanitarian[i]!;
  out[4] = (d.rivalry * rivalGap) / MAX_RUNG;
  out[5] = peers.length > 0 ? (d.peers * peerSum) / (peers.length * MAX_RUNG) : 0;
  out[6] = patron >= 0 ? (d.patron * w.prevRung[patron]!) / MAX_RUNG : 0;
  out[7] = -d.rights * c.rights[i]! * (1 - w.policy[WR]!);
  out[8] = -d.domestic * c.domestic[i]!;
  out[9] = w.shock[i]!;
  let sum = 0;
  for (let k = 0; k < DRIVE_TERMS.length; k++) sum += out[k]!;
  return sum;
}

/** The first gate that fails for country i (the one that binds), if any. */
export function bindingGate(w: World, i: number): CompiledGate | undefined {
  for (const gate of w.countries.gates[i]!) if (!gate.test(w.vars)) return gate;
  return undefined;
}

/** Highest rung country i may move up to: below its first failing gate, and below 6 while listed. */
export function gateCap(w: World, i: number): number {
  const gate = bindingGate(w, i);
  const cap = gate ? gate.rung - 1 : MAX_RUNG;
  return w.listed[i] ? Math.min(cap, MAX_RUNG - 1) : cap;
}

/**
 * First-mover cost of formal recognition, in rungs of drive: full while nobody recognizes, fading
 * linearly to 0 as the weighted share of recognizers reaches the tipping share (norm cascade).
 */
export function firstMoverCost(w: World): number {
  const { first_mover, tipping_share } = w.params.decision;
  const c = w.countries;
  let share = 0;
  for (let i = 0; i < c.ids.length; i++) if (w.prevRung[i] === MAX_RUNG) share += c.weight[i]!;
  share /= c.totalWeight;
  return tipping_share > 0 ? first_mover * Math.max(0, 1 - share / tipping_share) : 0;
}

/**
 * Utility of standing at rung r: quadratic loss from the drive, minus the cost of moving, minus the
 * first-mover cost of the act of recognizing (scaled so that it raises the drive needed by `cost6`
 * rungs; a country that already recognizes does not pay it again).
 */
export function utility(r: number, current: number, drive: number, inertia: number, cost6: number): number {
  const recognizing = r === MAX_RUNG && current < MAX_RUNG;
  const gap = r - drive;
  return -(gap * gap) - inertia * Math.abs(r - current) - (recognizing ? 2 * cost6 : 0);
}

/** Logit choice among the rungs one step down, stay, one step up (those allowed); u in (0,1). */
export function chooseRung(
  rung: number,
  drive: number,
  cap: number,
  cost6: number,
  w: World,
  u: number,
): number {
  const { temperature, inertia } = w.params.decision;
  const lo = Math.max(0, rung - 1);
  const hi = Math.min(MAX_RUNG, Math.max(rung, Math.min(rung + 1, cap)));
  const weights = choiceScratch;
  let best = -Infinity;
  for (let r = lo; r <= hi; r++) {
    weights[r - lo] = utility(r, rung, drive, inertia, cost6);
    best = Math.max(best, weights[r - lo]!);
  }
  let total = 0;
  for (let r = lo; r <= hi; r++) {
    weights[r - lo] = Math.exp((weights[r - lo]! - best) / temperature);
    total += weights[r - lo]!;
  }
  let acc = 0;
  for (let r = lo; r <= hi; r++) {
    acc += weights[r - lo]! / total;
    if (u < acc) return r;
  }
  return hi;
}

const choiceScratch = new Float64Array(3);

const terms = new Float64Array(DRIVE_TERMS.length);

export function stepCountries(w: World): void {
  const d = w.params.decision;
  const c = w.countries;
  w.prevRung.set(w.rung);
  let earned = 0;
  let unearned = 0;
  const cost6 = firstMoverCost(w);
  for (let i = 0; i < c.ids.length; i++) {
    w.shock[i]! *= d.shock_persistence;
    // one draw every month, reviewing or not, so a country's stream stays aligned across scenarios:
    // u < rate decides the review, and given a review u / rate is again uniform on (0, 1)
    const u = w.streams.countries[i]!.double();
    const rate = c.reviewRate[i]!;
    w.reviewed[i] = u < rate ? 1 : 0;
    if (u >= rate) {
      w.drive[i] = w.recordDrive ? driveTerms(w, i, terms) : Number.NaN;
      continue;
    }
    const pick = u / rate;
    const drive = driveTerms(w, i, terms);
    w.drive[i] = drive;
    const rung = w.prevRung[i]!;
    if (w.listed[i] && rung >= d.delist_rung && drive >= d.delist_drive) {
      w.listed[i] = 0;
      w.log.push({ date: w.date, actor: c.ids[i]!, what: 'removes the Taliban from its terrorist list' });
    }
    const next = chooseRung(rung, drive, gateCap(w, i), cost6, w, pick);
    if (next === rung) continue;
    w.rung[i] = next;
    w.log.push({ date: w.date, actor: c.ids[i]!, what: `moves from rung ${rung} to ${next}` });
    if (next > rung) {
      const share = c.weight[i]! / c.totalWeight;
      // engagement that passed through a satisfied gate was earned by reform
      const gates = c.gates[i]!;
      if (gates.length > 0 && gates[0]!.rung <= next) earned += share;
      else unearned += share;
    }
  }
  const m = w.params.mechanisms.memory;
  w.earned = m * w.earned + earned;
  w.unearned = m * w.unearned + unearned;
}
