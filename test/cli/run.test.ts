import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, shipped, snapshot, tempDir } from './helpers.js';

const KINDS = ['rungs', 'heatmap', 'factions', 'policy', 'legitimacy'];

describe('stancesim run', () => {
  const out = tempDir();
  const again = tempDir();
  const other = tempDir();

  it('writes results, summary, scenario and five charts in three formats', async () => {
    const r = await cli('run', 'scenarios/baseline.yaml', '--out', out);
    expect(r.err).toContain(`wrote 19 files to ${out}/ (seed 20210815)`);
    expect(r.code).toBe(0);
    for (const k of KINDS)
      for (const ext of ['vl.json', 'svg', 'png'])
        expect(existsSync(join(out, `${k}.${ext}`)), `${k}.${ext}`).toBe(true);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('scenario,seed,date,actor,variable,value');
    expect(csv[1]).toMatch(/^baseline,20210815,2021-08,US,rung,\d$/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toMatchObject({
      scenario: 'baseline',
      seed: '20210815',
      start: '2021-08',
      end: '2030-12',
    });
    expect(results.rows.length).toBe(csv.length - 2);
    // the record over the run's months, from the data in use: each country's start, changes and end
    expect(results.record.end).toBe('2025-06');
    expect(results.record.rows.filter((x: { country: string }) => x.country === 'CN')).toEqual([
      { country: 'CN', date: '2021-08', rung: 4 },
      { country: 'CN', date: '2023-09', rung: 5 },
      { country: 'CN', date: '2025-06', rung: 5 },
    ]);
    expect(readFileSync(join(out, 'rungs.vl.json'), 'utf8')).toContain('where the record ends');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.seed).toBe('20210815');
    expect(Object.values(summary.final.count_by_rung).reduce((a: number, b) => a + (b as number), 0)).toBe(
      23,
    );
    expect(summary.un.map((u: { year: number }) => u.year)).toEqual([
      2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030,
    ]);
    // the human summary goes to stdout, the file report to stderr
    expect(r.out).toContain('countries by rung at 2030-12');
    expect(r.out).not.toContain('wrote');
    // the baseline starts in 2021-08: its first years replay the record (shipped data: to 2025-06)
    expect(r.out).toContain(
      '2021-08 → 2025-06 replays the observed record (no recognition in it): compare with it; after 2025-06: projection',
    );
  });

  it('starts every country at its observed rung then', async () => {
    const r = await cli(
      'run',
      'baseline',
      '--start',
      '2025-06',
      '--end',
      '2025-06',
      '--no-charts',
      '--json',
      '--out',
      tempDir(),
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.final.rungs).toMatchObject({ CN: 5, PK: 5, AE: 5, RU: 4, US: 3, GB: 2, FR: 1, TJ: 2 });
  });

  it('gives byte-identical outputs for the same scenario and seed', async () => {
    expect((await cli('run', 'scenarios/baseline.yaml', '--out', again)).code).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(out));
  });

  it('takes another path with another seed, and records it', async () => {
    expect((await cli('run', 'baseline', '--seed', '7', '--no-charts', '--out', other)).code).toBe(0);
    const a = readFileSync(join(out, 'results.csv'), 'utf8');
    const b = readFileSync(join(other, 'results.csv'), 'utf8');
    expect(b.split('\n')[1]).toMatch(/^baseline,7,/);
    expect(b.replaceAll('baseline,7,', '')).not.toEqual(a.replaceAll('baseline,20210815,', ''));
  });

  it('re-renders the same charts from saved results', async () => {
    const dir = tempDir();
    // specs and SVGs (a PNG is drawn from its SVG: render.test.ts shows that is byte-identical too)
    const r = await cli('chart', join(out, 'results.json'), '--format', 'svg', '--out', dir);
    expect(r.code).toBe(0);
    const before = snapshot(out);
    for (const [name, digest] of Object.entries(snapshot(dir))) expect(digest, name).toBe(before[name]);
    expect(Object.keys(snapshot(dir)).length).toBe(10);
  });

  it('renders only the charts and formats asked for', async () => {
    const dir = tempDir();
    expect(
      (await cli('chart', join(out, 'results.json'), '--kind', 'heatmap', '--format', 'svg', '--out', dir))
        .code,
    ).toBe(0);
    expect(Object.keys(snapshot(dir))).toEqual(['heatmap.svg', 'heatmap.vl.json']);
  });

  it('runs every shipped what-if', async () => {
    const list = await cli('list', '--json');
    const names = JSON.parse(list.out).map((s: { name: string }) => s.name);
    // every scenario file shipped in scenarios/ (more get added: the count is not pinned), by its name
    expect(names).toEqual(shipped());
    expect(names).toContain('baseline');
    for (const name of names) {
      const r = await cli('run', name, '--no-charts', '--json', '--out', tempDir());
      expect(r.code, `${name}: ${r.err}`).toBe(0);
    }
  });
});
