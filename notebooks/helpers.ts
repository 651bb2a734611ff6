// Small helpers shared by the notebooks (Deno kernel). Everything else the notebooks call is the
// library itself, imported from ../src: the scenario layer, the model, the ensemble and the chart
// spec builders. Charts go to Jupyter as the Vega-Lite spec and, beside it, the SVG the CLI draws.

import type { TopLevelSpec } from 'vega-lite';
import type { RunSummary } from '../src/analysis/summary.ts';
import { toSvg } from '../src/charts/render.ts';
import { printSummary } from '../src/cli/commands/summary-text.ts';
import type { Aggregate, EnsembleDoc, OutcomeRef } from '../src/ensemble/index.ts';
import { createAggregate, ensembleDoc, mergePart, plainInput } from '../src/ensemble/index.ts';
import { parseOutcome } from '../src/ensemble/outcomes.ts';
import { runTask } from '../src/ensemble/task.ts';
import { actorsOf, type ModelInput, monthRange } from '../src/model/index.ts';
import type { FileReader } from '../src/scenario/index.ts';

/** The repository root (this file lives in <root>/notebooks/). */
export const ROOT = decodeURIComponent(new URL('..', import.meta.url).pathname).replace(/\/$/, '');

/** Where the shipped data and scenarios are. */
export const DATA_DIR = `${ROOT}/data`;
export const scenarioFile = (name: string) => `${ROOT}/scenarios/${name}.yaml`;

/**
 * File access for the scenario layer: it never touches files itself, the caller injects a reader
 * (the CLI passes one built on node:fs, the playground one over files held in memory).
 */
export const denoReader: FileReader = {
  // a missing file throws Deno.errors.NotFound (code ENOENT): the scenario layer turns it into a
  // diagnostic, with a did-you-mean from list()
  read: (path) => Deno.readTextFileSync(path),
  list: (dir) => [...Deno.readDirSync(dir)].map((e) => e.name),
};

// What a cell shows (what it prints, its charts) waits in a queue and goes out when the cell ends
// (`await flush()`, the last line of every cell), as awaited displays followed by a pause: not through
// the kernel's stdout (Deno 2.9's kernel sometimes reports a cell done before its last stdout arrives,
// and nbclient drops it: 1 lost line in 28 headless runs). The kernel's own outputs race the same way:
// returned as the cell's result, the last output was lost in 2 of 4 runs; displayed with a 150 ms pause
// after it, in 2 of 50 (`npm run test:notebooks-stress`); hence the longer pause.
type Bundle = Record<string, unknown>;
let queued: Bundle[] = [];
let printed: string[] = [];
console.log = (...args: unknown[]) => {
  printed.push(args.map((a) => (typeof a === 'string' ? a : Deno.inspect(a, { colors: false }))).join(' '));
};

/** The time the kernel is given to send a cell's outputs before it reports the cell done (ms). */
const DRAIN = 500;

/** What the cell printed since its last output, as one text output in the queue. */
function queuePrinted(): void {
  if (printed.length === 0) return;
  queued.push({ 'text/plain': printed.join('\n') });
  printed = [];
}

/** Show the cell's outputs in order, then give the kernel time to send them (see above). */
export async function flush(): Promise<void> {
  queuePrinted();
  const outputs = queued;
  queued = [];
  for (const o of outputs) await Deno.jupyter.display(o, { raw: true });
  if (outputs.length > 0) await new Promise((r) => setTimeout(r, DRAIN));
}

/**
 * Show a chart inline: the spec under the MIME type of its Vega-Lite version (6), the SVG the CLI would
 * write beside it, and a line of text. Each front end shows the richest it understands: a v6 renderer
 * the spec, JupyterLab's built-in one (Vega-Lite 5: it drew v6 specs wrong), nbconvert's HTML and GitHub
 * the image. It goes out with the cell's other outputs, in order, at `flush()`.
 */
export async function show(spec: unknown, caption: string): Promise<void> {
  // what the cell printed before the chart comes before it
  queuePrinted();
  queued.push({
    [VEGALITE_MIME]: spec,
    'image/svg+xml': await toSvg(spec as TopLevelSpec),
    'text/plain': `[chart] ${caption}`,
  });
}

/** The MIME type of the specs the chart builders write (their `$schema` is Vega-Lite 6). */
export const VEGALITE_MIME = 'application/vnd.vegalite.v6+json';

