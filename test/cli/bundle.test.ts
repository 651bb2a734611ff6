// The built CLI is a bundle (scripts/bundle.mjs): it must write what the sources write, byte for byte,
// charts included, and find its files (scenarios, fonts, the cache's code hash) from where it lies.

import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { cli, tempDir } from './helpers.js';

const bin = `${packageRoot}dist/cli/bin.js`;

describe('the built CLI (bundled)', () => {
  it('is a bundle: one entry file that loads the rest from chunks beside it, Vega only when drawing', () => {
    const text = readFileSync(bin, 'utf8');
    expect(text).not.toMatch(/from\s+["']\.\/main\.js["']/);
    expect(text).not.toMatch(/from\s+["']vega["']/);
    expect(readdirSync(`${packageRoot}dist/cli`).some((f) => /^chunk-[A-Z0-9]{8}\.js$/.test(f))).toBe(true);
  });

  it('writes the bytes the sources write for a run with its charts (SVG and PNG)', async () => {
    const built = tempDir();
    const here = tempDir();
    const args = ['run', 'baseline', '--end', '2023-12'];
    const code = await new Promise<number>((done) =>
      spawn(process.execPath, [bin, ...args, '-o', built], {
        env: { ...process.env, STANCESIM_CACHE: 'off' },
        stdio: 'ignore',
      }).on('close', done),
    );
    expect(code).toBe(0);
    expect((await cli(...args, '-o', here)).code).toBe(0);
    const files = readdirSync(here).sort();
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(5);
    expect(readdirSync(built).sort()).toEqual(files);
    for (const f of files)
      expect(readFileSync(join(built, f)).equals(readFileSync(join(here, f))), f).toBe(true);
  }, 60_000);

  it('loads string-width only to lay out help (its top level makes an Intl.Segmenter), with the same widths', () => {
    // counts the Intl.Segmenters made, as the process exits
    const counter = join(tempDir(), 'count-segmenters.mjs');
    writeFileSync(
      counter,
      `let made = 0;
const Segmenter = Intl.Segmenter;
Intl.Segmenter = class extends Segmenter { constructor(...a) { super(...a); made++; } };
process.on('exit', () => process.stderr.write('segmenters ' + made));`,
    );
    const built = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', counter, bin, ...args], { encoding: 'utf8' });
    expect(built('--version').stderr).toBe('segmenters 0');
    const help = built('ensemble', '--help');
    expect(help.stderr).toMatch(/^segmenters [1-9]/);
    // the sources import string-width as it is: the same help, column for column
    const sources = spawnSync(
      process.execPath,
      ['--import', 'tsx', `${packageRoot}src/cli/bin.ts`, 'ensemble', '--help'],
      { encoding: 'utf8' },
    );
    expect(help.stdout).toContain('--workers');
    expect(help.stdout).toBe(sources.stdout);
  }, 30_000);

  it('reads no directory above the working one as it starts (bundled yargs would look for a package.json)', () => {
    // lists the directories read, as the process exits
    const dir = tempDir();
    const lister = join(dir, 'list-reads.cjs');
    writeFileSync(
      lister,
      `const fs = require('node:fs');
const read = fs.readdirSync;
const dirs = [];
fs.readdirSync = function (p, ...rest) { dirs.push(String(p)); return read.call(this, p, ...rest); };
process.on('exit', () => process.stderr.write(JSON.stringify(dirs)));`,
    );
    const p = spawnSync(process.execPath, ['--require', lister, bin, '--version'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(p.stdout.trim()).toBe(JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')).version);
    expect(JSON.parse(p.stderr)).toEqual([]);
  });
});
