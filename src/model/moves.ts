// A change of rung, chosen or forced: the move record, the log line, and the engagement flows the
// factions claim credit for. An upgrade is *earned* when a gate covering the new rung had been
// closed and is open now (policy crossed a binding benchmark); other upgrades are given without
// conditions. A downgrade withdraws what the lost rung had added, from the flow it went to.

import { CAUSES } from './types.js';
import type { World } from './world.js';

export function recordMove(w: World, i: number, to: number, cause: number, forced: boolean): void {
  const c = w.countries;
  const from = w.rung[i]!;
  if (to === from) return;
  w.rung[i] = to;
  w.lastChange[i] = w.month;
  const share = c.weight[i]! / c.totalWeight;
  let earned = false;
  if (to > from) {
    const gates = c.gates[i]!;
    for (let g = 0; g < gates.length; g++) {
      const r = gates[g]!.rung;
      const bit = 1 << g;
      if (r > from && r <= to && w.gateOpen[i]! & bit && w.gateWasClosed[i]! & bit) earned = true;
    }
    for (let r = from + 1; r <= to; r++) {
      if (earned) w.earnedRungs[i]! |= 1 << r;
      else w.earnedRungs[i]! &= ~(1 << r);
    }
    if (earned) w.flowEarned += share * (to - from);
    else w.flowUnearned += share * (to - from);
  } else {
    for (let r = to + 1; r <= from; r++) {
      if (w.earnedRungs[i]! & (1 << r)) w.flowEarned -= share;
      else w.flowUnearned -= share;
      w.earnedRungs[i]! &= ~(1 << r);
    }
  }
  const why = CAUSES[cause]!;
  w.moves.push({ date: w.date, country: c.ids[i]!, from, to, cause: why, forced, earned });
  w.log?.push({
    date: w.date,
    actor: c.ids[i]!,
    what: `${forced ? 'is moved' : 'moves'} from rung ${from} to ${to} (cause: ${why}${earned ? ', earned' : ''})`,
  });
}
