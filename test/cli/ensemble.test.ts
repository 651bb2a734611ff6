// Ensembles, shards and comparisons end to end: the same bytes for any number of workers, shards
// that merge into one run, common random numbers, and bad input refused before anything is written.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEnsembleChart } from '../../src/charts/index.js';
import { packageRoot } from '../../src/cli/context.js';
import { cli, snapshot, tempDir } from './helpers.js';

const SHORT = ['--end', '2023-12', '--no-charts', '--quiet'];
afterEach(() => {
  delete process.env.STANCESIM_THREAD_WORK;
});

describe('ensemble', () => {
  it('writes the same bytes with one worker thread or two', async () => {
    const one = tempDir();
    const two = tempDir();
    // threads for these 60 runs too (they would run in one thread: pool.ts)
    process.env.STANCESIM_THREAD_WORK = '0';
    expect((await cli('ensemble', 'baseline', '-n', '60', '--workers', '1', '-o', one, ...SHORT)).code).toBe(
      0,
    );
    expect((await cli('ensemble', 'baseline', '-n', '60', '--workers', '2', '-o', two, ...SHORT)).code).toBe(
      0,
    );
    expect(Object.keys(snapshot(one))).toEqual([
      'bands.csv',
      'ensemble.json',
      'recognition.csv',
      'rung_probabilities.csv',
      'scenario.json',
    ]);
    expect(snapshot(two)).toEqual(snapshot(one));
  }, 60_000);

  it('draws the same charts on the threads as in one thread (the built CLI: its threads load Vega)', async () => {
    const one = tempDir();
    const two = tempDir();
    const args = ['ensemble', 'baseline', '-n', '24', '--end', '2022-12', '--format', 'svg', '--quiet'];
    const built = (...more: string[]) =>
      new Promise<number>((done) =>
        spawn(process.execPath, [`${packageRoot}dist/cli/bin.js`, ...args, ...more], {
          env: { ...process.env, STANCESIM_THREAD_WORK: '0' },
          stdio: 'ignore',
        }).on('close', done),
      );
    expect(await built('--workers', '1', '-o', one)).toBe(0);
    expect(await built('--workers', '2', '-o', two)).toBe(0);
    const files = readdirSync(one).sort();
    expect(files.filter((f) => f.endsWith('.svg'))).toHaveLength(7);
    expect(readdirSync(two).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(two, f), 'utf8')).toBe(readFileSync(join(one, f), 'utf8'));
  }, 60_000);

  // the flag is set for Node 20's V8 only (pool.ts compilesInPlace)
  it.runIf(process.versions.v8.startsWith('11.'))(
    "has the threads compile the model in place, not on a compiler thread (V8's own trace)",
    async () => {
      // a thread on every core (and two on a machine of one)
      const workers = String(Math.max(2, availableParallelism()));
      const args = ['ensemble', 'baseline', '-n', '400', '--end', '2022-12', '--workers', workers];
      const run = await new Promise<{ code: number | null; out: string; err: string }>((done) => {
        let out = '';
        let err = '';
        const child = spawn(
          process.execPath,
          ['--trace-opt', `${packageRoot}dist/cli/bin.js`, ...args, '--no-charts', '-o', tempDir()],
          // only the threads run the model then
          { env: { ...process.env, STANCESIM_THREAD_WORK: '0' } },
        );
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          err += d;
        });
        child.on('close', (code) => done({ code, out, err }));
      });
      expect(run.code, run.err).toBe(0);
      expect(run.err).not.toMatch(/flag/);
      // TurboFan's compilations, OSR included: the tier the flag governs
      const modes = [
        ...run.out.matchAll(
          /compiling method [^<]*<JSFunction (?:simulate|stepCountries) [^>]*> \(target TURBOFAN\w*\)(?: OSR)?, mode: ConcurrencyMode::k(\w+)/g,
        ),
      ];
      expect(modes.length).toBeGreaterThan(0);
      expect(new Set(modes.map((m) => m[1]))).toEqual(new Set(['Synchronous']));
    },
    60_000,
  );

  it('records the seed rule and the runs in every output', async () => {
    const out = tempDir();
    const r = await cli('run', 'baseline', '--runs', '12', '--workers', '1', '-o', out, ...SHORT);
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'ensemble.json'), 'utf8'));
    expect([doc.seed, doc.runs]).toEqual(['20210815', 12]);
    expect(JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8')).replication_seeds).toBe(
      '20210815/0 … 20210815/11',
    );
    expect(readFileSync(join(out, 'bands.csv'), 'utf8').split('\n')[1]).toMatch(
      /^baseline,20210815,12,2021-08,/,
    );
    expect(r.out).toContain('12 runs');
  });

  it('merges shards into exactly the bytes of one run', async () => {
    const whole = tempDir();
    expect((await cli('ensemble', 'baseline', '-n', '25', '-w', '1', '-o', whole, ...SHORT)).code).toBe(0);
    const parts = tempDir();
    for (const i of [1, 2, 3])
      expect(
        (await cli('ensemble', 'baseline', '-n', '25', '-w', '1', '--shard', `${i}/3`, '-o', parts, ...SHORT))
          .code,
      ).toBe(0);
    const merged = tempDir();
    const shards = [3, 1, 2].map((i) => join(parts, `shard-${i}-of-3.json`));
    const r = await cli('merge', ...shards, '-o', merged, '--no-charts');
    expect(r.code).toBe(0);
    expect(snapshot(merged)).toEqual(snapshot(whole));
    // the shards carry the record, so the merge keeps it (2021-08..2023-12 lies inside it)
    const doc = JSON.parse(readFileSync(join(merged, 'ensemble.json'), 'utf8'));
    expect(doc.record.end).toBe('2023-12');
    expect(r.out).toContain('2021-08 → 2023-12 replays the observed record');
  }, 60_000);

  it('carries the observed record of the data in use when it starts before the record ends', async () => {
    const out = tempDir();
    const r = await cli(
      'ensemble',
      'baseline',
      '-n',
      '4',
      '-w',
      '1',
      '--end',
      '2026-12',
      '-o',
      out,
      '--no-charts',
      '--quiet',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'ensemble.json'), 'utf8'));
    // shipped data: stance rows to 2025-06; each country at the start, at each change and at the end
    expect(doc.record.end).toBe('2025-06');
    expect(doc.record.rows.filter((x: { country: string }) => x.country === 'CN')).toEqual([
      { country: 'CN', date: '2021-08', rung: 4 },
      { country: 'CN', date: '2023-09', rung: 5 },
      { country: 'CN', date: '2025-06', rung: 5 },
    ]);
    expect(r.out).toContain('2021-08 → 2025-06 replays the observed record (no recognition in it)');
    // the charts drawn from it mark where it ends, and say what the black steps are
    const counts = JSON.stringify(buildEnsembleChart('fan-counts', doc));
    expect(counts).toContain('record ends Jun 2025');
    expect(counts).toContain('black steps: the observed number of countries at rung ≥ 4, ≥ 5 and 6');
    expect(JSON.stringify(buildEnsembleChart('probability', doc))).toContain('record ends Jun 2025');

    // another data directory: its record ends at its own last stance row
    const data = join(tempDir(), 'data');
    cpSync(join(packageRoot, 'data'), data, { recursive: true });
    const events = readFileSync(join(data, 'events.csv'), 'utf8').split('\n');
    writeFileSync(
      join(data, 'events.csv'),
      events.filter((line) => !/^(2023-(0[7-9]|1\d)|202[45]-\d\d),[^,]*,stance,/.test(line)).join('\n'),
    );
    const other = tempDir();
    expect(
      (await cli('ensemble', 'baseline', '-n', '4', '-w', '1', '--data', data, '-o', other, ...SHORT)).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(other, 'ensemble.json'), 'utf8')).record.end).toBe('2023-05');

    // an ensemble from the record's last month replays nothing: the record holds its start only, and
    // no chart marks it
    const late = tempDir();
    const l = await cli(
      'ensemble',
      'baseline',
      '-n',
      '4',
      '-w',
      '1',
      '--start',
      '2025-06',
      '-o',
      late,
      '--no-charts',
      '-q',
    );
    expect(l.code).toBe(0);
    const lateDoc = JSON.parse(readFileSync(join(late, 'ensemble.json'), 'utf8'));
    expect(new Set(lateDoc.record.rows.map((x: { date: string }) => x.date))).toEqual(new Set(['2025-06']));
    // no rule (its label reads 'record ends Jun 2025'); the caption says the runs start at the observed state
    expect(JSON.stringify(buildEnsembleChart('fan-counts', lateDoc))).not.toContain('record ends Jun 2025');
    expect(l.out).not.toContain('replays');
  }, 60_000);

  it('refuses an incomplete or mixed set of shards, naming the problem', async () => {
    const parts = tempDir();
    for (const i of [1, 2])
      await cli('ensemble', 'baseline', '-n', '10', '-w', '1', '--shard', `${i}/2`, '-o', parts, ...SHORT);
    const other = tempDir();
    await cli(
      'ensemble',
      'baseline',
      '--seed',
      '7',
      '-n',
      '10',
      '-w',
      '1',
      '--shard',
      '2/2',
      '-o',
      other,
      ...SHORT,
    );
    const out = join(tempDir(), 'never');
    const missing = await cli('merge', join(parts, 'shard-1-of-2.json'), '-o', out);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing slice 2 of 2');
    const mixed = await cli(
      'merge',
      join(parts, 'shard-1-of-2.json'),
      join(other, 'shard-2-of-2.json'),
      '-o',
      out,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('belongs to another ensemble');
    const twice = await cli(
      'merge',
      join(parts, 'shard-1-of-2.json'),
      join(parts, 'shard-1-of-2.json'),
      '-o',
      out,
    );
    expect(twice.err).toContain('both slice 1 of 2');
    // a slice run by another build (its model code changed): every number may differ
    const shard = JSON.parse(readFileSync(join(parts, 'shard-2-of-2.json'), 'utf8'));
    expect(shard.build).toMatch(/^stancesim \d+\.\d+\.\d+ [0-9a-f]{16}$/);
    const elsewhere = join(tempDir(), 'shard-2-of-2.json');
    writeFileSync(elsewhere, JSON.stringify({ ...shard, build: 'stancesim 0.1.0 0123456789abcdef' }));
    const builds = await cli('merge', join(parts, 'shard-1-of-2.json'), elsewhere, '-o', out);
    expect(builds.code).toBe(2);
    expect(builds.err).toContain('was run by another stancesim than');
    expect(builds.err).toContain('hint: run every slice, and the merge, with one build');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('keeps every run in replication order when asked, from threads finishing in any order', async () => {
    const out = tempDir();
    process.env.STANCESIM_THREAD_WORK = '0';
    expect(
      (await cli('ensemble', 'baseline', '-n', '9', '-w', '2', '--keep-runs', '-o', out, ...SHORT)).code,
    ).toBe(0);
    const lines = readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^replication,seed,date,rung_US,/);
    expect(lines.length).toBe(1 + 9 * 29); // 2021-08 … 2023-12 is 29 months
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(
      Array.from({ length: 9 }, (_, r) => Array(29).fill(String(r))).flat(),
    );
    expect(lines[30]).toMatch(/^1,20210815\/1,2021-08,/);
  }, 60_000);

  it.each([
    [['--runs', '0'], /--runs must be a whole number from 1/],
    [['--runs', '1e9'], /--runs must be a whole number from 1 to 10,000,000/],
    [['--runs', '2.5'], /--runs must be a whole number/],
    [['--shard', '3/2'], /--shard 3\/2: no slice 3 of 2/],
    [['--shard', 'half'], /not of the form i\/n/],
    [['--shard', '1/50', '--runs', '10'], /leaves slices empty/],
    [['--shard', '1/2', '--keep-runs'], /cannot be combined/],
    [['--workers', '0'], /--workers must be a whole number from 1/],
    [['--rung', '7'], /--rung must be a rung from 1 to 6/],
  ])('refuses %j with exit code 2 and writes nothing', async (args, message) => {
    const out = join(tempDir(), 'never');
    const r = await cli('ensemble', 'baseline', '-o', out, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('hint:');
    expect(existsSync(out)).toBe(false);
  });
});

describe('compare', () => {
  it('gives zero differences for a scenario against an identical copy (common random numbers)', async () => {
    const copy = join(tempDir(), 'copy.yaml');
    writeFileSync(
      copy,
      `name: copy\nextends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\n`,
    );
    const out = tempDir();
    const r = await cli('compare', 'baseline', copy, '-n', '30', '-w', '1', '-o', out, ...SHORT, '--json');
    expect(r.code).toBe(0);
    const diffs = JSON.parse(r.out) as { difference: number; lo: number; hi: number }[];
    expect(diffs.length).toBe(5);
    for (const d of diffs) expect([d.difference, d.lo, d.hi]).toEqual([0, 0, 0]);
    const doc = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(doc.overrides).toEqual([]);
  }, 60_000);

  it('lists what differs and pairs the runs of two scenarios', async () => {
    const out = tempDir();
    const months = ['--start', '2025-06', '--end', '2026-12', '--no-charts', '--quiet'];
    const r = await cli(
      'compare',
      'baseline',
      'isk-surge',
      '-n',
      '30',
      '-w',
      '2',
      '-o',
      out,
      ...months,
      '--outcome',
      'threat',
      'west_at_least_2 >= 1',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(doc.scenarios.map((s: { name: string }) => s.name)).toEqual(['baseline', 'isk-surge']);
    expect(doc.overrides.map((o: { path: string }) => o.path)).toContain('events');
    const threat = doc.differences[0];
    expect(threat.outcome.text).toBe('threat');
    // the surge sets ISK's mean threat to 0.85 from 2026-01: paired, the difference is clear of zero
    expect(threat.difference).toBeGreaterThan(0.1);
    expect(threat.lo).toBeGreaterThan(0);
    expect(threat.hi).toBeGreaterThanOrEqual(threat.difference);
    expect(readFileSync(join(out, 'differences.csv'), 'utf8')).toContain('threat,baseline,isk-surge');
  }, 60_000);

  it('asks for common months when the scenarios start at different times', async () => {
    const r = await cli('compare', 'baseline', 'isk-surge', '-n', '5');
    expect(r.code).toBe(2);
    expect(r.err).toContain('isk-surge runs 2025-06..2030-12, baseline 2021-08..2030-12');
    expect(r.err).toContain('--start 2025-06');
  });

  it('refuses a single scenario, one run, or an unknown outcome', async () => {
    expect((await cli('compare', 'baseline', '-o', join(tempDir(), 'x'))).err).toContain(
      'at least two scenarios',
    );
    expect((await cli('compare', 'baseline', 'isk-surge', '-n', '1')).err).toContain(
      '--runs must be a whole number from 2',
    );
    const r = await cli(
      'compare',
      'baseline',
      'isk-surge',
      '--start',
      '2025-06',
      '--outcome',
      'recognisers >= 1',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown measure 'recognisers'");
  });
});

describe('studies', () => {
  it('refuse a factor path that does not exist, an empty range, and a scenario without factors', async () => {
    const bad = await cli('sweep', 'baseline', '--factor', 'decision.firstmover=0:3');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('decision.first_mover');
    const empty = await cli('sweep', 'baseline', '--factor', 'decision.first_mover=3:3');
    expect(empty.code).toBe(2);
    const bare = join(tempDir(), 'bare.yaml');
    writeFileSync(
      bare,
      `extends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\nsweep: []\n`,
    );
    const none = await cli('sensitivity', bare);
    expect(none.code).toBe(2);
    expect(none.err).toContain('declares no factors');
  });

  it('sweep a full factorial: one row per design point, the same seeds at every point', async () => {
    const out = tempDir();
    const r = await cli(
      'sweep',
      'baseline',
      '-f',
      'decision.first_mover=0:2',
      '-f',
      'mechanisms.emboldening.enabled=true,false',
      '-n',
      '4',
      '-w',
      '1',
      '-o',
      out,
      ...SHORT,
      '--outcome',
      'power_kandahar',
    );
    expect(r.code).toBe(0);
    const rows = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe('point,decision.first_mover,mechanisms.emboldening.enabled,power_kandahar');
    expect(rows.slice(1).map((l) => l.split(',').slice(1, 3).join(','))).toEqual([
      '0,true',
      '0,false',
      '1,true',
      '1,false',
      '2,true',
      '2,false',
    ]);
    // the same seeds at every point: the point with the baseline's own values reproduces its mean
    const copy = join(tempDir(), 'copy.yaml');
    writeFileSync(
      copy,
      `name: copy\nextends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\n`,
    );
    const c = await cli(
      'compare',
      'baseline',
      copy,
      '-n',
      '4',
      '-w',
      '1',
      '-o',
      tempDir(),
      ...SHORT,
      '--outcome',
      'power_kandahar',
      '--json',
    );
    const baselineRow = rows.find((l) => l.startsWith('2,1,true,'))!;
    expect(Number(baselineRow.split(',')[3])).toBe(JSON.parse(c.out)[0].reference_mean);
  }, 60_000);

  it('refuse absurd sizes before running anything', async () => {
    const out = join(tempDir(), 'never');
    const r = await cli(
      'sensitivity',
      'baseline',
      '--method',
      'sobol',
      '--samples',
      '5000000',
      '-n',
      '100',
      '-o',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/model runs \(at most 50,000,000\)/);
    expect(existsSync(out)).toBe(false);
    const zero = await cli('sweep', 'baseline', '-n', '0', '-o', out);
    expect(zero.err).toContain('--runs must be a whole number from 1');
  });

  it("screen the shipped baseline's sweep: block with Morris, every factor indexed with its interval", async () => {
    const out = tempDir();
    const r = await cli(
      'sensitivity',
      'baseline',
      '--trajectories',
      '3',
      '-n',
      '2',
      '-w',
      '2',
      '-o',
      out,
      ...SHORT,
      '--outcome',
      'at_least_5',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(doc.factors.map((f: { path: string }) => f.path)).toContain('decision.first_mover');
    expect(doc.points).toBe(3 * (doc.factors.length + 1));
    for (const ix of doc.outcomes[0].indices) {
      expect(ix.mu_star_lo).toBeLessThanOrEqual(ix.mu_star);
      expect(ix.mu_star_hi).toBeGreaterThanOrEqual(ix.mu_star);
    }
  }, 60_000);

  it('Sobol with too few samples says which indices cannot be read', async () => {
    const out = tempDir();
    const r = await cli(
      'sensitivity',
      'baseline',
      '--method',
      'sobol',
      '--samples',
      '8',
      '-f',
      'decision.security=4:12',
      '-f',
      'decision.peers=0.5:1.5',
      '-n',
      '2',
      '-w',
      '1',
      '-o',
      out,
      ...SHORT,
      '--outcome',
      'at_least_4',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(doc.unreliable.length).toBeGreaterThan(0);
    for (const u of doc.unreliable) expect(u.hi - u.lo > 0.2 || u.lo < -0.05 || u.hi > 1.05).toBe(true);
    expect(r.err).toContain(
      `stancesim: warning: ${doc.unreliable.length} of 4 Sobol intervals are too wide to read`,
    );
    expect(r.err).toContain('give more --samples (now 8)');
  }, 60_000);

  it('discover says so, and draws no empty chart, when the outcome never happens', async () => {
    const out = tempDir();
    const r = await cli(
      'discover',
      'baseline',
      '-f',
      'decision.first_mover=0:3',
      '--outcome',
      'recognizers@2023-12 >= 10',
      '--points',
      '10',
      '-n',
      '1',
      '-w',
      '1',
      '-o',
      out,
      '--end',
      '2023-12',
      '--quiet',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      "warning: 'recognizers@2023-12 >= 10': it holds at none of the 10 design points: there is nothing for PRIM to find; no chart drawn",
    );
    expect(existsSync(join(out, 'discover.json'))).toBe(true);
    expect(existsSync(join(out, 'discover.svg'))).toBe(false);
  }, 60_000);

  it('discover needs one event outcome', async () => {
    const r = await cli('discover', 'baseline', '-f', 'decision.first_mover=0:3', '--outcome', 'recognizers');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a number, not an event');
  });
});
