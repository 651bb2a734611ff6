// The checks every document chart passes, for the study and validation chart tests: it compiles
// cleanly, carries its data, tooltips and font, renders its texts, and is the same again.

import type { TopLevelSpec } from 'vega-lite';
import { expect, it } from 'vitest';
import { compileSpec } from '../../src/charts/compile-spec.js';
import { vega } from '../../src/charts/node-vega.js';
import { dataOf, type Json, svgText } from './study-fixture.js';

export interface TaggedChart {
  tag: string;
  kind: string;
  spec: TopLevelSpec;
}

/**
 * One block of tests per chart. `expected` maps `tag/kind` to texts its SVG must hold; `rebuild` builds
 * the charts of the tagged document again from a deep copy of it.
 */
export function checkEveryChart<D>(
  docs: [string, D][],
  charts: TaggedChart[],
  rendered: { svg: string }[],
  expected: Record<string, string[]>,
  build: (doc: D) => { kind: string; spec: TopLevelSpec }[],
): void {
  charts.forEach((chart, i) => {
    const name = `${chart.tag}/${chart.kind}`;

    it(`${name} compiles without vega-lite warnings or errors`, () => {
      const out = compileSpec(chart.spec);
      expect(out.errors).toEqual([]);
      expect(out.warnings).toEqual([]);
    });

    it(`${name} is self-contained, with tooltips`, () => {
      const s: Json = chart.spec;
      expect(s.$schema).toMatch(/vega-lite\/v6\.json$/);
      expect(s.config.font).toBe('DejaVu Sans');
      expect([s.title.subtitle].flat()[0]).toContain('seed 42');
      expect(dataOf(s).length).toBeGreaterThan(0);
      expect(JSON.stringify(s)).toContain('"tooltip"');
    });

    it(`${name} renders its title and labels in DejaVu Sans`, () => {
      const { svg } = rendered[i]!;
      for (const text of expected[name]!) expect(svg, text).toContain(svgText(text));
      expect(new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]))).toEqual(
        new Set(['DejaVu Sans']),
      );
    });

    it(`${name} has no overlapping axis labels`, () => {
      expect(overlappingAxisLabels(rendered[i]!.svg)).toEqual([]);
    });

    // the same spec gives the same SVG bytes: render.test.ts
    it(`${name} gives the same JSON again, for a deep copy of the doc`, () => {
      const doc = structuredClone(docs.find(([tag]) => tag === chart.tag)![1]);
      const again = build(doc).find((c) => c.kind === chart.kind)!;
      expect(JSON.stringify(again.spec)).toBe(JSON.stringify(chart.spec));
    });
  });
}

/** Horizontal-axis label pairs whose text would overlap, in an SVG vega rendered: each axis's labels
 * (same y), their extent estimated from the text at DejaVu Sans's average advance (0.62 em), anchored
 * start, middle or end. The start of a chart lint (issue 11). */
export function overlappingAxisLabels(svg: string): string[] {
  const found: string[] = [];
  for (const group of svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)) {
    const labels = [
      ...group[1]!.matchAll(
        /<text text-anchor="(start|middle|end)" transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*font-size="([\d.]+)px"([^>]*)>([^<]*)<\/text>/g,
      ),
    ]
      // labels vega dropped for overlap are drawn transparent
      .filter((m) => !/opacity="0"/.test(m[5]!))
      .map((m) => {
        const width = 0.62 * Number(m[4]) * m[6]!.length;
        const x = Number(m[2]);
        const lo = m[1] === 'start' ? x : m[1] === 'middle' ? x - width / 2 : x - width;
        return { lo, hi: lo + width, y: Number(m[3]), text: m[6]! };
      });
    // a vertical axis has one label per y: only labels on one line can collide side by side
    const rows = new Map<number, typeof labels>();
    for (const l of labels) rows.set(l.y, [...(rows.get(l.y) ?? []), l]);
    for (const row of rows.values()) {
      row.sort((a, b) => a.lo - b.lo);
      for (let i = 1; i < row.length; i++)
        if (row[i]!.lo < row[i - 1]!.hi) found.push(`'${row[i - 1]!.text}' overlaps '${row[i]!.text}'`);
    }
  }
  return found;
}

/** The laid-out scenegraph items of every mark of one type and role ('mark': the data's marks;
 * 'axis-label', …), positions relative to their group, which each item reaches as `item.mark.group`. */
export async function sceneItems(
  spec: TopLevelSpec,
  marktype: string,
  role = 'mark',
  // biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph is untyped
): Promise<any[]> {
  const view = new vega.View(vega.parse(compileSpec(spec).vega), { renderer: 'none' });
  await view.runAsync();
  // biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph is untyped
  const found: any[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph is untyped
  const walk = (node: any) => {
    if (node.marktype === marktype && node.role === role) found.push(...node.items);
    for (const child of node.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: unknown }).root);
  view.finalize();
  return found;
}

/** What vega warns of while it runs a spec headless (the playground's console shows the same). */
export async function runtimeWarnings(spec: TopLevelSpec): Promise<string[]> {
  const messages: string[] = [];
  let level = vega.Warn;
  // biome-ignore lint/suspicious/noExplicitAny: vega's logger interface is untyped here
  const logger: any = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error: (...args: unknown[]) => {
      messages.push(args.join(' '));
      return logger;
    },
    warn: (...args: unknown[]) => {
      messages.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const view = new vega.View(vega.parse(compileSpec(spec).vega), {
    renderer: 'none',
    logger,
    logLevel: vega.Warn,
  });
  try {
    await view.runAsync();
  } finally {
    view.finalize();
  }
  return messages;
}
