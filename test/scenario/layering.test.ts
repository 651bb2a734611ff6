// src/scenario must run in a browser: no Node built-ins, and only the model among the project's layers.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../src/scenario/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/scenario layering', () => {
  it.each(files)('%s imports nothing from Node and no other layer but src/model', (f) => {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
    const bad = specifiers.filter(
      (s) =>
        s.startsWith('node:') ||
        ['fs', 'path', 'os', 'url', 'module'].includes(s) ||
        (s.startsWith('../') && !s.startsWith('../model/')),
    );
    expect(bad).toEqual([]);
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bprocess\.|\brequire\(|new Function|\beval\(/);
  });
});
