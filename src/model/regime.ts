// Regime policy: each index moves toward the power- and authority-weighted faction target, fast when
// it tightens and slowly when it loosens (edicts are sticky), with noise.

import { DIMENSIONS, FACTIONS } from './types.js';
import type { World } from './world.js';

const ND = DIMENSIONS.length;
const NF = FACTIONS.length;

/** The power- and authority-weighted faction target on dimension d. */
export function policyTarget(w: World, d: number): number {
  const authority = w.countries.authority;
  let num = 0;
  let den = 0;
  for (let f = 0; f < NF; f++) {
    const weight = w.power[f]! * authority[f * ND + d]!;
    num += weight * w.ideal[f * ND + d]!;
    den += weight;
  }
  return den > 0 ? num / den : w.policy[d]!;
}

export function stepRegime(w: World): void {
  const { tighten, loosen, noise } = w.params.regime;
  const stream = w.streams.regime;
  for (let d = 0; d < ND; d++) {
    const y = w.policy[d]!;
    const gap = policyTarget(w, d) - y;
    const next = y + (gap < 0 ? tighten : loosen) * gap + noise * stream.normal();
    w.policy[d] = Math.min(1, Math.max(0, next));
  }
}
