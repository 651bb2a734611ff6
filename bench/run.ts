// npm run bench [-- --baseline DIR] [--rounds K] [--memory]: the speed figures, each a fresh process,
// interleaved (every figure of a round runs for this tree, then for the baseline, before the next),
// reported as medians with min–max, paired ratios by round, and the machine's load at each sample;
// written into docs/BENCHMARKS.md (its notes and playground sections kept). DIR is another checkout with its dist/
// built (`git worktree add /tmp/base <rev> && cd /tmp/base && ln -s $OLDPWD/node_modules && npm run
// build`). Run `npm run build` first: the figures are for the shipped dist/.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ROUNDS = Number(option('--rounds') ?? 5);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  process.stderr.write(
    `bench: --rounds ${option('--rounds')}: expected a whole number of rounds, 1 or more\n`,
  );
  process.exit(2);
}
const baseline = option('--baseline');
const builds = [
  { name: 'this tree', root: resolve('.') },
  ...(baseline ? [{ name: 'baseline', root: resolve(baseline) }] : []),
];
const floorScript = resolve('bench/floor.mjs');
const probe = resolve('bench/probe.mjs');

const tmp = mkdtempSync(join(tmpdir(), 'stancesim-bench-'));
const out = join(tmp, 'out');
const cacheOf = (b: number) => join(tmp, `cache-${b}`);