export interface Ensemble {
  /** what `stancesim ensemble` writes to ensemble.json, and the ensemble chart builders read */
  doc: EnsembleDoc;
  /** the histograms behind it (the backtest scores them) */
  aggregate: Aggregate;
  /** the outcomes as `compareDoc` and the study documents name them */
  outcomes: OutcomeRef[];
  /** every outcome of every replication, [rep · outcomes + k] (what `compareDoc` pairs) */
  raw: Float64Array;
  /** one outcome's value in every replication, in replication order (for paired comparisons) */
  values: (outcome: string) => number[];
}

/**
 * `runs` replications of one input, in this process, aggregated as `stancesim ensemble` does
 * (src/cli/commands/ensemble.ts: `replicate` then `toDoc`). Replication r runs with seed
 * `<seed>/<r>`, so two inputs with the same seed share their random numbers (common random numbers).
 * `outcomes` are texts such as 'west_at_least_4 >= 1' (docs/UNCERTAINTY.md, "Outcomes").
 */
export function ensemble(
  input: ModelInput,
  runs: number,
  opts: { question?: string; outcomes?: string[] } = {},
): Ensemble {
  const outcomes = opts.outcomes ?? [];
  const countries = Object.keys(input.params.countries);
  const months = monthRange(input.start, input.end);
  // read the outcome texts here, so a typo names itself before anything runs
  const refs = outcomes.map((text): OutcomeRef => {
    const { label, binary } = parseOutcome(text, {
      countries,
      blocs: countries.map((id) => input.params.countries[id]!.bloc),
      start: input.start,
      end: input.end,
    });
    return { text, label, binary };
  });
  const result = runTask({
    input: plainInput(input),
    from: 0,
    to: runs,
    aggregate: true,
    ...(outcomes.length > 0 ? { outcomes } : {}),
  });
  const aggregate = createAggregate(months.length, countries.length);
  mergePart(aggregate, result.aggregate!);
  const doc = ensembleDoc(aggregate, {
    scenario: input.scenario,
    question: opts.question ?? input.scenario,
    seed: input.seed,
    months,
    countries,
    actors: actorsOf(input.params),
  });
  const raw = result.values ?? new Float64Array(0);
  const values = (outcome: string): number[] => {
    const k = outcomes.indexOf(outcome);
    if (k < 0) throw new RangeError(`'${outcome}' was not among the outcomes: ${outcomes.join(', ')}`);
    const out: number[] = [];
    for (let i = k; i < raw.length; i += outcomes.length) out.push(raw[i]!);
    return out;
  };
  return { doc, aggregate, outcomes: refs, raw, values };
}

/** A band's value at a month (default: the last), e.g. band(doc, 'womens_rights', 'p50'). */
export function band(
  doc: EnsembleDoc,
  variable: string,
  q: 'p05' | 'p25' | 'p50' | 'p75' | 'p95',
  actor?: string,
  date = doc.end,
): number {
  const b = doc.bands.find((x) => x.variable === variable && (actor === undefined || x.actor === actor));
  if (!b) throw new RangeError(`no band '${variable}'${actor ? ` of ${actor}` : ''}`);
  const m = doc.months.indexOf(date);
  if (m < 0) throw new RangeError(`${date} is outside ${doc.start}..${doc.end}`);
  return b[q][m]!;
}

/** P(country at rung ≥ k) at a month (default: the last). */
export function pAtLeast(doc: EnsembleDoc, country: string, k: number, date = doc.end): number {
  const row = doc.rung_at_least.find((x) => x.country === country && x.k === k);
  if (!row) throw new RangeError(`no country '${country}' or rung ${k}`);
  return row.p[doc.months.indexOf(date)]!;
}

/** Share of runs in which somebody formally recognizes by the end. */
export const pAnyRecognition = (doc: EnsembleDoc): number =>
  1 - (doc.first_recognizer.find((x) => x.country === null)?.share ?? 0);

export const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)}%`;

/** Print rows as an aligned text table (columns from the first row's keys). */
export function table(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return console.log('(no rows)');
  const head = Object.keys(rows[0]!);
  const cells = rows.map((r) => head.map((h) => String(r[h] ?? '')));
  const width = head.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, j) => x.padEnd(width[j]!))
      .join('  ')
      .trimEnd();
  console.log([line(head), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
}

/** The text `stancesim run` prints for a run's summary (the CLI's own formatter). */
export function summaryText(summary: RunSummary): string {
  let text = '';
  const ctx = { out: (t: string) => void (text += t), err: () => {}, tty: false, root: ROOT };
  printSummary(ctx, summary);
  return text.trimEnd();
}
