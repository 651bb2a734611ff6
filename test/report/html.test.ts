// The HTML builder: text escaped, one embed per chart with its spec as inert JSON, the libraries
// inlined so that nothing can close their <script> early, and no address a browser would fetch.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  comparisonSection,
  EMBED_OPTIONS,
  ensembleSection,
  escapeHtml,
  type Libraries,
  type Report,
  reportHtml,
  type ScenarioInfo,
} from '../../src/report/index.js';
import { makeCompareDoc, makeEnsembleDoc } from '../charts/study-fixture.js';

const EVIL = 'What if </script><script>alert("x")</script> & <b>more</b>?';

/** Stand-ins for the bundles, with what real minified code can hold: a closing tag and a source map. */
const LIBRARIES: Libraries = {
  vega: 'window.vega={};var a="</script>";var u="https://vega.github.io/";',
  vegaLite: 'window.vegaLite={};\n//# sourceMappingURL=vega-lite.min.js.map',
  vegaEmbed: 'window.vegaEmbed=function(){return Promise.resolve()};',
};

const info = (name: string, question: string): ScenarioInfo => ({
  name,
  question,
  description: 'First paragraph,\nwrapped.\n\nSecond <i>paragraph</i>.',
  file: 'scenarios/x.yaml',
  parameters: [
    {
      path: 'threat.mean',
      shipped: '0.5',
      shippedSource: 'assumption: calm',
      value: '0.85',
      source: 'scenarios/x.yaml',
    },
  ],
  events: [
    { at: '2026-01', label: 'ISK <attack>', effects: 'ISK threat to 0.9', source: 'scenarios/x.yaml:14' },
  ],
});

function report(): Report {
  const compare = makeCompareDoc();
  return {
    title: 'stancesim report: a, b',
    generator: 'stancesim 0.0.0',
    command: 'stancesim report a b --runs 100 --seed 42',
    seed: '42',
    runs: 100,
    start: '2025-01',
    end: '2026-12',
    scenarios: [
      ensembleSection(info('a', EVIL), makeEnsembleDoc({ scenario: EVIL }), 0.3),
      ensembleSection(info('b', 'Plain?'), makeEnsembleDoc({ scenario: 'b', shift: 1 })),
    ],
    comparison: comparisonSection(compare),
  };
}

/** The page without the code of its plain <script> elements: the libraries and the render call. */
const withoutCode = (html: string) => html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');

describe('reportHtml', () => {
  const r = report();
  const html = reportHtml(r, LIBRARIES);
  const charts = [...r.scenarios.flatMap((s) => s.charts), ...r.comparison!.charts];

  it('escapes every text, so a question cannot inject markup or end a script', () => {
    expect(html).toContain(escapeHtml(EVIL));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>more</b>');
    expect(html).toContain('<p>First paragraph, wrapped.</p>\n<p>Second &lt;i&gt;paragraph&lt;/i&gt;.</p>');
    expect(html).toContain('<td>ISK &lt;attack&gt;</td>');
  });

  it('has one container and one JSON spec per chart, the spec intact but for its $schema and fonts', () => {
    expect(charts).toHaveLength(7 + 7 + 2);
    const containers = [...html.matchAll(/<div class="vega-chart" id="chart-(\d+)" data-spec="spec-(\d+)"/g)];
    expect(containers.map((m) => [m[1], m[2]])).toEqual(charts.map((_, i) => [`${i + 1}`, `${i + 1}`]));
    // no '<' inside a block: nothing in a spec can end it
    const blocks = [...html.matchAll(/<script type="application\/json" id="spec-(\d+)">([^<]*)<\/script>/g)];
    expect(blocks).toHaveLength(charts.length);
    blocks.forEach((m, i) => {
      const { $schema: _s, config, ...spec } = charts[i]!.spec;
      const embedded = JSON.parse(m[2]!);
      expect(embedded).toEqual({
        ...spec,
        config: { ...config, font: expect.stringMatching(/^'DejaVu Sans', .*sans-serif$/) },
      });
    });
    // the first scenario's charts carry EVIL in their subtitles: inert in the page, intact once parsed
    expect(JSON.parse(blocks[0]![2]!).title.subtitle[0]).toContain(EVIL);
  });

  it('numbers each figure and captions it with its description and the chart notes', () => {
    const captions = [...html.matchAll(/<figcaption><b>Figure (\d+)\.<\/b> ([^<]*)<\/figcaption>/g)];
    expect(captions.map((m) => m[1])).toEqual(charts.map((_, i) => `${i + 1}`));
    captions.forEach((m, i) => {
      const c = charts[i]!;
      expect(m[2]).toBe(escapeHtml([c.caption, c.spec.description].filter(Boolean).join('. ')));
    });
    // the notes a chart keeps out of its subtitle are in the caption
    expect(charts.every((c) => typeof c.spec.description === 'string' && c.spec.description.length > 0)).toBe(
      true,
    );
  });

  it('inlines the libraries in order, with nothing that could close their element or fetch a map', () => {
    const at = (code: string) => html.indexOf(code.slice(0, 12));
    expect(at(LIBRARIES.vega)).toBeGreaterThan(0);
    expect(at(LIBRARIES.vega)).toBeLessThan(at(LIBRARIES.vegaLite));
    expect(at(LIBRARIES.vegaLite)).toBeLessThan(at(LIBRARIES.vegaEmbed));
    expect(html).toContain('var a="<\\/script>"');
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toContain(JSON.stringify(EMBED_OPTIONS));
    expect(EMBED_OPTIONS.actions).toEqual({ export: true, source: false, compiled: false, editor: false });
    // saved PNGs at 2× and named for the figure and kind (a regression: a low-resolution visualization.png)
    expect(EMBED_OPTIONS.scaleFactor).toEqual({ png: 2 });
    expect(html).toContain(
      "downloadFileName: 'figure-' + el.id.replace('chart-', '') + '-' + el.getAttribute('data-kind')",
    );
  });

  it('points at no network address: no http(s) outside the library code, no src/href out, no stylesheet link', () => {
    expect(withoutCode(html).match(/https?:\/\/\S*/g)).toBeNull();
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect([...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1])).toEqual([
      '#scenario-a',
      '#scenario-b',
      '#comparison',
    ]);
  });

  it('records seed, runs, period and the command that makes it again', () => {
    expect(html).toContain('<dt>Seed</dt><dd><code>42</code></dd>');
    expect(html).toContain('100 per scenario; replication r runs with seed 42/r');
    expect(html).toContain('2025-01 to 2026-12');
    expect(html).toContain('<code>stancesim report a b --runs 100 --seed 42</code>');
  });

  it('lays out the comparison: differences, what differs, and its charts', () => {
    expect(html).toContain('Differences from the reference');
    expect(html).toContain('data-kind="compare"');
    expect(html).toContain('data-kind="compare-differences"');
    for (const o of r.comparison!.overrides) expect(html).toContain(`<td>${escapeHtml(o.path)}</td>`);
  });

  it('gives the same bytes for the same report', () => {
    expect(reportHtml(report(), LIBRARIES)).toBe(html);
  });
});

describe('src/report', () => {
  it('is pure: no Node built-ins, and only the pure layers below it', () => {
    const dir = new URL('../../src/report/', import.meta.url);
    for (const f of readdirSync(dir)) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
      expect(
        specifiers.filter((s) => !/^(\.\/|\.\.\/(model|analysis|ensemble|charts)\/|vega-lite$)/.test(s)),
        f,
      ).toEqual([]);
      expect(text, f).not.toMatch(/\bprocess\.|\brequire\(/);
    }
  });
});
