// The compiled-scenario cache: reused while nothing it was built from changes, rebuilt when a file it
// depends on changes, never holding a failure, and off when asked.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Context, packageRoot } from '../../src/cli/context.js';
import { cacheEntries, compileScenario } from '../../src/cli/input-cache.js';
import { plainInput } from '../../src/ensemble/input.js';
import { cli, tempDir } from './helpers.js';

const ctx: Context = { out() {}, err() {}, tty: false, root: packageRoot };
const setting = process.env.STANCESIM_CACHE;
afterEach(() => {
  process.env.STANCESIM_CACHE = setting;
  delete process.env.STANCESIM_CACHE_MAX;
});

function scenarios(rights: number) {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'parent.yaml'),
    `extends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\nset:\n  countries.US.rights: ${rights}\n`,
  );
  writeFileSync(join(dir, 'child.yaml'), 'extends: parent.yaml\nquestion: q2?\ndescription: d2\n');
  return dir;
}

describe('compiled-scenario cache', () => {
  it('gives the same input from the cache as from the files, gates included', async () => {
    process.env.STANCESIM_CACHE = tempDir();
    const file = join(scenarios(0.8), 'child.yaml');
    const first = await compileScenario(ctx, file, {});
    expect(readdirSync(process.env.STANCESIM_CACHE)).toHaveLength(1);
    const again = await compileScenario(ctx, file, {});
    expect(plainInput(again.input)).toEqual(plainInput(first.input));
    expect(again.meta).toEqual(first.meta);
    const vars = new Float64Array(200).fill(1);
    for (const [id, gates] of Object.entries(first.input.gates))
      gates.forEach((g, i) => {
        expect(again.input.gates[id]![i]!.test(vars)).toBe(g.test(vars));
      });
  });

  it('rebuilds when a file the scenario extends changes', async () => {
    process.env.STANCESIM_CACHE = tempDir();
    const dir = scenarios(0.8);
    const file = join(dir, 'child.yaml');
    expect((await compileScenario(ctx, file, {})).input.params.countries.US!.rights).toBe(0.8);
    writeFileSync(
      join(dir, 'parent.yaml'),
      `extends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\nset:\n  countries.US.rights: 0.3\n`,
    );
    expect((await compileScenario(ctx, file, {})).input.params.countries.US!.rights).toBe(0.3);
  });

  it('keys on the options: another seed or start is another entry', async () => {
    process.env.STANCESIM_CACHE = tempDir();
    const file = join(scenarios(0.8), 'child.yaml');
    const a = await compileScenario(ctx, file, {});
    const b = await compileScenario(ctx, file, { seed: '7', start: '2025-06' });
    expect([b.input.seed, b.input.start]).toEqual(['7', '2025-06']);
    expect(a.input.start).toBe('2021-08');
    expect(readdirSync(process.env.STANCESIM_CACHE)).toHaveLength(2);
  });

  it('never stores a failure, and stays off when asked', async () => {
    process.env.STANCESIM_CACHE = tempDir();
    const dir = scenarios(7); // out of range
    await expect(compileScenario(ctx, join(dir, 'child.yaml'), {})).rejects.toThrow();
    expect(readdirSync(process.env.STANCESIM_CACHE)).toHaveLength(0);
    const used = process.env.STANCESIM_CACHE;
    process.env.STANCESIM_CACHE = 'off';
    await compileScenario(ctx, join(scenarios(0.5), 'child.yaml'), {});
    expect(readdirSync(used)).toHaveLength(0);
    expect(existsSync(join(process.cwd(), 'off'))).toBe(false);
  });

  it('keeps at most STANCESIM_CACHE_MAX entries, the least recently used going first', async () => {
    const cache = tempDir();
    process.env.STANCESIM_CACHE = cache;
    process.env.STANCESIM_CACHE_MAX = '3';
    const file = join(scenarios(0.8), 'child.yaml');
    const seeds = ['1', '2', '3', '4', '5'];
    const keys: string[] = [];
    for (const seed of seeds.slice(0, 3)) {
      await compileScenario(ctx, file, { seed });
      keys.push(cacheEntries(cache).at(-1)!.file);
    }
    // seed 1 used again: now the most recent; seeds 4 and 5 push out 2 and 3
    await compileScenario(ctx, file, { seed: '1' });
    for (const seed of seeds.slice(3)) await compileScenario(ctx, file, { seed });
    const kept = cacheEntries(cache).map((e) => e.file);
    expect(kept).toHaveLength(3);
    expect(kept).toContain(keys[0]);
    expect(kept).not.toContain(keys[1]);
    expect(kept).not.toContain(keys[2]);
    // a bad bound is refused, not ignored
    process.env.STANCESIM_CACHE_MAX = '0';
    await expect(compileScenario(ctx, file, {})).rejects.toThrow(
      'STANCESIM_CACHE_MAX=0: expected a whole number of entries, 1 or more',
    );
  });

  it('four processes compiling the same scenario at once: one entry, no temporary file, the same results', async () => {
    const cache = tempDir();
    const file = join(scenarios(0.6), 'child.yaml');
    const env = { ...process.env, STANCESIM_CACHE: cache };
    const run = () =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const p = spawn(process.execPath, [`${packageRoot}dist/cli/bin.js`, 'run', file, '--json'], { env });
        let out = '';
        p.stdout.on('data', (b: Buffer) => {
          out += b.toString();
        });
        p.on('close', (code) => done({ code, out }));
      });
    const runs = await Promise.all([run(), run(), run(), run()]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(new Set(runs.map((r) => r.out)).size).toBe(1);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)[0]).toMatch(/^[0-9a-f]{64}\.json$/);
  });

  it('stancesim cache shows where it is and what it holds, and clear empties it', async () => {
    const cache = tempDir();
    process.env.STANCESIM_CACHE = cache;
    await compileScenario(ctx, join(scenarios(0.8), 'child.yaml'), {});
    writeFileSync(join(cache, 'notes.txt'), 'not ours');
    const info = await cli('cache');
    expect(info.out).toMatch(
      new RegExp(`^${cache}: 1 entry \\(\\d+ kB\\), at most 200 kept \\(STANCESIM_CACHE_MAX\\)`),
    );
    const clear = await cli('cache', 'clear');
    expect(clear.out).toMatch(new RegExp(`^removed 1 entry \\(\\d+ kB\\) from ${cache}\n$`));
    // only its own files
    expect(readdirSync(cache)).toEqual(['notes.txt']);
    process.env.STANCESIM_CACHE = 'off';
    expect((await cli('cache')).out).toMatch(/^the cache is off/);
  });
});