/** One fresh process; its wall time (ms) and what it printed. */
function time(root: string, command: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  const t0 = performance.now();
  const stdout = execFileSync(command, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { ms: performance.now() - t0, stdout: stdout.toString() };
}
const cli =
  (argv: string[], cache = true) =>
  (root: string, b: number) =>
    time(root, process.execPath, ['dist/cli/bin.js', ...argv], {
      STANCESIM_CACHE: cache ? cacheOf(b) : 'off',
    }).ms;
const ensemble = (n: number, workers: number, charts = false) =>
  cli([
    'ensemble',
    'baseline',
    '-n',
    String(n),
    '--workers',
    String(workers),
    '--out',
    out,
    '--quiet',
    ...(charts ? [] : ['--no-charts']),
  ]);
const json = (s: string) => JSON.parse(s.trim().split('\n').at(-1)!);

type Sample = (root: string, build: number, round: number) => number;
// one probe a build and round gives both per-run figures
const perRuns = new Map<string, { run: number; task: number }>();
const perRun = (root: string, round: number) => {
  const key = `${root} ${round}`;
  if (!perRuns.has(key))
    perRuns.set(key, json(time(root, process.execPath, [probe, root, 'per-run']).stdout));
  return perRuns.get(key)!;
};
/** The figures, in the order a round runs them. */
const FIGURES: Record<string, { what: string; sample: Sample }> = {
  run: {
    what: 'one baseline run in-process, run path (`simulate`), per run',
    sample: (root, _, round) => perRun(root, round).run,
  },
  task: {
    what: 'the same, ensemble path (the task a worker runs, aggregated), per run',
    sample: (root, _, round) => perRun(root, round).task,
  },
  floor: {
    what: '`bench/floor.mjs` (the floor model as shipped to the team, byte for byte), per run, run beside',
    sample: () =>
      Number(/([\d.]+) us per run/.exec(time('.', process.execPath, [floorScript]).stdout)![1]) / 1000,
  },
  first: {
    what: 'first `simulate()` in a fresh process (scenario loaded)',
    sample: (root) => json(time(root, process.execPath, [probe, root, 'first-call']).stdout).first,
  },
  runCharts: {
    what: 'cold `stancesim run scenarios/baseline.yaml` with its 5 charts',
    sample: cli(['run', 'scenarios/baseline.yaml', '--out', out]),
  },
  runNoCharts: {
    what: 'cold `stancesim run … --no-charts`',
    sample: cli(['run', 'scenarios/baseline.yaml', '--out', out, '--no-charts']),
  },
  runFirstEver: {
    what: 'the same, first-ever run (compiled-scenario cache off)',
    sample: cli(['run', 'scenarios/baseline.yaml', '--out', out, '--no-charts'], false),
  },
  help: { what: 'cold `node dist/cli/bin.js --help`', sample: cli(['--help']) },
  npxHelp: {
    what: 'cold `npx stancesim --help`',
    sample: (root) => time(root, 'npx', ['stancesim', '--help']).ms,
  },
  e10k2: { what: '10k runs, `--workers 2 --no-charts`', sample: ensemble(10_000, 2) },
  e10k1: { what: '10k runs, `--workers 1 --no-charts` (in-process)', sample: ensemble(10_000, 1) },
  e10k2charts: { what: '10k runs, `--workers 2` with the default charts', sample: ensemble(10_000, 2, true) },
  e1k2: { what: '1k runs, `--workers 2 --no-charts`', sample: ensemble(1000, 2) },
  e1k1: { what: '1k runs, `--workers 1 --no-charts`', sample: ensemble(1000, 1) },
};
type Key = keyof typeof FIGURES;
/** Ratios of two figures of the same build and round. */
const RATIOS: { what: string; of: [Key, Key] }[] = [
  { what: 'per run in-process, ensemble path / floor', of: ['task', 'floor'] },
  { what: 'per run in-process, run path / floor', of: ['run', 'floor'] },
  { what: 'speed-up from 1 to 2 workers, 10k runs', of: ['e10k1', 'e10k2'] },
  { what: '10k runs with the default charts / without', of: ['e10k2charts', 'e10k2'] },
  { what: 'cold `run` with its charts / without', of: ['runCharts', 'runNoCharts'] },
  { what: '1k runs, 2 workers / 1', of: ['e1k2', 'e1k1'] },
  { what: '`npx stancesim --help` / `node dist/cli/bin.js --help`', of: ['npxHelp', 'help'] },
];

/**
 * Figures worked out from a round's samples of one build. Two threads take T2 = (T1 + s)/2 + F, with
 * T1 the in-process time, s the part neither thread can share (a process's start and loading, read as
 * a cold `run --no-charts`), and F what the second thread adds: its start, and every thread's own
 * compiling of the model (docs/BENCHMARKS.md). F against the most it may be for the 1.8× goal.
 */
const DERIVED: { what: string; of: (get: (key: Key) => number) => number }[] = [
  {
    what: 'what two threads add, F = T(2 workers) − (T(in-process) + s)/2, 10k runs, s = cold `run --no-charts`',
    of: (get) => get('e10k2') - (get('e10k1') + get('runNoCharts')) / 2,
  },
  {
    what: 'the most F may be for a speed-up of 1.8×: T(in-process)/1.8 − (T(in-process) + s)/2',
    of: (get) => get('e10k1') / 1.8 - (get('e10k1') + get('runNoCharts')) / 2,
  },
];

// samples[build][figure][round], and the 1-minute load at each
const samples = builds.map(() => new Map<string, number[]>());
const loads = builds.map(() => new Map<string, number[]>());
builds.forEach((b, i) => {
  // the cache (compiled scenarios, and charts where a build keeps them) warmed once: cold figures
  // keep it warm unless they say otherwise
  cli(['run', 'scenarios/baseline.yaml', '--out', out])(b.root, i);
  ensemble(10_000, 2, true)(b.root, i);
});
for (let r = 0; r < ROUNDS; r++) {
  for (const [key, f] of Object.entries(FIGURES)) {
    builds.forEach((b, i) => {
      const load = loadavg()[0]!;
      const ms = f.sample(b.root, i, r);
      samples[i]!.set(key, [...(samples[i]!.get(key) ?? []), ms]);
      loads[i]!.set(key, [...(loads[i]!.get(key) ?? []), load]);
    });
  }
  process.stderr.write(`round ${r + 1} of ${ROUNDS} (load ${loadavg()[0]!.toFixed(2)})\n`);
}

/** Peak memory (MB) of one ensemble of n runs, worker threads included, and its wall time. */
function peak(root: string, b: number, n: number) {
  const t = time(root, process.execPath, [resolve('bench/rss.mjs'), root, ...ensembleArgs(n)], {
    STANCESIM_CACHE: cacheOf(b),
  });
  return { mb: json(t.stdout).maxRssMB as number, ms: t.ms };
}
const ensembleArgs = (n: number) => [
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
];
const memory = args.includes('--memory')
  ? [10_000, 100_000, 300_000].map((n) => ({ n, at: builds.map((b, i) => peak(b.root, i, n)) }))
  : undefined;
rmSync(tmp, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const num = (x: number) => (x < 10 ? x.toFixed(3) : Math.round(x).toLocaleString('en'));
/** "median (min–max)" with the unit once */
const span = (xs: number[], f: (x: number) => string, unit = '') =>
  `${f(median(xs))}${unit} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
const times = (x: number) => x.toFixed(2);
const pairs = (a: number[], b: number[]) => a.map((x, r) => x / b[r]!);
const loadOf = (i: number, key: string) => span(loads[i]!.get(key)!, times);

const head = baseline
  ? '| figure | this tree | baseline | this tree / baseline, paired | load (1 min) |\n|---|---|---|---|---|'
  : '| figure | median (min–max) | load (1 min) |\n|---|---|---|';
const figureRows = Object.entries(FIGURES).map(([key, f]) => {
  const a = samples[0]!.get(key)!;
  if (!baseline) return `| ${f.what} | ${span(a, num, ' ms')} | ${loadOf(0, key)} |`;
  const b = samples[1]!.get(key)!;
  return `| ${f.what} | ${span(a, num, ' ms')} | ${span(b, num, ' ms')} | ${span(pairs(a, b), times, '×')} | ${loadOf(0, key)} |`;
});
const ratioRows = RATIOS.map(({ what, of: [x, y] }) => {
  const of = (i: number) => pairs(samples[i]!.get(x)!, samples[i]!.get(y)!);
  return `| ${what} | ${builds.map((_, i) => span(of(i), times, '×')).join(' | ')} |`;
});
const derivedRows = DERIVED.map(({ what, of }) => {
  const per = (i: number) => Array.from({ length: ROUNDS }, (_, r) => of((key) => samples[i]!.get(key)![r]!));
  return `| ${what} | ${builds.map((_, i) => span(per(i), num, ' ms')).join(' | ')} |`;
});
const memoryRows = memory
  ? [
      '',
      `Peak resident memory of \`stancesim ${ensembleArgs(0).join(' ').replace('-n 0', '-n N').replace(out, 'DIR')}\`, worker threads included (one run each${baseline ? ', this tree then the baseline' : ''}):`,
      '',
      `| N | ${builds.map((b) => b.name).join(' | ')} |`,
      `|---|${builds.map(() => '---|').join('')}`,
      ...memory.map(
        (m) =>
          `| ${m.n.toLocaleString('en')} | ${m.at.map((p) => `${Math.round(p.mb)} MB (${(p.ms / 1000).toFixed(1)} s)`).join(' | ')} |`,
      ),
      `| 300,000 − 10,000 | ${builds.map((_, i) => `${Math.round(memory[2]!.at[i]!.mb - memory[0]!.at[i]!.mb)} MB`).join(' | ')} |`,
    ]
  : [];

const doc = `# Benchmarks

Written by \`npm run build && npm run bench -- --rounds ${ROUNDS}${baseline ? ' --baseline DIR' : ''}${memory ? ' --memory' : ''}\`
(bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}.
Every sample is a fresh process; a round runs each figure once${baseline ? ' for this tree, then for the baseline (interleaved A B A B)' : ''}, ${ROUNDS} rounds;
medians with min–max over the rounds, and the machine's 1-minute load when each sample started. *Cold*:
a fresh process with the cache warm (a scenario's YAML, schema checks and conditions compiled once and
reused while its files are unchanged, and, from issue 14 on, the charts' compiled structures; README),
unless the row says it is off.

## Speed (issue 14)

${head}
${figureRows.join('\n')}

Ratios paired by round (each round's two figures of the same build):

| ratio | ${builds.map((b) => b.name).join(' | ')} |
|---|${builds.map(() => '---|').join('')}
${ratioRows.join('\n')}

Worked out from each round's figures of the same build:

| figure | ${builds.map((b) => b.name).join(' | ')} |
|---|${builds.map(() => '---|').join('')}
${derivedRows.join('\n')}
${memoryRows.join('\n')}
`;
// kept as they are: the notes on the goals (written by hand) and the playground's section (written by
// bench/playground.ts)
const before = existsSync('docs/BENCHMARKS.md') ? readFileSync('docs/BENCHMARKS.md', 'utf8') : '';
const kept = ['notes', 'playground'].flatMap(
  (name) => new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->`).exec(before)?.[0] ?? [],
);
writeFileSync('docs/BENCHMARKS.md', [doc, ...kept].join('\n') + (kept.length ? '\n' : ''));
process.stdout.write(doc);
