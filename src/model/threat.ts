// ISK threat: a mean-reverting level whose long-run mean falls with Taliban counter-terrorism
// cooperation, with attacks that arrive more often when the threat is high and push it up.

import type { World } from './world.js';

const CT = 1;

export function stepThreat(w: World): void {
  const t = w.params.threat;
  const stream = w.streams.threat;
  const mean = t.mean * (1 - t.suppression * w.policy[CT]!);
  let h = w.threat + t.reversion * (mean - w.threat) + t.volatility * stream.normal();
  const u = stream.double();
  const rate = t.mean > 0 ? Math.min(1, (t.attack_rate * Math.max(0, h)) / t.mean) : 0;
  w.attacks = u < rate ? 1 : 0;
  if (w.attacks) {
    h += t.attack_jump;
    w.log.push({ date: w.date, actor: 'isk', what: 'mass-casualty attack abroad' });
  }
  w.threat = Math.min(1, Math.max(0, h));
}
