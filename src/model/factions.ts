// Taliban factions: power shares move with consolidation and with what each faction can claim credit
// for (the three competing mechanisms); ideals on every policy dimension shift with the same flows and
// relax to their anchors. The flows are signed: a downgrade withdraws what an upgrade gave.

import { westernIsolation } from './aggregates.js';
import { POWER_TERMS } from './terms.js';
import { DIMENSIONS, FACTIONS } from './types.js';
import type { World } from './world.js';

const ND = DIMENSIONS.length;
const NF = FACTIONS.length;
const K = 0; // kandahar
const H = 1; // haqqani
const S = 2; // swing

/** Faction f's log-power growth terms (POWER_TERMS order), written into `out` from index `at`; their sum. */
export function powerTerms(w: World, f: number, out: Float64Array, at = 0): number {
  const { power, mechanisms: m } = w.params;
  let consolidation = 0;
  let reform = 0;
  let emboldening = 0;
  let crackdown = 0;
  if (f === K) {
    if (w.power[K]! > power.consolidation_threshold) consolidation = power.consolidation_rate;
    if (m.emboldening.enabled) emboldening = m.emboldening.power_gain * w.unearned;
    if (m.isolation_crackdown.enabled) crackdown = m.isolation_crackdown.power_gain * w.isolation;
  } else if (m.reform_rewarded.enabled) {
    reform = m.reform_rewarded.power_gain * w.earned;
  }
  out[at] = consolidation;
  out[at + 1] = reform;
  out[at + 2] = emboldening;
  out[at + 3] = crackdown;
  return consolidation + reform + emboldening + crackdown;
}

/** Add `delta` to faction f's share, taking it from (or giving it to) the others in proportion. */
export function shiftPower(power: Float64Array, f: number, delta: number, floor: number): void {
  const before = power[f]!;
  const after = Math.min(1 - floor * (NF - 1), Math.max(floor, before + delta));
  const rest = 1 - before;
  for (let g = 0; g < NF; g++) {
    if (g !== f) power[g] = rest > 0 ? (power[g]! * (1 - after)) / rest : (1 - after) / (NF - 1);
  }
  power[f] = after;
  enforceFloor(power, floor);
}

/** Lift any share below `floor` to it, taking the difference from the shares above in proportion. */
export function enforceFloor(power: Float64Array, floor: number): void {
  let deficit = 0;
  let above = 0;
  for (let g = 0; g < NF; g++) {
    if (power[g]! < floor) deficit += floor - power[g]!;
    else above += power[g]! - floor;
  }
  if (deficit === 0) return;
  for (let g = 0; g < NF; g++) {
    power[g] = power[g]! < floor ? floor : power[g]! - (deficit * (power[g]! - floor)) / above;
  }
}

const logPower = new Float64Array(NF);

export function stepFactions(w: World): void {
  const { power: pp, mechanisms: m, regime } = w.params;
  const stream = w.streams.factions;
  w.isolation = m.isolation_crackdown.enabled ? westernIsolation(w, m.isolation_crackdown.threshold) : 0;

  let max = -Infinity;
  for (let f = 0; f < NF; f++) {
    // each faction's terms are kept in the world, for explanations
    logPower[f] =
      Math.log(w.power[f]!) +
      powerTerms(w, f, w.powerTerms, f * POWER_TERMS.length) +
      pp.noise * stream.normal();
    max = Math.max(max, logPower[f]!);
  }
  // softmax: each exponential once
  let total = 0;
  for (let f = 0; f < NF; f++) {
    logPower[f] = Math.exp(logPower[f]! - max);
    total += logPower[f]!;
  }
  for (let f = 0; f < NF; f++) w.power[f] = logPower[f]! / total;
  enforceFloor(w.power, pp.floor);

  // an open Kandahar–Haqqani confrontation, resolved by a Tullock contest
  const occurs = stream.double();
  const outcome = stream.double();
  if (occurs < pp.contest_rate) {
    const a = w.power[K]! ** pp.contest_exponent;
    const b = w.power[H]! ** pp.contest_exponent;
    const kandaharWins = outcome < a / (a + b);
    const winner = kandaharWins ? K : H;
    const loser = kandaharWins ? H : K;
    shiftPower(w.power, loser, -pp.contest_loss * w.power[loser]!, pp.floor);
    w.log?.push({
      date: w.date,
      actor: FACTIONS[winner]!,
      what: `prevails over ${FACTIONS[loser]} in a confrontation`,
    });
  }

  for (let f = 0; f < NF; f++) {
    for (let k = 0; k < ND; k++) {
      const i = f * ND + k;
      let x = w.ideal[i]!;
      if (f === K) {
        if (m.emboldening.enabled) x -= m.emboldening.ideal_shift * w.unearned * x;
        if (m.isolation_crackdown.enabled) x -= m.isolation_crackdown.ideal_shift * w.isolation * x;
      } else if (m.reform_rewarded.enabled) {
        x += m.reform_rewarded.ideal_gain * w.earned * (1 - x);
      }
      w.ideal[i] = Math.min(1, Math.max(0, x));
    }
  }
  for (let i = 0; i < w.ideal.length; i++) w.ideal[i]! += regime.anchor * (w.anchor[i]! - w.ideal[i]!);
}

export { H as HAQQANI, K as KANDAHAR, S as SWING };
