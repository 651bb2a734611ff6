// The chart lint finds what it is meant to find: each check fails on a chart built to break it.

import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { baseConfig } from '../../src/charts/style.js';
import { lintChart } from './lint.js';

const FONT = baseConfig();
const bars = (labels: string[], extra: Record<string, unknown> = {}): TopLevelSpec =>
  ({
    data: { values: labels.map((l, i) => ({ l, v: i + 1 })) },
    mark: 'bar',
    encoding: { x: { field: 'l', type: 'nominal', sort: null }, y: { field: 'v', type: 'quantitative' } },
    config: FONT,
    ...extra,
  }) as TopLevelSpec;

describe('chart lint', () => {
  it('passes a small, clean chart', async () => {
    expect((await lintChart(bars(['a', 'b', 'c'], { width: 200 }))).findings).toEqual([]);
  });

  it('finds a chart wider than the page', async () => {
    const r = await lintChart(bars(['a', 'b'], { width: 700 }));
    expect(r.findings.join('\n')).toMatch(/^width \d+ px > 640 px$/m);
  });

  it('finds text under 11 px, text over text, and truncated text', async () => {
    const spec = {
      data: {
        values: [
          { x: 1, t: 'overlapping label' },
          { x: 1.05, t: 'another label here' },
        ],
      },
      mark: { type: 'text', fontSize: 9, limit: 30 },
      encoding: { x: { field: 'x', type: 'quantitative' }, text: { field: 't' } },
      width: 300,
      config: FONT,
    } as TopLevelSpec;
    const text = (await lintChart(spec)).findings.join('\n');
    expect(text).toMatch(/'overlapping label' at 9 px/);
    expect(text).toMatch(/overlaps/);
    expect(text).toMatch(/truncated to 30 px/);
  });

  it('finds a mark outside the image', async () => {
    const spec = {
      data: { values: [{ x: 0 }] },
      mark: { type: 'text', text: 'off the edge', dx: -200 },
      encoding: { x: { field: 'x', type: 'quantitative' } },
      width: 100,
      autosize: 'none',
      config: FONT,
    } as TopLevelSpec;
    expect((await lintChart(spec)).findings.join('\n')).toMatch(/'off the edge' outside the image/);
  });

  it('finds a repeated axis label and a share axis past 100%', async () => {
    const spec = {
      data: {
        values: [
          { x: 0, y: 0 },
          { x: 3, y: 1.2 },
        ],
      },
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: { format: '.0f', tickCount: 10 } },
        y: { field: 'y', type: 'quantitative', axis: { format: '.0%' } },
      },
      width: 300,
      config: FONT,
    } as TopLevelSpec;
    const text = (await lintChart(spec)).findings.join('\n');
    expect(text).toMatch(/axis label '1' repeated/);
    expect(text).toMatch(/share axis label '1[1-2]0%' outside 0–100%/);
  });

  it('finds legend colours that deviate from the palette or cannot be told apart', async () => {
    const spec = {
      data: { values: [{ s: 'United States' }, { s: 'Russia' }] },
      mark: 'point',
      encoding: {
        y: { field: 's', type: 'nominal' },
        color: { field: 's', type: 'nominal', scale: { range: ['#0072b2', '#0074b5'] } },
      },
      config: FONT,
    } as TopLevelSpec;
    const colours = new Map([['United States', '#D55E00']]);
    const text = (await lintChart(spec, { colours })).findings.join('\n');
    expect(text).toMatch(/legend 'United States' is #0074b5, the palette says #D55E00/);
    expect(text).toMatch(/legend '(Russia|United States)' and '(Russia|United States)' look alike/);
  });
});
