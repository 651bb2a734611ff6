// Where commands write: `--json` without `--out` prints and writes nothing (a script reading stdout
// leaves no files behind and overwrites none); with `--out` the files are written as usual.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outputDir, wrote } from '../../src/cli/io.js';
import { cli, tempDir } from './helpers.js';

const home = process.cwd();
afterEach(() => process.chdir(home));

/** Run the CLI from an empty directory and list what it left there. */
async function inEmptyDir(...argv: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'stancesim-cwd-'));
  process.chdir(dir);
  const r = await cli(...argv);
  return { ...r, left: readdirSync(dir) };
}

describe('--json without --out', () => {
  it.each([
    ['run', 'baseline', '--json'],
    ['ensemble', 'baseline', '-n', '20', '--workers', '1', '--json'],
    ['explain', 'PK', '--at', '2024-04', '--json'],
  ])('%s prints JSON and writes nothing', async (...argv) => {
    const r = await inEmptyDir(...argv);
    expect(r.code, r.err).toBe(0);
    expect(() => JSON.parse(r.out)).not.toThrow();
    expect(r.left).toEqual([]);
    expect(r.err).not.toMatch(/wrote/);
  });

  it('writes the files where --out says', async () => {
    const out = tempDir();
    const r = await cli('run', 'baseline', '--json', '--no-charts', '--out', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['results.csv', 'results.json', 'scenario.json', 'summary.json']);
    expect(r.err).toBe(`stancesim: wrote 4 files to ${out}/ (seed 20210815)\n`);
  });

  it('refuses what only makes files: --keep-runs or --shard with --json and no --out', async () => {
    for (const extra of [['--keep-runs'], ['--shard', '1/2']]) {
      const r = await inEmptyDir('ensemble', 'baseline', '-n', '20', '--json', ...extra);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `stancesim: error: ${extra[0]} writes files, and --json without --out writes none\n  hint: give the directory with --out\n`,
      );
      expect(r.left).toEqual([]);
    }
  });

  it('without --json: the default directory; the count in words that agree', () => {
    expect(outputDir({ json: false }, 'out/x')).toBe('out/x');
    expect(outputDir({ json: true }, 'out/x')).toBeUndefined();
    expect(outputDir({ json: true, out: 'here' }, 'out/x')).toBe('here');
    expect(wrote(1, 'd')).toBe('stancesim: wrote 1 file to d/\n');
    expect(wrote(3, 'd', 'seed 7')).toBe('stancesim: wrote 3 files to d/ (seed 7)\n');
  });
});
