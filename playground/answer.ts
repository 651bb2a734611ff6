// The worker's side of the protocol: a request from the page answered by the engine, with the charts
// made and compiled here (compile.ts), so that the page only draws; a run's charts follow its reply
// one by one. Runs in the model worker (worker.ts) and in Node tests.

import type { RunSummary } from '../src/analysis/summary.js';
import { differenceText, differenceTitle, meanText, shareOutcome } from '../src/charts/compare.js';
import {
  buildChart,
  buildEnsembleChart,
  buildStudyCharts,
  CHART_KINDS,
  ENSEMBLE_CHART_KINDS,
} from '../src/charts/index.js';
import { buildValidationCharts } from '../src/charts/validation.js';
import type { CompareDoc, EnsembleDoc } from '../src/ensemble/index.js';
import type { ResultsDoc } from '../src/model/index.js';
import { formatDiagnostics, ScenarioError } from '../src/scenario/errors.js';
import { ChartCompiler, type CompilerSeed } from './compile.js';
import { type Playground, type Run, upTo } from './engine.js';
import type {
  ChartPayload,
  EnsembleHeadline,
  ExplainRequest,
  Headline,
  Layout,
  LoadRequest,
  Reply,
  Request,
  RunReply,
  RunRequest,
} from './protocol.js';
import { ArmCache, sideBySide } from './side-by-side.js';

/** The runs of a comparison when the page shows one run: the ensemble mode's default size. */
export const SIDE_BY_SIDE_RUNS = 200;

/** A task's turn: input (a newer request) gets through between the blocks of a comparison. */
const turn = () => new Promise((r) => setTimeout(r, 0));

export function headline(summary: RunSummary): Headline {
  const counts = summary.final.count_by_rung;
  return {
    first_recognition: summary.first_recognition,
    at_least_5: (counts[5] ?? 0) + (counts[6] ?? 0),
    legitimacy: summary.final.legitimacy,
    kandahar_power: summary.final.power.kandahar ?? Number.NaN,
    un_seat: summary.final.un_seat,
    final_rungs: summary.final.rungs,
  };
}

export function ensembleHeadline(doc: EnsembleDoc): EnsembleHeadline {
  const nobody = doc.first_recognizer.find((f) => f.country === null)?.share ?? 1;
  const median = (variable: string, actor = 'world') =>
    doc.bands.find((b) => b.variable === variable && b.actor === actor)?.p50.at(-1) ?? Number.NaN;
  return {
    runs: doc.runs,
    p_recognition: 1 - nobody,
    countries: doc.actors.filter((a) => a.kind === 'country').length,
    median_count_ge_5: median('count_ge_5'),
    median_legitimacy: median('legitimacy'),
    median_kandahar: median('power', 'kandahar'),
  };
}

/** What a request's settings gave: kept, so that the player's months and a new width reuse it. */
type Result =
  | { kind: 'run'; run: Run; ms: number; fingerprint: string }
  | { kind: 'ensemble'; doc: EnsembleDoc; ms: number };

export class Answers {
  private readonly charts: ChartCompiler;
  // A is run once while B's sliders move
  private readonly arms = new ArmCache();
  private last: { settings: string; result: Result } | undefined;

  /** `seed`: the chart structures the page has already (first.ts) */
  constructor(
    private readonly pg: Playground,
    private readonly post: (r: Reply) => void,
    seed?: CompilerSeed,
  ) {
    this.charts = new ChartCompiler(seed);
  }

  /** The chart structures compiled and sent so far (for a worker that starts where this one is). */
  compilerSeed(): CompilerSeed {
    return this.charts.seed();
  }

  /** Answer a request; a comparison (after its run) block by block, given up as soon as `stale()`. */
  async answer(request: Request, stale: () => boolean = () => false): Promise<void> {
    if (request.kind === 'explain') this.post(this.explain(request));
    else if (request.kind === 'load') this.post(this.load(request));
    else if (request.silent) {
      this.run(request, () => {});
      this.post({ id: request.id, kind: 'ready' });
    } else if (this.run(request) && request.pinned && request.compare) await this.compare(request, stale);
  }

  private load({ id, file, text }: LoadRequest): Reply {
    try {
      return { id, kind: 'load', ok: true, entry: this.pg.load(file, text) };
    } catch (err) {
      return { id, kind: 'load', ok: false, error: messageOf(err, file) };
    }
  }

  private explain({ id, settings, explain, width }: ExplainRequest): Reply {
    try {
      const doc = this.pg.explain(settings, explain.country, explain.date);
      const [chart] = buildValidationCharts(doc, { width });
      return {
        id,
        kind: 'explain',
        ok: true,
        country: doc.country,
        date: doc.date,
        chart: this.charts.payload('explain', chart!.spec),
      };
    } catch (err) {
      return { id, kind: 'explain', ok: false, error: messageOf(err) };
    }
  }

