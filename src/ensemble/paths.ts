// Kept runs (`--keep-runs`): every replication's path as wide CSV rows, one per replication × month.

import { csvField, round6 } from '../model/results.js';
import { DIMENSIONS, FACTIONS, type SimResult } from '../model/types.js';

export function runsCsvHeader(countries: readonly string[]): string {
  return `${['replication', 'seed', 'date', ...countries.map((c) => `rung_${c}`), ...FACTIONS.map((f) => `power_${f}`), ...DIMENSIONS, 'threat', 'legitimacy', 'un_seat'].join(',')}\n`;
}

export function runsCsvRows(r: SimResult, rep: number): string {
  const C = r.countries.length;
  const NF = FACTIONS.length;
  const ND = DIMENSIONS.length;
  let out = '';
  r.months.forEach((date, m) => {
    const cells: (string | number)[] = [rep, csvField(r.seed), date];
    for (let c = 0; c < C; c++) cells.push(r.rung[m * C + c]!);
    for (let f = 0; f < NF; f++) cells.push(round6(r.power[m * NF + f]!));
    for (let d = 0; d < ND; d++) cells.push(round6(r.policy[m * ND + d]!));
    cells.push(round6(r.threat[m]!), round6(r.legitimacy[m]!), r.un_seat[m]!);
    out += `${cells.join(',')}\n`;
  });
  return out;
}
