// The worker's answers (answer.ts) in Node: the charts it sends are the CLI's Vega-Lite specs compiled
// to Vega, with their rows apart; a structure is compiled once and keyed, so a slider move sends new rows
// under the same key; the same settings reuse their run; files, explanations and comparisons answer as
// the engine does.

import { parse, type Runtime, View } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { Answers } from '../../playground/answer.js';
import type { Settings } from '../../playground/catalogue.js';
import { compileForCanvas } from '../../playground/compile.js';
import { Playground, upTo } from '../../playground/engine.js';
import type { ChartPayload, Reply, RunReply, RunRequest } from '../../playground/protocol.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { buildChart, CHART_KINDS, COMPARE_CHART_KINDS } from '../../src/charts/index.js';

const pg = new Playground(shippedFiles());
const base = pg.defaults('baseline.yaml');

function answers() {
  const replies: Reply[] = [];
  return { replies, answers: new Answers(pg, (r) => replies.push(structuredClone(r))) };
}

const request = (id: number, settings: Settings, extra: Partial<RunRequest> = {}): RunRequest => ({
  kind: 'run',
  id,
  settings,
  layout: { width: 700, abWidth: 600 },
  compare: true,
  ...extra,
});

/** The SVG of a payload's chart: a view of its runtime (or of `runtime`), its rows put in first, as
 * the page does (views.ts). */
function drawn(chart: ChartPayload, runtime = chart.runtime) {
  const view = new View(runtime as Runtime, { renderer: 'none' });
  for (const d of chart.data) view.data(d.name, structuredClone(d.rows));
  return view.toSVG();
}

/** A run's reply, with the charts that followed it. */
function runOf(replies: Reply[], id: number) {
  const reply = replies.find(
    (r): r is Extract<RunReply, { kind: 'run' }> => r.kind === 'run' && r.id === id,
  )!;
  const charts = replies.flatMap((r) => (r.kind === 'chart' && r.id === id ? [r.chart] : []));
  expect(charts).toHaveLength(reply.charts);
  return { ...reply, charts };
}

