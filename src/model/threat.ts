// ISK threat: a mean-reverting level whose long-run mean falls with Taliban counter-terrorism
// cooperation. Attacks abroad arrive more often when the threat is high; each hits one country,
// chosen in proportion to its exposure, which then feels the threat more for a while.

import { CAUSE, stamp } from './causes.js';
import type { World } from './world.js';

const CT = 1;

export function stepThreat(w: World): void {
  const t = w.params.threat;
  const c = w.countries;
  const stream = w.streams.threat;
  const mean = t.mean * (1 - t.suppression * w.policy[CT]!);
  const h = w.threat + t.reversion * (mean - w.threat) + t.volatility * stream.normal();
  const u = stream.double();
  const pick = stream.double() * c.totalSecurity;
  const rate = t.mean > 0 ? Math.min(1, (t.attack_rate * Math.max(0, h)) / t.mean) : 0;
  for (let i = 0; i < c.ids.length; i++) w.felt[i]! *= 1 - t.reversion;
  w.attacks = u < rate && c.totalSecurity > 0 ? 1 : 0;
  if (w.attacks) {
    let acc = 0;
    let target = c.ids.length - 1;
    for (let i = 0; i < c.ids.length; i++) {
      acc += c.security[i]!;
      if (pick < acc) {
        target = i;
        break;
      }
    }
    attack(w, target);
  }
  w.threat = Math.min(1, Math.max(0, h));
}

/** An ISK mass-casualty attack in country i: it feels the threat more, and it is a cause. */
export function attack(w: World, i: number): void {
  w.felt[i]! += w.params.threat.attack_jump;
  stamp(w, i, CAUSE.threat);
  w.log?.push({ date: w.date, actor: w.countries.ids[i]!, what: 'is hit by an ISK mass-casualty attack' });
}
