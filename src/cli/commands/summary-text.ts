// The human-readable run summary printed on stdout.

import type { RunSummary } from '../../analysis/summary.js';
import { RUNGS } from '../../model/index.js';
import type { Context } from '../context.js';

export function printSummary(ctx: Context, s: RunSummary): void {
  const lines = [
    `${s.scenario} (seed ${s.seed}, ${s.start} → ${s.end})`,
    `  ${s.question}`,
    '',
    `  countries by rung at ${s.end}:`,
    ...RUNGS.map((label, k) => {
      const ids = Object.entries(s.final.rungs)
        .filter(([, r]) => r === k)
        .map(([id]) => id);
      return `    ${k} ${label.padEnd(21)} ${String(ids.length).padStart(2)}  ${ids.join(' ')}`;
    }).reverse(),
    '',
    s.first_recognition
      ? `  first formal recognition: ${s.first_recognition.country} in ${s.first_recognition.date}; ${s.cascade_12m} followed within 12 months`
      : '  no country formally recognizes the Taliban',
    `  UN seat: ${s.final.un_seat ? 'held by the Taliban' : 'denied'} · legitimacy index ${s.final.legitimacy.toFixed(3)}`,
    `  faction power: ${Object.entries(s.final.power)
      .map(([f, p]) => `${f} ${p.toFixed(2)}`)
      .join(' · ')}`,
    `  policy: ${Object.entries(s.final.policy)
      .map(([d, v]) => `${d} ${v.toFixed(2)}`)
      .join(' · ')}`,
    '',
  ];
  ctx.out(`${lines.join('\n')}\n`);
}
