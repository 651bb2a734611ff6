// `stancesim report` end to end: one self-contained HTML file with the question, seed and runs, the
// inlined libraries and the charts; the comparison for several scenarios; bad input refused.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_KINDS, COMPARE_CHART_KINDS, ENSEMBLE_CHART_KINDS } from '../../src/charts/index.js';
import { escapeHtml } from '../../src/report/html.js';
import { cli, tempDir } from './helpers.js';

const QUESTION =
  "Where does the Taliban's international standing go if every actor keeps to the interests and conditions the articles describe?";

/** What the UMD bundles assign to the page's globals. */
const MARKERS = { vega: '.vega={}', vegaLite: '.vegaLite={}', vegaEmbed: '.vegaEmbed=' };

const kinds = (html: string) =>
  [...html.matchAll(/class="vega-chart"[^>]*data-kind="([^"]+)"/g)].map((m) => m[1]);

describe('report', () => {
  it('writes one offline HTML file with the question, seed, runs, libraries and the ensemble charts', async () => {
    const file = join(tempDir(), 'baseline.html');
    const r = await cli('report', 'baseline', '--runs', '50', '--workers', '1', '--quiet', '--out', file);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`wrote ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(escapeHtml(QUESTION));
    expect(html).toContain('<dt>Seed</dt><dd><code>20210815</code></dd>');
    expect(html).toContain('50 per scenario; replication r runs with seed 20210815/r');
    for (const marker of Object.values(MARKERS)) expect(html).toContain(marker);
    expect(kinds(html)).toEqual([...ENSEMBLE_CHART_KINDS]);
    // the summary on stdout is the report's: the baseline starts in 2021-08, so it first says what replays
    // the record, then what the runs do
    const [, replay, first] = r.out.split('\n').map((l) => l.trim());
    expect(replay).toMatch(/^The runs start in 2021-08, before the observed record ends \(2025-06\)/);
    expect(first).toMatch(/^In \d+% of runs at least one country formally recognizes the Taliban by 2030-12/);
    for (const line of [replay!, first!]) expect(html).toContain(`<li>${escapeHtml(line)}</li>`);
    // With the hazard model no Western state gets past its rung-4 gate (womens_rights >= 0.4) or, for
    // the EU (no rung-4 gate), to the drive a move to rung 4 needs (3.5 + inertia); the old logit choice
    // put some runs there by noise alone.
    expect(html).toContain(
      '<li>No Western country stands at rung 4 (diplomatic presence) or higher in 2030-12 in any run.</li>',
    );
    // written atomically: no temporary file left beside it
    expect(readdirSync(join(file, '..'))).toEqual(['baseline.html']);
  }, 60_000);

  it('shows what a scenario changes, with the shipped values and their sources', async () => {
    const file = join(tempDir(), 'r.html');
    const r = await cli('report', 'reform-before-recognition', '--runs', '1', '--quiet', '-o', file);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(file, 'utf8');
    // one run: the single-run charts
    expect(kinds(html)).toEqual([...CHART_KINDS]);
    expect(html).toContain('1 run (seed 20210815)');
    expect(html).toMatch(
      /<tr><td>countries\.US\.domestic<\/td><td>0\.8<\/td><td>seed 002: [^<]+<\/td><td>0\.5<\/td><td>scenario scenarios\/reform-before-recognition\.yaml<\/td><\/tr>/,
    );
    expect(html).toMatch(
      /<tr><td>2025-09<\/td><td>Western coalition publishes its benchmarks for each rung<\/td><td>haqqani ideal womens_rights \+0\.1; haqqani ideal ct_cooperation \+0\.1<\/td><td>scenarios\/reform-before-recognition\.yaml:\d+<\/td><\/tr>/,
    );
  }, 60_000);

  it('compares several scenarios under common random numbers, with the compare charts and tables', async () => {
    const file = join(tempDir(), 'surge.html');
    const r = await cli(
      'report',
      'baseline',
      'isk-surge',
      '--start',
      '2025-06',
      '--runs',
      '30',
      '--workers',
      '1',
      '--quiet',
      '-o',
      file,
    );
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(kinds(html)).toEqual([...ENSEMBLE_CHART_KINDS, ...ENSEMBLE_CHART_KINDS, ...COMPARE_CHART_KINDS]);
    expect(html).toContain('Differences from the reference');
    expect(html).toContain('<td>1 or more Western countries at rung ≥ 4 in 2030-12</td><td>isk-surge</td>');
    // isk-surge differs from the baseline by its event
    expect(html).toMatch(/<tr><td>events<\/td><td>\(none\)<\/td><td>2026-01 ISK mass-casualty attack abroad/);
    expect(html).toContain('--start 2025-06');
    expect(r.out).toContain('comparison:');
  }, 60_000);

  it('writes the same bytes with one worker thread or two', async () => {
    const dir = tempDir();
    for (const w of ['1', '2'])
      expect(
        (
          await cli(
            'report',
            'baseline',
            '-n',
            '24',
            '-w',
            w,
            '--end',
            '2023-12',
            '-q',
            '-o',
            join(dir, `w${w}.html`),
          )
        ).code,
      ).toBe(0);
    expect(readFileSync(join(dir, 'w2.html')).equals(readFileSync(join(dir, 'w1.html')))).toBe(true);
  }, 60_000);

  it('refuses an --out that is not an .html file, with a hint, before running anything', async () => {
    const dir = tempDir();
    const r = await cli('report', 'baseline', '--runs', '10', '--out', join(dir, 'report.pdf'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('must name an .html file');
    expect(r.err).toContain(`hint: e.g. --out ${join(dir, 'report.html')}`);
    const bare = await cli('report', 'baseline', '--out', dir);
    expect(bare.code).toBe(2);
    expect(bare.err).toContain(`hint: e.g. --out ${join(dir, 'report.html')}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses unknown scenarios and unpaired comparisons as the other commands do', async () => {
    const dir = tempDir();
    const out = join(dir, 'x.html');
    const unknown = await cli('report', 'basline', '-o', out);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("did you mean 'baseline'?");
    const months = await cli('report', 'baseline', 'isk-surge', '-n', '5', '-w', '1', '-o', out);
    expect(months.code).toBe(2);
    expect(months.err).toContain('give --start 2025-06');
    const one = await cli('report', 'baseline', 'isk-surge', '--runs', '1', '-o', out);
    expect(one.code).toBe(2);
    expect(one.err).toContain('a comparison pairs runs');
    expect(existsSync(out)).toBe(false);
  });
});