  /** The run (or ensemble) of the settings, computed unless the request before had the same. */
  private result({ id, settings }: RunRequest): Result {
    const key = JSON.stringify(settings);
    if (this.last?.settings === key) return this.last.result;
    const t0 = performance.now();
    let result: Result;
    const runs = settings.runs;
    if (runs) {
      const doc = this.pg.ensemble(settings, runs, (done) => this.post({ id, kind: 'progress', done, runs }));
      result = { kind: 'ensemble', doc, ms: performance.now() - t0 };
    } else {
      const run = this.pg.run(settings);
      result = {
        kind: 'run',
        run,
        ms: performance.now() - t0,
        fingerprint: fingerprint(run.doc),
      };
    }
    this.last = { settings: key, result };
    return result;
  }

  /** Post the run's reply, then its charts one by one (the page draws the first while the next is
   * made); false when the settings are invalid. */
  private run(request: RunRequest, post: (r: Reply) => void = this.post): boolean {
    const { id, layout } = request;
    let reply: RunReply;
    let charts: (() => ChartPayload)[];
    try {
      const result = this.result(request);
      if (result.kind === 'ensemble') {
        const { doc } = result;
        charts = ENSEMBLE_CHART_KINDS.map(
          (k) => () => this.charts.payload(k, buildEnsembleChart(k, doc, { width: layout.width })),
        );
        reply = {
          id,
          kind: 'ensemble',
          ok: true,
          headline: ensembleHeadline(doc),
          start: doc.start,
          end: doc.end,
          ms: result.ms,
          charts: charts.length,
        };
      } else {
        const { run } = result;
        charts = this.runCharts(run, layout);
        reply = {
          id,
          kind: 'run',
          ok: true,
          headline: headline(run.summary),
          start: run.doc.start,
          end: run.doc.end,
          ms: result.ms,
          fingerprint: result.fingerprint,
          charts: charts.length,
        };
      }
    } catch (err) {
      // invalid settings, or a loaded file met first in a link
      post({ id, kind: 'error', ok: false, error: messageOf(err) });
      return false;
    }
    post(reply);
    for (const chart of charts) post({ id, kind: 'chart', chart: chart() });
    return true;
  }

  /** Every chart of a run, up to the player's month (the whole run when it shows all). */
  private runCharts(run: Run, { month, width }: Layout): (() => ChartPayload)[] {
    const doc = month === undefined ? run.doc : upTo(run.doc, month);
    // the rule at the month shown is always in the spec (empty for the whole run): moving it is data
    return CHART_KINDS.map(
      (k) => () => this.charts.payload(k, buildChart(k, doc, { width, now: month ?? null })),
    );
  }

  private async compare(request: RunRequest, stale: () => boolean): Promise<void> {
    const { id, settings, pinned } = request;
    const runs = settings.runs ?? SIDE_BY_SIDE_RUNS;
    const t0 = performance.now();
    try {
      const steps = sideBySide(this.pg, pinned!, settings, runs, this.arms);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          this.post(this.compared(id, step.value, request.layout.abWidth, performance.now() - t0));
          return;
        }
        this.post({ id, kind: 'compare-progress', done: step.value, total: 2 * runs });
        await turn();
        if (stale()) return;
      }
    } catch (err) {
      this.post({ id, kind: 'compare', ok: false, error: messageOf(err) });
    }
  }

  private compared(id: number, doc: CompareDoc, width: number, ms: number): Reply {
    return {
      id,
      kind: 'compare',
      ok: true,
      runs: doc.runs,
      seed: doc.seed,
      differences: doc.differences,
      rows: doc.differences.map((d) => {
        const o = d.outcome;
        return [
          differenceTitle(o),
          meanText(d.reference_mean, o),
          meanText(d.scenario_mean, o),
          differenceText(d, shareOutcome(o)),
        ];
      }),
      overrides: doc.overrides.map((o) => ({ path: o.path, a: String(o.values.A), b: String(o.values.B) })),
      charts: buildStudyCharts(doc, { width }).map(({ kind, spec }) => this.charts.payload(kind, spec)),
      ms,
    };
  }
}

/** Equal for two runs whose rows hold the same values: rows of one scenario over one period come in
 * one order (its actors and variables, month by month), so their values alone tell the runs apart. */
function fingerprint(doc: ResultsDoc): string {
  const values = Float64Array.from(doc.rows, (r) => r.value);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const w of new Uint32Array(values.buffer)) {
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h2 = Math.imul(h2 ^ w, 0x5bd1e995) ^ (h1 >>> 15);
  }
  return `${doc.start} ${doc.end} ${values.length} ${(h1 >>> 0).toString(16)} ${(h2 >>> 0).toString(16)}`;
}

/** The message of an error the user can act on (invalid settings or file); a bug is thrown on. */
function messageOf(err: unknown, file?: string): string {
  if (err instanceof ScenarioError) return formatDiagnostics(err.diagnostics);
  if (err instanceof RangeError) return file ? `${file}: ${err.message}` : err.message;
  throw err;
}
