// npm run bench: measures the model in-process and the CLI cold, and writes docs/BENCHMARKS.md.
// Run `npm run build` first so the cold CLI figures are for the shipped dist/.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fsReader } from '../src/cli/io.js';
import { simulate } from '../src/model/index.js';
import { buildInput, loadData, loadScenario } from '../src/scenario/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function inProcess() {
  const data = loadData('data', fsReader);
  const input = buildInput(loadScenario('scenarios/baseline.yaml', fsReader, data), data);
  const months = simulate(input).months.length;
  for (let i = 0; i < 500; i++) simulate({ ...input, seed: `warm${i}` });
  const batches: number[] = [];
  for (let b = 0; b < 7; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) simulate({ ...input, seed: `${b}:${i}` });
    batches.push((performance.now() - t0) / 1000);
  }
  return { countries: Object.keys(input.params.countries).length, months, ms: median(batches) };
}

// A new process each time. The compiled-scenario cache (src/cli/input-cache.ts) lives in a fresh
// directory: warmed by a first, unmeasured run, or switched off to measure a first-ever run.
const cacheDir = mkdtempSync(join(tmpdir(), 'stancesim-bench-cache-'));
function cold(args: string[], runs = 7, cache = true) {
  const env = { ...process.env, STANCESIM_CACHE: cache ? cacheDir : 'off' };
  if (cache) execFileSync(process.execPath, ['dist/cli/bin.js', ...args], { stdio: 'ignore', env });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ['dist/cli/bin.js', ...args], { stdio: 'ignore', env });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Peak memory (MB) and wall time of one CLI run, worker threads included. */
function peak(args: string[]) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, ['bench/rss.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, STANCESIM_CACHE: cacheDir },
  });
  const { maxRssMB } = JSON.parse(out.toString().trim().split('\n').at(-1)!) as { maxRssMB: number };
  return { mb: maxRssMB, ms: performance.now() - t0 };
}

const model = inProcess();
const out = mkdtempSync(join(tmpdir(), 'stancesim-bench-'));
const withCharts = cold(['run', 'scenarios/baseline.yaml', '--out', out]);
const noCharts = cold(['run', 'scenarios/baseline.yaml', '--out', out, '--no-charts']);
const withChartsNoCache = cold(['run', 'scenarios/baseline.yaml', '--out', out], 7, false);
const noChartsNoCache = cold(['run', 'scenarios/baseline.yaml', '--out', out, '--no-charts'], 7, false);
const help = cold(['--help']);
const ensemble = (n: number, workers: number, extra: string[] = []) =>
  cold(
    [
      'ensemble',
      'baseline',
      '-n',
      String(n),
      '--workers',
      String(workers),
      '--out',
      out,
      '--quiet',
      '--no-charts',
      ...extra,
    ],
    3,
  );
const e10k2 = ensemble(10_000, 2);
const e10k2NoCache = cold(
  ['ensemble', 'baseline', '-n', '10000', '--workers', '2', '--out', out, '--quiet', '--no-charts'],
  3,
  false,
);
const e10k1 = ensemble(10_000, 1);
const e10k2charts = cold(
  ['ensemble', 'baseline', '-n', '10000', '--workers', '2', '--out', out, '--quiet'],
  3,
);
const memory = [10_000, 100_000].map((n) => ({
  n,
  ...peak([
    'ensemble',
    'baseline',
    '-n',
    String(n),
    '--workers',
    '2',
    '--out',
    out,
    '--quiet',
    '--no-charts',
  ]),
}));
rmSync(out, { recursive: true, force: true });
rmSync(cacheDir, { recursive: true, force: true });

const fmt = (ms: number) => (ms < 10 ? `${ms.toFixed(3)} ms` : `${Math.round(ms)} ms`);
const row = (what: string, figure: string, goal: string, ok: boolean) =>
  `| ${what} | ${figure} | ${goal} | ${goal ? (ok ? 'met' : 'missed') : ''} |`;
const doc = `# Benchmarks

Written by \`npm run build && npm run bench\` (bench/run.ts). Medians; the machine: ${cpus()[0]?.model ?? 'unknown CPU'},
${availableParallelism()} cores, Node ${process.version}. "Cold" is a new process each time; the compiled-scenario
cache (a scenario's YAML, schema checks and conditions, compiled once and reused while its files are
unchanged; README) is warm unless the row says it is off.

| what | median | goal | |
|---|---|---|---|
${row(`one baseline run in-process (${model.countries} countries × ${model.months} months; 7 batches of 1000 seeds)`, fmt(model.ms), '≤ 0.5 ms', model.ms <= 0.5)}
${row('cold `stancesim run scenarios/baseline.yaml` with 5 charts (SVG + PNG), 7 runs', fmt(withCharts), '≤ 1.5 s', withCharts <= 1500)}
${row('the same, first run of the scenario (compiled-scenario cache off)', fmt(withChartsNoCache), '≤ 1.5 s', withChartsNoCache <= 1500)}
${row('cold `stancesim run … --no-charts`, 7 runs', fmt(noCharts), '', true)}
${row('the same, cache off', fmt(noChartsNoCache), '', true)}
${row('cold `stancesim --help`, 7 runs', fmt(help), '', true)}

## Ensembles (issue 3)

\`stancesim ensemble baseline -n N --workers K --no-charts --quiet\` (2021-08 → 2030-12, 23 countries), cold, median of 3.

| what | figure | goal | |
|---|---|---|---|
${row('10,000 replications with bands, `--workers 2`', fmt(e10k2), '≤ 3 s', e10k2 <= 3000)}
${row('the same, first run of the scenario (cache off)', fmt(e10k2NoCache), '≤ 3 s', e10k2NoCache <= 3000)}
${row('10,000 replications, `--workers 1`', fmt(e10k1), '', true)}
| speed-up from 1 to 2 workers | ${(e10k1 / e10k2).toFixed(2)}× | | |
${row('10,000 replications with the 7 charts (SVG + PNG), `--workers 2`', fmt(e10k2charts), '', true)}
${memory.map((m) => row(`peak memory, ${m.n.toLocaleString('en')} replications, \`--workers 2\` (${fmt(m.ms)})`, `${Math.round(m.mb)} MB`, '≤ 300 MB', m.mb <= 300)).join('\n')}
`;
// the playground's section is written by bench/playground.ts: keep it
const kept = /<!-- playground:start -->[\s\S]*<!-- playground:end -->/.exec(
  existsSync('docs/BENCHMARKS.md') ? readFileSync('docs/BENCHMARKS.md', 'utf8') : '',
);
writeFileSync('docs/BENCHMARKS.md', kept ? `${doc}\n${kept[0]}\n` : doc);
process.stdout.write(doc);
