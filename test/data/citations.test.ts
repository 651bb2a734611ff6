// Every citation in data/, docs/, README.md and scenarios/ resolves inside the repository (a seed article
// in data/seeds/, a row of docs/sources/facts.md, a section of docs/sources/literature.md) or is a public
// reference, and every quotation attributed to a seed article is in it. Files only, no network or clock.
// (test/data/provenance.test.ts checks the `quote` column of data/events.csv and the `source` fields as
// loaded; this test reads the raw text of every file, comments included.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scenario/csv.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Text files under `dir` (repository-relative), recursively. */
function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(join(root, path)).isDirectory()) out.push(...walk(path));
    else if (/\.(md|ya?ml|csv|json|txt)$/.test(name)) out.push(path);
  }
  return out;
}

/** Files owned by the validation work; checked like the rest, reported apart so the fix is easy to find. */
const VALIDATION_DOCS = ['docs/VALIDATION.md', 'docs/FORECASTS.md'];
const SEED_DIR = 'data/seeds';
/** Every file whose citations are checked: the seed articles themselves are the cited text, not citers. */
const citing = [
  ...walk('data').filter((f) => !f.startsWith(`${SEED_DIR}/`)),
  ...walk('docs'),
  'README.md',
  ...walk('scenarios'),
];
/** The test fixture copies data/'s source texts (its quotations are made up, so only checked for OUTSIDE). */
const fixtures = walk('test/fixtures/scenario');

/** Straight quotes, one space, lower case: the seeds mix ’ and ', and wrap lines. */
const normalize = (s: string) =>
  s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
const seedFiles = readdirSync(join(root, SEED_DIR)).filter((f) => f.endsWith('.txt'));
const seeds = new Map(seedFiles.map((f) => [f.slice(0, 3), normalize(read(`${SEED_DIR}/${f}`))]));

/** The text whose citations count: for CSV the cells (so `""` is a quote again), else the whole file. */
function citingText(file: string): string {
  if (!file.endsWith('.csv')) return read(file);
  return parseCsv(read(file))
    .records.map((r) => r.fields.map((f) => f.value).join('\n'))
    .join('\n');
}

/** 1-based line of an offset (in CSV text, the record's cell order rather than the file line). */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

interface Hit {
  file: string;
  line: number;
  text: string;
}

function findAll(files: string[], re: RegExp): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const text = citingText(file);
    for (const m of text.matchAll(re)) hits.push({ file, line: lineAt(text, m.index!), text: m[0] });
  }
  return hits;
}
const show = (h: Hit) => `${h.file}:${h.line}: ${h.text.replace(/\s+/g, ' ')}`;

/** Files outside the repository that data and docs used to cite (../shared/FACTS.md, MODEL-LITERATURE.md). */
const OUTSIDE = /FACTS\.md|\bFACTS\b|MODEL-LITERATURE|\.\.\/shared\b|§\s?A[1-7]\b|\bB\.[0-6] row\b/g;

/**
 * Quotations attributed to a seed: `seed NNN: '…'`, `seed NNN: "…"`, `seed NNN "…"`, `seed NNN says "…"`
 * (also with ‘…’ or “…”). A single quote closes only where no letter follows (so "group’s" stays inside);
 * `...` or `…` joins fragments of one passage.
 */
const SEED_QUOTE =
  /\bseed (\d{3})(?::\s*| says\s+|\s+)(?:['‘]([\s\S]+?)['’](?![a-zA-Z])|"([^"]+)"|“([^”]+)”)/g;

function seedQuotes(text: string): { seed: string; fragment: string; offset: number }[] {
  const out: { seed: string; fragment: string; offset: number }[] = [];
  for (const m of text.matchAll(SEED_QUOTE)) {
    const quote = m[2] ?? m[3] ?? m[4] ?? '';
    for (const fragment of quote.split(/\s*(?:\.\.\.|…)\s*/)) {
      if (fragment.trim()) out.push({ seed: m[1]!, fragment, offset: m.index! });
    }
  }
  return out;
}

