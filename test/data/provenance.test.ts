// Every value in data/ traces to a source, and every quote attributed to a seed article is really in it.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fsReader } from '../../src/cli/io.js';
import { FACTIONS } from '../../src/model/index.js';
import { loadData } from '../../src/scenario/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const data = loadData(`${root}data`, fsReader);

/** Straight quotes, one space: the seeds mix ’ and ', and wrap lines. */
const normalize = (s: string) =>
  s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
const seeds = new Map(
  readdirSync(`${root}data/seeds`).map((f) => [
    f.slice(0, 3),
    normalize(readFileSync(`${root}data/seeds/${f}`, 'utf8')),
  ]),
);

/** Quotes in a source text: `seed NNN: '…'`, closed by a ' that is not inside a word; `...` joins fragments. */
function quotes(source: string): { seed: string; fragment: string }[] {
  const out: { seed: string; fragment: string }[] = [];
  for (const m of source.matchAll(/seed (\d{3}):? ['‘](.+?)['’](?![a-zA-Z])/g)) {
    for (const fragment of m[2]!.split(/\s*(?:\.\.\.|…)\s*/))
      if (fragment.trim()) out.push({ seed: m[1]!, fragment });
  }
  return out;
}

/** The parameters to source: every leaf, and every item of a list of objects (a gate), unless the
 * list is one parameter with one source (decision.jumps: `{ value: [...], source }`). */
function leaves(node: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(node) && path in data.sources) out.push(path);
  else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node)) leaves(v, path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(node) && node.some((x) => typeof x === 'object')) {
    node.forEach((_, i) => {
      out.push(`${path}.${i}`);
    });
  } else out.push(path);
  return out;
}

describe('data provenance', () => {
  it('models every actor the articles name', () => {
    const named = 'US GB DE DK NL FR CA JP EU TR AE QA CN RU IR PK IN ID KZ KG UZ TM TJ'.split(' ');
    expect(Object.keys(data.params.countries).sort()).toEqual([...named].sort());
    expect(Object.keys(data.params.factions).sort()).toEqual([...FACTIONS].sort());
    for (const id of [...named, ...FACTIONS]) expect(data.actorSources[id], id).toMatch(/\S/);
  });

  it('gives every parameter a source', () => {
    const paths = leaves(data.params, '', []).filter((p) => !/\.(name|bloc|p5|leader)$/.test(p));
    expect(paths.length).toBeGreaterThan(300);
    expect(paths.filter((p) => !/\S/.test(data.sources[p] ?? ''))).toEqual([]);
    // a list sourced as a whole is one parameter; the gates are sourced one by one
    expect(paths).toContain('decision.jumps');
    expect(paths).toContain('countries.US.gates.0');
  });

  it('quotes the seed articles word for word in data/*.yaml', () => {
    const all = [...Object.values(data.sources), ...Object.values(data.actorSources)].flatMap(quotes);
    expect(all.length).toBeGreaterThan(200);
    const missing = all.filter((q) => !seeds.get(q.seed)?.includes(normalize(q.fragment)));
    expect(missing).toEqual([]);
  });

  it('quotes the seed articles word for word in data/events.csv, and sources every row', () => {
    const problems: string[] = [];
    for (const o of data.observations) {
      if (!o.seed && !o.source) problems.push(`line ${o.line}: neither seed nor source`);
      if (o.seed && !o.quote) problems.push(`line ${o.line}: seed without the words it rests on`);
      for (const fragment of o.seed ? o.quote.split(/\s*(?:\.\.\.|…)\s*/) : []) {
        if (fragment && !seeds.get(o.seed.slice(0, 3))?.includes(normalize(fragment))) {
          problems.push(`line ${o.line}: '${fragment}' is not in ${o.seed}`);
        }
      }
    }
    expect(data.observations.length).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
