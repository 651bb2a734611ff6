// The local recipe of docs/SCALING.md, run as written: its `xargs -P` block through `sh -ec`, with only
// its sizes line changed (2 slices × 200 runs, 2 at once), then the same ensemble in one process. The
// merged outputs must be the one-process outputs, byte for byte, file by file, charts included.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliOnPath } from './cli-on-path.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SIZES = 'N=400 SLICES=2 JOBS=2';

/** The fenced block of docs/SCALING.md that runs slices with xargs. */
function recipe(): string {
  const doc = readFileSync(join(root, 'docs/SCALING.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const found = blocks.filter((b) => /\bxargs -P\b/.test(b));
  expect(found, 'one ```sh block of docs/SCALING.md runs xargs -P').toHaveLength(1);
  const block = found[0]!;
  expect(block, 'its first line sets N, SLICES and JOBS').toMatch(/^N=\d+ SLICES=\d+ JOBS=\d+\n/);
  return block.replace(/^N=\d+ SLICES=\d+ JOBS=\d+\n/, `${SIZES}\n`);
}

/** Run a shell script asynchronously (a blocked event loop would starve vitest's worker RPC). */
function sh(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      'sh',
      ['-ec', script],
      { cwd, env, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr || stdout}`.trim())) : resolve(),
    ),
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

describe('docs/SCALING.md: slices with xargs -P, then merge', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('writes the bytes of one process, file by file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancesim-scaling-'));
    dirs.push(dir);
    expect(existsSync(join(root, 'dist/cli/bin.js')), 'dist/cli/bin.js: run `npm run build` first').toBe(
      true,
    );
    // stancesim on the PATH, as the recipe calls it
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: cliOnPath(dir) };
    delete env.STANCESIM_TEST_SCALE;

    const work = join(dir, 'work');
    mkdirSync(work);
    await sh(recipe(), work, env);
    expect(files(join(work, 'out'))).toEqual(['merged', 'shard-1', 'shard-2']);
    expect(files(join(work, 'out/shard-1'))).toEqual(['shard-1-of-2.json']);
    expect(files(join(work, 'out/shard-2'))).toEqual(['shard-2-of-2.json']);

    await sh('stancesim ensemble baseline -n 400 --quiet -o out/one', work, env);
    const merged = join(work, 'out/merged');
    const one = join(work, 'out/one');
    const names = files(one);
    expect(names).toContain('ensemble.json');
    expect(names.filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    expect(files(merged)).toEqual(names);
    const differ = names.filter((f) => !readFileSync(join(merged, f)).equals(readFileSync(join(one, f))));
    expect(differ, 'files whose bytes differ').toEqual([]);
    const doc = JSON.parse(readFileSync(join(merged, 'ensemble.json'), 'utf8')) as { runs: number };
    expect(doc.runs).toBe(400);
  }, 300_000);
});
