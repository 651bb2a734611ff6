// Months as integers (year * 12 + month - 1) so the model does arithmetic, not string handling.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** '2021-08' → 24259; throws on anything else (callers validate first for a friendly message). */
export function parseMonth(text: string): number {
  const m = MONTH.exec(text);
  if (!m) throw new RangeError(`not a month (YYYY-MM): '${text}'`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function formatMonth(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${month < 10 ? '0' : ''}${month}`;
}

/** Inclusive list of months from start to end. */
export function monthRange(start: string, end: string): string[] {
  const out: string[] = [];
  for (let i = parseMonth(start), last = parseMonth(end); i <= last; i++) out.push(formatMonth(i));
  return out;
}
