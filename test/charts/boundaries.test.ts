// The chart modules are pure and browser-safe: the spec builders load no node, vega, vega-lite or resvg
// code, and index.ts reaches the renderer, the PNG drawing and Vega-Lite only through lazy imports.

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../src/charts/', import.meta.url));
const source = (f: string) => readFileSync(dir + f, 'utf8');
/** Modules a file loads at run time: value imports and re-exports (not `import type`). */
const loads = (text: string) =>
  [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
/** The node-side renderer: the only modules allowed to load vega, vega-lite, resvg and node:*. */
const RENDERER = ['render.ts', 'node-vega.ts', 'compile-spec.ts', 'png.ts', 'fonts.ts'];

describe('chart module boundaries', () => {
  const builders = readdirSync(dir).filter((f) => f.endsWith('.ts') && !RENDERER.includes(f));

  it.each(builders)('%s loads only relative, browser-safe modules', (file) => {
    for (const m of loads(source(file))) {
      expect(m, `${file} loads ${m}`).toMatch(/^\.\.?\//);
      expect(m, `${file} loads ${m}`).not.toMatch(/\/(render|node-vega|compile-spec|png|fonts)\.js$/);
      expect(m, `${file} loads ${m}`).toMatch(/^(\.\/|\.\.\/(model|ensemble|validation)\/)/);
    }
  });

  it('the model modules the charts load are browser-safe too', () => {
    expect(loads(readFileSync(`${dir}../model/results.ts`, 'utf8'))).toEqual(['./types.js']);
  });

  it('index.ts imports render.js and png.js lazily, and render.ts Vega-Lite only on a cache miss', () => {
    expect(source('index.ts')).toMatch(/import\('\.\/render\.js'\)/);
    expect(source('index.ts')).toMatch(/import\('\.\/png\.js'\)/);
    expect(loads(source('render.ts'))).not.toContain('./compile-spec.js');
    expect(loads(source('render.ts'))).not.toContain('vega-lite');
    expect(source('render.ts')).toMatch(/await import\('\.\/compile-spec\.js'\)/);
  });

  it('the CLI loads the chart builders only when it draws (a command without charts skips ~300 kB)', () => {
    const cli = fileURLToPath(new URL('../../src/cli/', import.meta.url));
    const files = readdirSync(cli, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const f of files)
      for (const m of loads(readFileSync(cli + f, 'utf8')))
        expect(m, `src/cli/${f} loads ${m}`).not.toMatch(/\/charts\/(?!kinds\.js$|structure\.js$)/);
  });
});
