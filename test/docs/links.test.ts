// Every relative link and every repository file the docs name exists: [text](path) links in README.md,
// docs/, data/ and the READMEs beside the code, and `path/to/file.ext` in backticks under the
// repository's own folders. (Citations of the seed articles: test/data/citations.test.ts.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const md = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.md'))
    .map((f) => (dir === '.' ? f : `${dir}/${f}`));
const DOCS = [
  ...md('.'),
  ...md('docs'),
  ...md('data'),
  ...md('playground'),
  ...md('notebooks'),
  ...md('bench'),
].filter((f) => existsSync(join(root, f)));
/** Folders of the repository a backticked path may start with. */
const OWN = /^(src|test|docs|data|scenarios|schema|bench|playground|notebooks)\//;

it('finds the documents it checks', () => {
  expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/MODEL.md', 'playground/README.md']));
});

it.each(DOCS)('%s: its relative links and the files it names exist', (doc) => {
  const text = readFileSync(join(root, doc), 'utf8');
  const missing: string[] = [];
  const lineOf = (i: number) => text.slice(0, i).split('\n').length;
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split('#')[0]!;
    if (target === '' || /^[a-z]+:/i.test(target)) continue; // an anchor, or a URL
    if (!existsSync(normalize(join(root, dirname(doc), target))))
      missing.push(`${doc}:${lineOf(m.index)}: link to ${m[1]}`);
  }
  for (const m of text.matchAll(/`([^`\s]+\.[a-z]{1,5})`/g)) {
    const path = m[1]!.replace(/[:,]$/, '');
    // globs, placeholders and outputs under out/ are not files of the repository
    if (!OWN.test(path) || /[*<>{}]/.test(path)) continue;
    if (!existsSync(join(root, path))) missing.push(`${doc}:${lineOf(m.index)}: names ${path}`);
  }
  expect(missing).toEqual([]);
});