describe('compiled charts', () => {
  const run = (out: string) => cli('run', 'baseline', '--end', '2023-12', '--format', 'svg', '--out', out);
  const chartEntries = (cache: string) =>
    readdirSync(cache).filter((f) => readFileSync(join(cache, f), 'utf8').startsWith('{"runtime":'));

  it('a run keeps its charts compiled, and the next draws them from the cache to the same bytes', async () => {
    const cache = tempDir();
    process.env.STANCESIM_CACHE = cache;
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    expect((await run(a)).code).toBe(0);
    const charts = chartEntries(cache);
    expect(charts).toHaveLength(5);
    expect(readdirSync(cache)).toHaveLength(6); // and the scenario
    expect((await run(b)).code).toBe(0);
    expect(readdirSync(cache)).toHaveLength(6);
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
    // the entries are what it draws from: emptied (the shape of an entry, no dataflow), the run fails
    for (const f of charts) writeFileSync(join(cache, f), JSON.stringify({ runtime: {}, datasets: [] }));
    expect((await run(c)).code).toBe(1);
  });

  it('compiles again over an unreadable entry, and not at all with the cache off', async () => {
    const cache = tempDir();
    process.env.STANCESIM_CACHE = cache;
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await run(a);
    for (const f of chartEntries(cache)) writeFileSync(join(cache, f), '{"runtime": [tru');
    expect((await run(b)).code).toBe(0);
    expect(chartEntries(cache)).toHaveLength(5);
    process.env.STANCESIM_CACHE = 'off';
    expect((await run(c)).code).toBe(0);
    for (const f of readdirSync(a)) {
      expect(readFileSync(join(b, f))).toEqual(readFileSync(join(a, f)));
      expect(readFileSync(join(c, f))).toEqual(readFileSync(join(a, f)));
    }
  });
});
