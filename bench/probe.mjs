// The in-process figures of one build, in a fresh process: `node bench/probe.mjs <root> per-run` prints
// the per-run time (ms) of the run path (simulate) and of the ensemble path (the task a worker runs,
// aggregated); `… first-call` the time of the first simulate() after loading the scenario, which is what
// one `stancesim run` pays; `… warm-up` the per-run time of each of the first eight blocks of 625 runs (a
// 10k ensemble's block on 2 workers) from a cold start: in the main thread alone; in two threads that
// first detach an 8-byte ArrayBuffer (as a transfer does: V8 then guards every typed-array access of the
// thread); and, two rounds each, taken in turn, in two threads compiling concurrently (`threads`: V8's
// default, as the pool's threads did before) and in two threads compiling in place (`inPlace`:
// --no-concurrent-recompilation, as the pool starts them on Node 20 with a thread on every core, pool.ts);
// `… compiles` V8's optimizing work in a 10k ensemble on 2 workers, from its own trace (--trace-opt
// --trace-deopt, all threads): the functions compiled, the milliseconds those compilations took, the
// deoptimizations, and the compiled code thrown away because an object it was specialized to changed;
// `… ab <other>` the ensemble path of this build and of the build at <other> in one process, in blocks of
// 300 runs taken in turn (24 pairs, after 6 each to warm up): the median per-run time of each and the
// median of the pairs' ratios other / this, with its quartiles — on a machine whose speed drifts from
// minute to minute, steadier than separate processes, as both builds run at the same moments;
// `… charts <dir>` the ms of each chart's SVG and of its PNG for every `.vl.json` in <dir> (an ensemble's
// output), three times over in this one process, in the order of their names: the first round draws with
// Vega cold, as a thread's first charts do (though this thread compiles concurrently).
// Plain JS against <root>/dist, so one probe measures any build.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const [root = '.', what = 'per-run'] = isMainThread ? process.argv.slice(2) : workerData;
const load = (path) => import(pathToFileURL(resolve(root, 'dist', path)).href);
const { fsReader } = await load('cli/io.js');
const { buildInput, loadData, loadScenario } = await load('scenario/index.js');
const { simulate } = await load('model/index.js');
const { runTask } = await load('ensemble/task.js');
const { plainInput } = await load('ensemble/input.js');

const data = loadData(resolve(root, 'data'), fsReader);
const input = buildInput(loadScenario(resolve(root, 'scenarios/baseline.yaml'), fsReader, data), data);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Per-run ms of eight cold blocks of 625 runs, starting at replication `from`. */
function coldBlocks(from) {
  const plain = plainInput(input);
  const out = [];
  for (let f = from; f < from + 5000; f += 625) {
    const t0 = performance.now();
    runTask({ input: plain, from: f, to: f + 625, aggregate: true });
    out.push(Number(((performance.now() - t0) / 625).toFixed(3)));
  }
  return out;
}

