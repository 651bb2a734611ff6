// World-level quantities derived from the state: the legitimacy index, Western isolation, and the
// condition variables that gates read.

import { WORLD_VARIABLES } from './variables.js';
import type { World } from './world.js';

const NW = Object.keys(WORLD_VARIABLES).length;

/** Weighted mean rung / 6 over all countries (0 = nobody engages, 1 = all recognize). */
export function legitimacy(w: World): number {
  const { weight, totalWeight } = w.countries;
  let sum = 0;
  for (let i = 0; i < w.rung.length; i++) sum += weight[i]! * w.rung[i]!;
  return sum / (6 * totalWeight);
}

/** Shortfall of the weighted mean Western rung below `threshold` (in rungs), as a fraction 0..1. */
export function westernIsolation(w: World, threshold: number): number {
  const { weight, west, westWeight } = w.countries;
  if (westWeight === 0 || threshold <= 0) return 0;
  let sum = 0;
  for (let i = 0; i < w.rung.length; i++) if (west[i]) sum += weight[i]! * w.rung[i]!;
  return Math.max(0, threshold - sum / westWeight) / threshold;
}

/** Write the condition variables (layout of conditionVariables) from the current state. */
export function updateVariables(w: World): void {
  const v = w.vars;
  const n = w.rung.length;
  let recognizers = 0;
  let ambassadors = 0;
  let presence = 0;
  for (let i = 0; i < n; i++) {
    const r = w.rung[i]!;
    if (r >= 6) recognizers++;
    if (r >= 5) ambassadors++;
    if (r >= 4) presence++;
    v[NW + i] = r;
    v[NW + n + i] = w.listed[i]!;
  }
  v[0] = w.policy[0]!;
  v[1] = w.policy[1]!;
  v[2] = w.policy[2]!;
  v[3] = w.threat;
  v[4] = w.power[0]!;
  v[5] = w.power[1]!;
  v[6] = w.power[2]!;
  v[7] = w.legitimacy;
  v[8] = recognizers;
  v[9] = ambassadors;
  v[10] = presence;
  v[11] = w.unSeat;
  v[12] = Math.floor(w.month / 12);
}
