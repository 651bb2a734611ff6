// The compiled-scenario cache: reused while nothing it was built from changes, rebuilt when a file it
// depends on changes, never holding a failure, and off when asked.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Context, packageRoot } from '../../src/cli/context.js';
import { compileScenario } from '../../src/cli/input-cache.js';
import { plainInput } from '../../src/ensemble/input.js';
import { tempDir } from './helpers.js';

const ctx: Context = { out() {}, err() {}, tty: false, root: packageRoot };
const setting = process.env.STANCESIM_CACHE;
afterEach(() => {
  process.env.STANCESIM_CACHE = setting;
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
});