if (!isMainThread) {
  const [, , from, detach] = workerData;
  if (detach) {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
  }
  parentPort.postMessage(coldBlocks(from));
} else if (what === 'warm-up') {
  const main = coldBlocks(0);
  const two = (detach) =>
    Promise.all(
      [10_000, 20_000].map(
        (from) =>
          new Promise((ok, fail) =>
            new Worker(new URL(import.meta.url), { workerData: [root, what, from, detach] })
              .on('message', ok)
              .on('error', fail),
          ),
      ),
    );
  const afterDetach = await two(true);
  // V8 reads the flag when it creates an isolate (Node 20): each pair of threads compiles as the flag
  // stood when they started; the two ways alternate, so that the machine's drift falls on both
  const threads = [];
  const inPlace = [];
  const { setFlagsFromString } = await import('node:v8');
  for (let round = 0; round < 2; round++) {
    setFlagsFromString('--concurrent-recompilation');
    threads.push(...(await two(false)));
    setFlagsFromString('--no-concurrent-recompilation');
    inPlace.push(...(await two(false)));
  }
  console.log(JSON.stringify({ main, threads, afterDetach, inPlace }));
} else if (what === 'compiles') {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = mkdtempSync(resolve(tmpdir(), 'stancesim-compiles-'));
  const args = ['ensemble', resolve(root, 'scenarios/baseline.yaml'), '-n', '10000', '--workers', '2'];
  const trace = execFileSync(
    process.execPath,
    ['--trace-opt', '--trace-deopt', resolve(root, 'dist/cli/bin.js'), ...args, '--no-charts', '--quiet', '--out', out],
    { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  rmSync(out, { recursive: true, force: true });
  const took = [...trace.matchAll(/completed compiling .*took [\d.]+, ([\d.]+), [\d.]+ ms/g)].map((m) => +m[1]);
  console.log(
    JSON.stringify({
      compiles: took.length,
      ms: Math.round(took.reduce((a, b) => a + b, 0)),
      deopts: (trace.match(/^\[bailout \(kind: deopt-eager/gm) ?? []).length,
      invalidated: (trace.match(/reason: code dependencies/g) ?? []).length,
    }),
  );
} else if (what === 'ab') {
  const other = resolve(process.argv[4] ?? '.');
  const loadOther = (path) => import(pathToFileURL(resolve(other, 'dist', path)).href);
  const [io, scenario, task, inputs] = await Promise.all(
    ['cli/io.js', 'scenario/index.js', 'ensemble/task.js', 'ensemble/input.js'].map(loadOther),
  );
  const otherData = scenario.loadData(resolve(other, 'data'), io.fsReader);
  const otherInput = scenario.buildInput(
    scenario.loadScenario(resolve(other, 'scenarios/baseline.yaml'), io.fsReader, otherData),
    otherData,
  );
  /** A build's ensemble path as a function: the per-run ms of the next n replications. */
  const runner = (run, plain) => {
    let from = 0;
    return (n) => {
      const t0 = performance.now();
      run({ input: plain, from, to: from + n, aggregate: true });
      from += n;
      return (performance.now() - t0) / n;
    };
  };
  const a = runner(runTask, plainInput(input));
  const b = runner(task.runTask, inputs.plainInput(otherInput));
  for (let k = 0; k < 6; k++) a(300), b(300);
  const as = [];
  const bs = [];
  for (let k = 0; k < 24; k++) {
    // which goes first alternates, so neither always follows the other's garbage
    if (k % 2 === 0) as.push(a(300)), bs.push(b(300));
    else bs.push(b(300)), as.push(a(300));
  }
  const ratios = as.map((x, k) => bs[k] / x).sort((x, y) => x - y);
  const r3 = (x) => Number(x.toFixed(3));
  console.log(
    JSON.stringify({
      this: r3(median(as)),
      other: r3(median(bs)),
      ratio: r3(median(ratios)),
      quartiles: [r3(ratios[6]), r3(ratios[17])],
    }),
  );
} else if (what === 'charts') {
  // a chart's cold and warm cost: its SVG (Vega) and PNG (resvg) three times in this one process
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = resolve(process.argv[4] ?? 'out/baseline');
  const { memoryStore, toSvg } = await load('charts/render.js');
  const { svgToPng } = await load('charts/png.js');
  const store = memoryStore();
  const kinds = readdirSync(dir).filter((f) => f.endsWith('.vl.json'));
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const row = {};
    for (const f of kinds) {
      const spec = JSON.parse(readFileSync(resolve(dir, f), 'utf8'));
      let t0 = performance.now();
      const svg = await toSvg(spec, store);
      const svgMs = Math.round(performance.now() - t0);
      t0 = performance.now();
      svgToPng(svg, 2);
      row[f.replace('.vl.json', '')] = [svgMs, Math.round(performance.now() - t0)];
    }
    rounds.push(row);
  }
  console.log(JSON.stringify(rounds));
} else if (what === 'first-call') {
  const t0 = performance.now();
  simulate(input);
  console.log(JSON.stringify({ first: performance.now() - t0 }));
} else {
  const plain = plainInput(input);
  const block = 250;
  const perRun = (f) => {
    const batches = [];
    for (let b = 0; b < 5; b++) {
      const t0 = performance.now();
      f(b);
      batches.push((performance.now() - t0) / 1000);
    }
    return median(batches);
  };
  for (let i = 0; i < 300; i++) simulate({ ...input, seed: `warm${i}` });
  const run = perRun((b) => {
    for (let i = 0; i < 1000; i++) simulate({ ...input, seed: `${b}:${i}` });
  });
  runTask({ input: plain, from: 0, to: block, aggregate: true });
  const task = perRun((b) => {
    for (let f = 0; f < 1000; f += block) runTask({ input: plain, from: b * 1000 + f, to: b * 1000 + f + block, aggregate: true });
  });
  console.log(JSON.stringify({ run, task }));
}
