// Layers stay clean: the pure layers run in a browser (no Node built-ins, no process, no eval) and
// import only the layers below them. src/cli is the one place that touches argv, files and threads.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Each pure layer and the layers it may import. Chart rendering to files is Node-only (the modules
 * test/charts/boundaries.test.ts lists as the renderer). */
const LAYERS: Record<string, { may: string[]; except?: string[] }> = {
  model: { may: [] },
  explore: { may: [] },
  scenario: { may: ['model'] },
  analysis: { may: ['model'] },
  ensemble: { may: ['model', 'scenario', 'explore', 'analysis'] },
  validation: { may: ['model', 'scenario', 'explore', 'analysis', 'ensemble'] },
  charts: {
    may: ['model', 'ensemble', 'validation'],
    except: ['render.ts', 'node-vega.ts', 'compile-spec.ts', 'png.ts', 'fonts.ts'],
  },
  report: { may: ['model', 'analysis', 'ensemble', 'charts'] },
};

const cases = Object.entries(LAYERS).flatMap(([layer, { may, except = [] }]) =>
  readdirSync(new URL(`../src/${layer}/`, import.meta.url))
    .filter((f) => f.endsWith('.ts') && !except.includes(f))
    .map((f) => [`${layer}/${f}`, may] as const),
);

describe('layering', () => {
  it.each(cases)('src/%s imports nothing from Node and only the layers below it', (file, may) => {
    const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
    const bad = specifiers.filter(
      (s) =>
        s.startsWith('node:') ||
        ['fs', 'path', 'os', 'url', 'module', 'worker_threads', 'piscina'].includes(s) ||
        (s.startsWith('../') && !may.some((layer) => s.startsWith(`../${layer}/`))),
    );
    expect(bad).toEqual([]);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bprocess\.|\brequire\(|new Function|\beval\(|\bconsole\./);
  });
});