const facts = read('docs/sources/facts.md');
/** The fact table's rows: `| F12 | date | fact | seed words | public source |`. */
const factRows = [...facts.matchAll(/^\|\s*(F\d{2})\s*\|(.*)\|\s*$/gm)].map((m) => ({
  id: m[1]!,
  cells: m[2]!.split('|').map((c) => c.trim()),
  line: lineAt(facts, m.index!),
}));
const factIds = new Set(factRows.map((r) => r.id));
const literature = read('docs/sources/literature.md');
const sections = new Set([...literature.matchAll(/^## (L\d+)\b/gm)].map((m) => m[1]!));

/** Row ids cited as `facts.md F12`, `facts.md F04, F49`, `facts.md F50–F54` (and, inside facts.md, bare `F12`). */
function citedFacts(files: string[]): Hit[] {
  const hits: Hit[] = [];
  for (const file of files) {
    const text = citingText(file);
    const re =
      file === 'docs/sources/facts.md'
        ? /\bF\d{2}\b/g
        : /facts\.md(?:\s*(?:,|;|–|-|and|rows?)?\s*F\d{2}\b)+/g;
    for (const m of text.matchAll(re)) {
      for (const id of m[0].match(/F\d{2}/g) ?? []) {
        hits.push({ file, line: lineAt(text, m.index!), text: id });
      }
    }
  }
  return hits;
}

describe('citations resolve inside the repository', () => {
  const rest = citing.filter((f) => !VALIDATION_DOCS.includes(f));

  it('finds the files it checks', () => {
    expect(rest).toEqual(
      expect.arrayContaining(['data/model.yaml', 'data/events.csv', 'docs/DATA.md', 'README.md']),
    );
    expect(citing).toEqual(expect.arrayContaining(VALIDATION_DOCS));
    expect(seedFiles).toHaveLength(5);
    expect(factIds.size).toBe(factRows.length); // ids are unique
    expect(factRows.length).toBeGreaterThan(50);
    expect([...sections]).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
  });

  it('cites no file outside the repository (FACTS.md, MODEL-LITERATURE, ../shared/)', () => {
    expect(findAll([...rest, ...fixtures], OUTSIDE).map(show)).toEqual([]);
  });

  it('cites no file outside the repository in docs/VALIDATION.md and docs/FORECASTS.md', () => {
    // Suggested fix for each line listed: cite docs/sources/facts.md F45 (Russia's recognition, 3 Jul 2025).
    expect(findAll(VALIDATION_DOCS, OUTSIDE).map(show)).toEqual([]);
  });

  it('cites only rows that docs/sources/facts.md has', () => {
    const hits = citedFacts(citing);
    expect(hits.length).toBeGreaterThan(40);
    expect(hits.filter((h) => !factIds.has(h.text)).map(show)).toEqual([]);
  });

  it('cites only sections that docs/sources/literature.md has', () => {
    const hits = findAll(citing, /§\s?L\d+\b/g);
    expect(hits.length).toBeGreaterThan(20);
    expect(hits.filter((h) => !sections.has(h.text.replace(/^§\s?/, ''))).map(show)).toEqual([]);
  });

  it('names only seed articles and source files that exist', () => {
    const problems = [
      // a seed file by name
      ...findAll(citing, /\b\d{3}_[0-9a-f]{16}\.txt\b/g).filter((h) => !seedFiles.includes(h.text)),
      // a seed by number: seed 002, seeds 002 and 004, seed 000–004
      ...findAll(citing, /\bseeds? \d{3}(?!\d)(?:\s*(?:,|and|–|…)\s*\d{3}(?!\d))*/g).filter((h) =>
        (h.text.match(/\d{3}/g) ?? []).some((n) => !seeds.has(n)),
      ),
      // a path into data/seeds/ or docs/sources/ (patterns such as NNN_*.txt are not paths)
      ...findAll(citing, /\b(?:data\/seeds|docs\/sources)\/[\w.-]+/g).filter(
        (h) => !/NNN/.test(h.text) && !existsSync(join(root, h.text.replace(/\.$/, ''))),
      ),
    ];
    expect(problems.map(show)).toEqual([]);
  });

  it('quotes the seed articles word for word wherever a quotation is attributed to one', () => {
    const missing: string[] = [];
    let count = 0;
    for (const file of citing) {
      const text = citingText(file);
      for (const q of seedQuotes(text)) {
        count++;
        if (!seeds.get(q.seed)?.includes(normalize(q.fragment))) {
          missing.push(`${file}:${lineAt(text, q.offset)}: seed ${q.seed} does not say '${q.fragment}'`);
        }
      }
    }
    expect(count).toBeGreaterThan(350);
    expect(missing).toEqual([]);
  });

  it('gives every row of docs/sources/facts.md the seed words it rests on, or a public source', () => {
    const problems: string[] = [];
    for (const row of factRows) {
      const [date, fact, words, source] = row.cells;
      const at = `docs/sources/facts.md:${row.line} (${row.id})`;
      if (row.cells.length !== 4 || !date || !fact)
        problems.push(`${at}: needs date | fact | words | source`);
      const quoted = seedQuotes(words ?? '');
      if (quoted.length === 0) {
        if (!/not in the seeds/.test(words ?? '')) problems.push(`${at}: no seed words, and not marked so`);
        if (!/https?:\/\/|public record/.test(source ?? ''))
          problems.push(`${at}: no seed words, no public source`);
      } else if (!/^(?:seed \d{3}: "[^"]+"(?:; |$))+$/.test(words ?? '')) {
        problems.push(`${at}: seed words are not all of the form seed NNN: "…"`);
      }
      for (const q of quoted) {
        if (!seeds.get(q.seed)?.includes(normalize(q.fragment))) {
          problems.push(`${at}: seed ${q.seed} does not say '${q.fragment}'`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