describe('the worker', () => {
  it('sends each chart as Vega’s runtime of the CLI’s spec, rows apart: the same drawing', async () => {
    const { replies, answers: w } = answers();
    await w.answer(request(1, base));
    const reply = runOf(replies, 1);
    expect(reply.charts.map((c) => c.kind)).toEqual([...CHART_KINDS]);
    const doc = pg.run(base).doc;
    for (const chart of reply.charts) {
      const spec = buildChart(chart.kind as (typeof CHART_KINDS)[number], doc, { width: 700, now: null });
      const whole = new View(parse(compileForCanvas(structuredClone(spec))), { renderer: 'none' });
      expect(await drawn(chart), chart.kind).toBe(await whole.toSVG());
      // the rows are the spec's, and not in the runtime too
      const { datasets } = spec as { datasets: Record<string, object[]> };
      expect(Object.fromEntries(chart.data.map((d) => [d.name, d.rows]))).toEqual(datasets);
      const values = (chart.runtime as { operators: { params?: { values?: unknown } }[] }).operators;
      expect(values.some((o) => Array.isArray(o.params?.values) && o.params.values.length > 0)).toBe(false);
    }
    // the page draws to a canvas: no mark has an ARIA description, the CLI's SVG marks do
    const cli = new View(parse(compile(buildChart('factions', doc, { width: 700 })).spec), {
      renderer: 'none',
    });
    expect(await cli.toSVG()).toMatch(/<path[^>]*aria-label=/);
    expect(await drawn(reply.charts[2]!)).not.toMatch(/<path[^>]*aria-label=/);
    expect(reply.headline.at_least_5).toBeGreaterThanOrEqual(0);
    expect([reply.start, reply.end]).toEqual([base.start, base.end]);
  });

  it('sends a structure’s runtime once for each kind, and again when another came between', async () => {
    const { replies, answers: w } = answers();
    const widths = [700, 700, 500, 700];
    for (const [i, width] of widths.entries())
      await w.answer(
        request(i + 1, pg.withValue(base, 'decision.rights', 0.2 * i), { layout: { width, abWidth: width } }),
      );
    const charts = widths.map((_, i) => runOf(replies, i + 1).charts);
    expect(charts.map((c) => c.every((x) => x.runtime !== undefined))).toEqual([true, false, true, true]);
    expect(charts[1]!.every((x) => x.runtime === undefined)).toBe(true);
    // the second run's charts draw from the runtime the first sent
    expect(await drawn(charts[1]![0]!, charts[0]![0]!.runtime)).toMatch(/^<svg/);
    // a worker started from this one's seed sends no runtime the page has, the others it does
    const next: Reply[] = [];
    const seeded = new Answers(pg, (r) => next.push(r), w.compilerSeed());
    await seeded.answer(request(1, base));
    await seeded.answer(request(2, base, { layout: { width: 500, abWidth: 500 } }));
    expect(runOf(next, 1).charts.map((c) => c.runtime)).toEqual(CHART_KINDS.map(() => undefined));
    expect(runOf(next, 2).charts.every((c) => c.runtime !== undefined)).toBe(true);
  });

  it('answers a silent request with Ready alone, and holds its run', async () => {
    const { replies, answers: w } = answers();
    await w.answer({ ...request(1, base), silent: true });
    expect(replies).toEqual([{ id: 1, kind: 'ready' }]);
    // the page has those charts (first.ts): the same settings again send none of their runtimes
    await w.answer(request(2, base));
    const run = runOf(replies, 2);
    expect(run.charts.every((c) => c.runtime === undefined)).toBe(true);
  });

  it('keys a structure once: a slider move keeps every key and sends new rows, the record’s unchanged', async () => {
    const { replies, answers: w } = answers();
    await w.answer(request(1, base));
    await w.answer(request(2, pg.withValue(base, 'decision.rights', 0.2)));
    const [a, b] = [runOf(replies, 1), runOf(replies, 2)];
    expect(b.charts.map((c) => c.key)).toEqual(a.charts.map((c) => c.key));
    const keys = (r: typeof a, name: string) => r.charts[0]!.data.find((d) => d.name === name)!.key;
    expect(keys(b, 'rungs')).not.toBe(keys(a, 'rungs'));
    expect(keys(b, 'record')).toBe(keys(a, 'record'));
    expect(b.fingerprint).not.toBe(a.fingerprint);
    // another width is another structure
    await w.answer(request(3, base, { layout: { width: 500, abWidth: 500 } }));
    expect(runOf(replies, 3).charts[0]!.key).not.toBe(a.charts[0]!.key);
  });

  it('fingerprints a run by its rows: the same when a change moved nothing, else not', async () => {
    const { replies, answers: w } = answers();
    // the first-mover cost binds nowhere in the baseline; the weight of women's rights moves it
    const tries = [
      base,
      ...[0.5, 2.5].map((v) => pg.withValue(base, 'decision.first_mover', v)),
      ...[0.2, 0.4].map((v) => pg.withValue(base, 'decision.rights', v)),
    ];
    for (const [i, s] of tries.entries()) await w.answer(request(i + 1, s));
    const rows = tries.map((s) => JSON.stringify(pg.run(s).doc.rows));
    const prints = tries.map((_, i) => runOf(replies, i + 1).fingerprint);
    const pairs = tries.flatMap((_, i) => tries.map((_, j) => [i, j] as const)).filter(([i, j]) => i < j);
    for (const [i, j] of pairs) expect(prints[i] === prints[j], `${i} ${j}`).toBe(rows[i] === rows[j]);
    // both cases occur: a no-op and a move
    expect(pairs.some(([i, j]) => rows[i] === rows[j])).toBe(true);
    expect(pairs.some(([i, j]) => rows[i] !== rows[j])).toBe(true);
  });

  it('reuses the run of the same settings: the player’s months are charts of the same run up to then', async () => {
    const { replies, answers: w } = answers();
    await w.answer(request(1, base));
    await w.answer(request(2, base, { layout: { month: '2024-03', width: 700, abWidth: 600 } }));
    const [all, month] = [runOf(replies, 1), runOf(replies, 2)];
    expect(month.ms).toBe(all.ms);
    expect(month.fingerprint).toBe(all.fingerprint);
    const spec = buildChart('rungs', upTo(pg.run(base).doc, '2024-03'), { width: 700, now: '2024-03' });
    const rows = (spec as { datasets: Record<string, object[]> }).datasets;
    for (const d of month.charts[0]!.data) expect(d.rows, d.name).toEqual(rows[d.name]);
    expect(month.charts[0]!.data.find((d) => d.name === 'now')!.rows).toHaveLength(1);
  });

  it('answers a file, an explanation and an invalid month with what the engine says', async () => {
    const { replies, answers: w } = answers();
    const bad =
      'extends: baseline.yaml\nname: bad\nquestion: q?\ndescription: d\nset:\n  decision.rigths: 0.2\n';
    await w.answer({ kind: 'load', id: 1, file: 'bad.yaml', text: bad });
    await w.answer({ kind: 'load', id: 2, file: 'baseline.yaml', text: bad });
    await w.answer({
      kind: 'explain',
      id: 3,
      settings: base,
      explain: { country: 'DE', date: '2026-01' },
      width: 600,
    });
    await w.answer(request(4, { ...base, end: '2019-01' }));
    const [load, shipped, explain, error] = replies;
    expect(replies).toHaveLength(4);
    expect(load).toMatchObject({ kind: 'load', ok: false });
    expect((load as { error: string }).error).toMatch(/^scenarios\/bad\.yaml:6:\d+: error: .*rigths/);
    expect((shipped as { error: string }).error).toMatch(/^baseline\.yaml: .*name of a shipped scenario/);
    expect(explain).toMatchObject({ kind: 'explain', ok: true, country: 'DE', date: '2026-01' });
    expect((explain as { chart: ChartPayload }).chart.kind).toBe('explain');
    expect(error).toMatchObject({ id: 4, kind: 'error', ok: false });
    expect((error as { error: string }).error).toMatch(/end/);
  });

  it('compares A with B after the run, and gives up a comparison that newer settings made stale', async () => {
    const { replies, answers: w } = answers();
    const b = { ...pg.withValue(base, 'decision.rights', 0.2), runs: 30 };
    await w.answer(request(1, b, { pinned: base }));
    const compare = replies.find((r) => r.kind === 'compare');
    expect(compare).toMatchObject({ kind: 'compare', ok: true, runs: 30, seed: base.seed });
    const ok = compare as Extract<Reply, { kind: 'compare'; ok: true }>;
    expect(ok.rows).toHaveLength(ok.differences.length);
    expect(ok.overrides).toEqual([
      { path: 'decision.rights', a: String(pg.value(base, 'decision.rights')), b: '0.2' },
    ]);
    expect(ok.charts.map((c) => c.kind)).toEqual([...COMPARE_CHART_KINDS]);
    const stale = answers();
    await stale.answers.answer(request(2, { ...b, seed: 'x' }, { pinned: base }), () => true);
    // the ensemble's two blocks, its reply and charts, and one block of the comparison before it gives up
    expect(stale.replies.map((r) => r.kind)).toEqual([
      'progress',
      'progress',
      'ensemble',
      ...Array(7).fill('chart'),
      'compare-progress',
    ]);
  });
});
