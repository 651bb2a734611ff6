// The notebooks (notebooks/*.ipynb) executed headless on the Deno kernel, as a teacher would run them:
// `jupyter nbconvert --execute` with the kernelspec kept in .jupyter/ and deno from node_modules/.bin,
// no network. Not part of `npm test` (Jupyter is a Debian package): `npm run test:system`.
//
// The exit code is not enough: Deno 2.9's kernel sometimes reports a cell done before its stdout
// arrives, and nbclient then drops it. So nothing goes through stdout: every code cell ends with `await
// flush()`, which shows what it printed as an awaited display (helpers.ts), and this test checks that the
// executed notebook holds what the cells print and draw: each notebook's marker texts, a Vega-Lite bundle
// with its image for every show() call, some output from every cell that prints, and the HTML export.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';

const ROOT = packageRoot;
const DIR = join(ROOT, 'notebooks');
const VEGALITE = 'application/vnd.vegalite.v6+json';
const SVG = 'image/svg+xml';
/** The last line of every code cell: what the cell printed goes out as an awaited display (helpers.ts). */
const FLUSH = 'await flush();';

/** What each notebook must print (besides a chart for every show() call). */
const EXPECTED: Record<string, string[]> = {
  '01-tour.ipynb': [
    '23 countries and blocs, 3 factions',
    'PK — Pakistan (neighbour)',
    'seed 20210815 · 2021-08 → 2030-12',
    'baseline (seed 20210815, 2021-08 → 2030-12)',
    'countries by rung at 2030-12',
    'same seed, same run: true',
    '20210815/11',
  ],
  '02-conditional-recognition.ipynb': [
    'regime policy in 2025-06',
    'ladder: 400 runs',
    'west_at_least_4 >= 1',
    'first step: 400 runs',
    'credible: 400 runs',
    'shipped: 400 runs',
    'parameters that differ between the versions: countries.',
  ],
  '03-faction-dynamics.ipynb': [
    'hypothesis-emboldening (seed 20210815)',
    'hypothesis-crackdown (seed 20210815)',
    'minus neither',
    'isolation threshold: 3',
    'world: western-isolation (from 2025-06)',
    'Kandahar circle, hypothesis-emboldening, seed 20210815, 2023-06',
    'isolation_crackdown',
    'power_gain',
  ],
  '04-uncertainty.ipynb': [
    '500 runs in',
    'some country formally recognizes at some point by 2030-12:',
    '± 2 standard errors',
    'mechanisms.emboldening.power_gain',
    'Morris: 64 points × 10 runs',
    'power_kandahar@2030-12',
    'backtest 2021-08 → 2025-06, 400 runs',
    'persistence',
  ],
};

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}
interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name?: string } };
  cells: Cell[];
}

const text = (x: string | string[] | undefined) => (Array.isArray(x) ? x.join('') : (x ?? ''));
const readNotebook = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Notebook;
const codeCells = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === 'code');
const notebooks = readdirSync(DIR)
  .filter((f) => f.endsWith('.ipynb') && !f.endsWith('.nbconvert.ipynb'))
  .sort();

/** Everything an output shows as text (streams, text/plain of displays and results, errors). */
function outputText(o: Output): string {
  if (o.output_type === 'stream') return text(o.text);
  if (o.output_type === 'error') return `${o.ename}: ${o.evalue}`;
  return text(o.data?.['text/plain'] as string | string[] | undefined);
}

