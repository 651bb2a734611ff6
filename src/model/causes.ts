// Causes of moves: a closed list (CAUSES), each stamped with the month it was seen for a country.
// A move's cause is the most recent one within `cause_window` months (ties: the order of CAUSES);
// none in view is `none`. Downgrades need a cause; upgrades without one go at the `uncaused` pace.

import { CAUSES, type Cause } from './types.js';
import { capFor, NC, NEVER, type World } from './world.js';

export const CAUSE = Object.fromEntries(CAUSES.map((c, k) => [c, k])) as Record<Cause, number>;

/** Record that cause `k` was seen for country i this month. */
export function stamp(w: World, i: number, k: number): void {
  w.causeAt[i * NC + k] = w.month;
}

/** The cause in view for a move of country i in direction `dir` (+1 up, -1 down), an index into
 * CAUSES, or CAUSE.none. A policy jump is a cause only of moves its way (reform up, crackdown down). */
export function causeOf(w: World, i: number, dir: number): number {
  const since = w.month - w.params.decision.cause_window;
  let best = CAUSE.none;
  let at = NEVER;
  for (let k = 0; k < NC - 1; k++) {
    if (k === CAUSE.policy && w.policyDir !== dir) continue;
    const m = w.causeAt[i * NC + k]!;
    if (m >= since && m > at) {
      best = k;
      at = m;
    }
  }
  return best;
}

/** Whether a precursor of country i (delisting, an announced ambassador) is recent enough to count. */
export function precursorActive(w: World, i: number): boolean {
  return w.month - w.precursorAt[i]! <= w.params.decision.precursor_window;
}

/** Stamp the causes that come from the world this month: a peer, rival or patron changed rung last
 * month or by an event this month; a gate of the country opened or closed; policy or the ISK threat
 * jumped. Called at the start of the countries' step, before any country moves. */
export function stampWorldCauses(w: World): void {
  const c = w.countries;
  const d = w.params.decision;
  let policyJump = false;
  for (let k = 0; k < w.policy.length; k++) {
    const change = w.policy[k]! - w.prevPolicy[k]!;
    if (Math.abs(change) >= d.policy_shift) {
      policyJump = true;
      w.policyDir = Math.sign(change);
    }
  }
  const threatJump = w.threat - w.prevThreat >= d.threat_shock;
  // most months nobody moved last month or this one: then no country has a peer's move to see
  let latest = NEVER;
  for (let j = 0; j < c.ids.length; j++) latest = Math.max(latest, w.lastChange[j]!);
  const moved = latest >= w.month - 1;
  // most months no gate test changes its value: then no country's gates open or close
  const gatesMoved = readGateTests(w);
  if (!moved && !gatesMoved && !policyJump && !threatJump) return; // nothing for any country to see
  for (let i = 0; i < c.ids.length; i++) {
    const watched = c.watched[i]!;
    for (let k = 0; moved && k < watched.length; k++) {
      if (w.lastChange[watched[k]!]! >= w.month - 1) {
        stamp(w, i, CAUSE.peer);
        break;
      }
    }
    if (gatesMoved && noteGates(w, i)) stamp(w, i, CAUSE.gate);
    if (policyJump) stamp(w, i, CAUSE.policy);
    if (threatJump && c.security[i]! > 0) stamp(w, i, CAUSE.threat);
  }
}

/** Evaluate every distinct gate test on this month's variables (a condition several countries share,
 * once), for noteGates; whether any value differs from the last reading (or the country table does:
 * an event may derive a new one). When none does, noteGates would change nothing. */
export function readGateTests(w: World): boolean {
  const tests = w.countries.gateTests;
  let moved = w.gatesReadFor !== w.countries;
  w.gatesReadFor = w.countries;
  for (let k = 0; k < tests.length; k++) {
    const value = tests[k]!(w.vars) ? 1 : 0;
    if (value !== w.gateValue[k]) {
      w.gateValue[k] = value;
      moved = true;
    }
  }
  return moved;
}

/** Country i's gates from the tests' values into `gateOpen`; whether any opened or closed since the
 * last reading. */
export function noteGates(w: World, i: number): boolean {
  const slots = w.countries.gateSlot[i]!;
  let open = 0;
  for (let g = 0; g < slots.length; g++) if (w.gateValue[slots[g]!]) open |= 1 << g;
  const changed = open !== w.gateOpen[i];
  if (changed) w.openCap[i] = capFor(w.countries.gates[i]!, open);
  w.gateOpen[i] = open;
  w.gateWasClosed[i]! |= ((1 << slots.length) - 1) & ~open;
  return changed;
}
