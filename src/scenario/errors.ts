// Diagnostics that read like a compiler's: file:line:col, the path into the document, the source line
// with a caret under the culprit, what was expected and a hint.

export interface Diagnostic {
  file: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  col?: number;
  /** path into the document, e.g. `set.countries.US.rights` or `events[2].at` */
  path?: string;
  message: string;
  expected?: string;
  hint?: string;
  /** the source line */
  excerpt?: string;
  /** caret length */
  span?: number;
}

/** The `file` of a diagnostic about a command-line option. */
export const COMMAND_LINE = 'stancesim';

export class ScenarioError extends Error {
  constructor(public diagnostics: Diagnostic[]) {
    super(formatDiagnostics(diagnostics));
    this.name = 'ScenarioError';
  }
}

function location(d: Diagnostic): string {
  if (d.line === undefined) return d.file;
  return d.col === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.col}`;
}

/** One block per diagnostic, separated by blank lines:
 * ```
 * scenarios/mine.yaml:7:3: error: set.countries.US.rihgts: unknown parameter 'rihgts'
 *    7 |   countries.US.rihgts: 0.9
 *      |   ^^^^^^^^^^^^^^^^^^^
 *   expected: one of name, bloc, weight, …
 *   hint: did you mean 'countries.US.rights'?
 * ``` */
export function formatDiagnostics(diags: Diagnostic[]): string {
  return diags
    .map((d) => {
      const lines = [`${location(d)}: error: ${d.path ? `${d.path}: ` : ''}${d.message}`];
      if (d.excerpt !== undefined && d.line !== undefined) {
        const num = String(d.line);
        const width = Math.max(4, num.length + 1);
        lines.push(`${num.padStart(width)} | ${d.excerpt}`);
        if (d.col !== undefined) {
          // keep tabs so the caret lines up under tab-indented text
          const lead = d.excerpt.slice(0, d.col - 1).replace(/[^\t]/g, ' ');
          const span = Math.max(1, Math.min(d.span ?? 1, d.excerpt.length - (d.col - 1)));
          lines.push(`${' '.repeat(width)} | ${lead}${'^'.repeat(span)}`);
        }
      }
      if (d.expected) lines.push(`  expected: ${d.expected}`);
      if (d.hint) lines.push(`  hint: ${d.hint}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** The closest candidate within a distance that grows with the word's length (about 40 %), or a
 * case-insensitive match; undefined when nothing is close. Ties go to the earlier candidate. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length * 0.4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c === word) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `one of a, b, c` — lists of more than 10 are cut after 9 with `…`. */
export function oneOf(items: readonly string[]): string {
  const shown = items.length > 10 ? [...items.slice(0, 9), '…'] : items;
  return `one of ${shown.join(', ')}`;
}