const hasNbconvert = spawnSync('jupyter-nbconvert', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasNbconvert)
  console.warn(
    'notebooks.test: skipped executing the notebooks, jupyter-nbconvert is not installed ' +
      '(Debian: apt-get install --no-install-recommends jupyter-nbconvert jupyter-client)',
  );

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('notebooks as committed', () => {
  it('are the four notebooks the workshop uses, each with expectations here', () => {
    expect(notebooks).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(
    notebooks,
  )('%s: nbformat 4 on the Deno kernel, outputs cleared, every code cell ends with the flush of what it printed', (name) => {
    const nb = readNotebook(join(DIR, name));
    expect(nb.nbformat).toBe(4);
    expect(nb.metadata.kernelspec?.name).toBe('deno');
    for (const cell of codeCells(nb)) {
      const source = text(cell.source);
      expect(cell.outputs, source).toEqual([]);
      expect(cell.execution_count ?? null, source).toBeNull();
      expect(source.trimEnd().endsWith(FLUSH), source).toBe(true);
      // no network: the library comes from ../src, npm packages from node_modules
      expect(source).not.toMatch(/from\s+['"](jsr:|https?:|npm:)/);
    }
  });
});

describe.skipIf(!hasNbconvert)('notebooks executed headless on the Deno kernel (jupyter nbconvert)', () => {
  const out = mkdtempSync(join(tmpdir(), 'stancesim-notebooks-'));
  const env = {
    ...process.env,
    JUPYTER_PATH: join(ROOT, '.jupyter'),
    PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
    DENO_DIR: join(ROOT, '.deno-cache'),
    DENO_NO_UPDATE_CHECK: '1',
  };

  it.each(notebooks)('%s runs to the end and shows what it prints and draws', async (name) => {
    const target = join(out, name);
    const r = await run(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        '--ExecutePreprocessor.timeout=180',
        join('notebooks', name),
        '--output',
        target,
      ],
      env,
    );
    expect(r.code, `jupyter nbconvert failed:\n${r.err}`).toBe(0);

    const nb = readNotebook(target);
    const cells = codeCells(nb);
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    const errors = outputs.filter((o) => o.output_type === 'error').map(outputText);
    expect(errors, `executed notebook: ${target}`).toEqual([]);
    // nothing through the kernel's stdout, whose last lines the kernel may report too late
    expect(outputs.filter((o) => o.output_type === 'stream').map(outputText)).toEqual([]);

    const printed = outputs.map(outputText).join('\n');
    for (const want of EXPECTED[name] ?? []) expect(printed, `executed notebook: ${target}`).toContain(want);

    let charts = 0;
    for (const cell of cells) {
      const source = text(cell.source);
      const got = cell.outputs ?? [];
      // a chart for every show() call, with a spec that has data or layers to draw
      const shows = source.match(/\bshow\(/g)?.length ?? 0;
      const specs = got.filter((o) => o.data?.[VEGALITE] !== undefined).map((o) => o.data?.[VEGALITE]);
      expect(specs.length, `charts of the cell:\n${source}`).toBe(shows);
      // beside each spec the image a front end without a Vega-Lite 6 renderer shows
      const images = got.filter(
        (o) => o.data?.[VEGALITE] !== undefined && text(o.data?.[SVG] as string).startsWith('<svg'),
      );
      expect(images.length, `images of the cell:\n${source}`).toBe(shows);
      for (const spec of specs)
        expect(JSON.stringify(spec)).toMatch(/"(data|layer|vconcat|hconcat|concat|facet)"/);
      charts += specs.length;
      // a cell that prints printed something (outputs lost to the kernel race show up here)
      if (/\b(console\.log|table|show)\(/.test(source))
        expect(got.length, `outputs of the cell:\n${source}`).toBeGreaterThan(0);
    }
    expect(charts).toBeGreaterThanOrEqual(1);

    // the executed notebook as HTML (what a reader without Jupyter opens) keeps every chart as an image
    const html = join(out, name.replace(/\.ipynb$/, '.html'));
    const h = await run('jupyter', ['nbconvert', '--to', 'html', target, '--output', html], env);
    expect(h.code, `jupyter nbconvert --to html failed:\n${h.err}`).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg[\s>]/g)?.length ?? 0, html).toBeGreaterThanOrEqual(charts);
    expect(page).not.toContain('[chart] ');
  }, 240_000);
});
