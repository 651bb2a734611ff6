// The UN as an institutional agent: each December the General Assembly's credentials decision and the
// Security Council's renewal of the 1988 sanctions monitoring mandate, from the member stances.

import type { World } from './world.js';

const DECEMBER = 11;

export function stepUn(w: World): void {
  if (w.month % 12 !== DECEMBER) return;
  const u = w.params.un;
  const c = w.countries;
  let support = 0;
  let p3Block = false;
  let veto = false;
  for (let i = 0; i < c.ids.length; i++) {
    const r = w.rung[i]!;
    if (r >= 5) support += c.weight[i]!;
    if (c.p5[i] && c.west[i] && r < u.p3_block_below) p3Block = true;
    if (c.p5[i] && r >= u.veto_rung) veto = true;
  }
  if (!w.unSeat) {
    const seated = support / c.totalWeight >= u.credentials_share && !p3Block;
    w.unSeat = seated ? 1 : 0;
    w.log?.push({
      date: w.date,
      actor: 'UN',
      what: seated ? 'seats the Taliban' : 'defers the credentials decision',
    });
  }
  w.unSanctions = veto ? 0 : 1;
  w.log?.push({
    date: w.date,
    actor: 'UN',
    what: veto ? 'sanctions mandate vetoed' : 'renews the 1988 sanctions monitoring mandate',
  });
}
