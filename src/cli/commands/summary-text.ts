// The human-readable run summary printed on stdout.

import type { RunSummary } from '../../analysis/summary.js';
import { CAUSES, type Cause, RUNGS } from '../../model/index.js';
import type { RecordOverlay } from '../../model/results.js';
import type { Context } from '../context.js';

/** The line that says which months replay the observed record (none when the run starts at its end). */
export function replayLine(start: string, record: RecordOverlay | undefined): string[] {
  if (!record || start >= record.end) return [];
  const recognized = record.rows.some((r) => r.rung === RUNGS.length - 1);
  return [
    `  ${start} → ${record.end} replays the observed record (${recognized ? 'which has a recognition' : 'no recognition in it'}): compare with it; after ${record.end}: projection`,
  ];
}

export function printSummary(ctx: Context, s: RunSummary, record?: RecordOverlay): void {
  const lines = [
    `${s.scenario} (seed ${s.seed}, ${s.start} → ${s.end})`,
    `  ${s.question}`,
    ...replayLine(s.start, record),
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
    movesLine(s.moves),
    '',
  ];
  ctx.out(`${lines.join('\n')}\n`);
}

/** Nonzero counts by cause, in CAUSES order: 'incident 2, peer 1'. */
export function byCause<T>(
  counts: Record<Cause, T>,
  value: (x: T) => number,
  format: (x: number) => string,
): string {
  return CAUSES.filter((c) => value(counts[c]) > 0)
    .map((c) => `${c} ${format(value(counts[c]))}`)
    .join(', ');
}

/** e.g. 'moves: 12 — up 9 (event 2, policy 3, peer 4), down 3 (incident 2, peer 1); 2 forced by events, 1 earned' */
function movesLine(m: RunSummary['moves']): string {
  const n = (x: number) => String(x);
  const side = (label: string, total: number, counts: Record<Cause, number>) =>
    `${label} ${total}${total > 0 ? ` (${byCause(counts, (x) => x, n)})` : ''}`;
  return `  moves: ${m.total} — ${side('up', m.up, m.by_cause.up)}, ${side('down', m.down, m.by_cause.down)}; ${m.forced} forced by events, ${m.earned} earned`;
}
