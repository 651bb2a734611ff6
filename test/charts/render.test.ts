// Rendering: SVG text and fonts, PNG signature and size, byte-identical output.

import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CUT_FONT_FILES, FONT_FILES } from '../../src/charts/fonts.js';
import { buildChart, CHART_KINDS, renderCharts } from '../../src/charts/index.js';
import { facesFor, svgToPng, svgToPngAsync } from '../../src/charts/png.js';
import { toSvg } from '../../src/charts/render.js';
import { makeDoc } from './fixture.js';

const doc = makeDoc();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg[^>]*\swidth="([\d.]+)"\s+height="([\d.]+)"/.exec(svg);
  if (!m) throw new Error(`no size in ${svg.slice(0, 200)}`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Width and height from the IHDR chunk (right after the 8-byte signature and the chunk header). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const TITLES = {
  rungs: 'Engagement with the Taliban government, by country',
  heatmap: 'Engagement rung by country and month',
  factions: 'Power shares of the Taliban factions',
  policy: 'Taliban regime policy and the ISK threat',
  legitimacy: 'How many countries stand at each rung',
} as const;

describe('renderCharts', async () => {
  const charts = await renderCharts(doc);

  it('renders every kind, in order', () => {
    expect(charts.map((c) => c.kind)).toEqual([...CHART_KINDS]);
  });

  for (const kind of CHART_KINDS) {
    describe(kind, () => {
      const chart = () => charts.find((c) => c.kind === kind)!;

      it('SVG has the title, the subtitle and only DejaVu Sans text', () => {
        const { svg } = chart();
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain(`>${TITLES[kind].replace(/'/g, '&#39;')}</text>`);
        expect(svg).toContain('test-fixture · seed 42 · 2021-08 to 2023-01');
        expect(svg).toContain('font-family="DejaVu Sans"');
        const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
        expect(families).toEqual(new Set(['DejaVu Sans']));
      });

      it('PNG has the PNG signature and 2× the SVG size', () => {
        const { svg, png } = chart();
        expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        const s = svgSize(svg);
        expect(Number.isInteger(s.width) && Number.isInteger(s.height)).toBe(true);
        expect(pngSize(png)).toEqual({ width: 2 * s.width, height: 2 * s.height });
      });

      it('the PNG has drawn text: it differs from a rendering without fonts', async () => {
        // resvg silently drops text it has no font for; a blank-text PNG would still pass the checks above
        const { svg, png } = chart();
        const noText = svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), 2);
        expect(Buffer.from(png).equals(Buffer.from(noText))).toBe(false);
        expect(png.length).toBeGreaterThan(noText.length);
      });
    });
  }

  it('gives byte-identical spec, SVG and PNG when run again', async () => {
    const again = await renderCharts(structuredClone(doc));
    again.forEach((c, i) => {
      const first = charts[i]!;
      expect(JSON.stringify(c.spec)).toBe(JSON.stringify(first.spec));
      expect(c.svg).toBe(first.svg);
      expect(Buffer.from(c.png).equals(Buffer.from(first.png))).toBe(true);
    });
  });

  it('renders the same PNG on the thread pool (renderCharts) as synchronously', async () => {
    for (const c of charts) {
      expect(Buffer.from(svgToPng(c.svg, 2)).equals(Buffer.from(c.png))).toBe(true);
    }
    const svg = charts[0]!.svg;
    expect(Buffer.from(await svgToPngAsync(svg, 1)).equals(Buffer.from(svgToPng(svg, 1)))).toBe(true);
  });

  it('gives the same SVG in another time zone (months are read as UTC)', async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = new Date(2021, 7, 1).getTimezoneOffset();
      const svgWest = await toSvg(buildChart('heatmap', doc));
      process.env.TZ = 'Asia/Kabul';
      expect(new Date(2021, 7, 1).getTimezoneOffset()).not.toBe(west); // the switch really took effect
      const svgEast = await toSvg(buildChart('heatmap', doc));
      expect(svgWest).toBe(svgEast);
      expect(svgWest).toBe(charts.find((c) => c.kind === 'heatmap')!.svg);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('renders only the kinds asked for, and skips the PNG when only SVG is wanted', async () => {
    const out = await renderCharts(doc, ['legitimacy', 'rungs'], ['svg']);
    expect(out.map((c) => c.kind)).toEqual(['legitimacy', 'rungs']);
    expect(out[0]!.svg).toBe(charts.find((c) => c.kind === 'legitimacy')!.svg);
    for (const c of out) expect(c.png.length).toBe(0);
  });

  it('uses the DejaVu fonts in fonts/, not the system ones', () => {
    expect(FONT_FILES.length).toBeGreaterThan(0);
    for (const f of FONT_FILES) expect(f).toMatch(/\/fonts\/DejaVuSans[-\w]*\.ttf$/);
  });

  it('draws with the cut faces the same pixels as with the whole ones, and falls back to them for text the cut ones lack', () => {
    const whole = (svg: string) =>
      new Resvg(svg, {
        fitTo: { mode: 'zoom', value: 2 },
        background: 'white',
        font: {
          loadSystemFonts: false,
          fontFiles: [...FONT_FILES],
          defaultFontFamily: 'DejaVu Sans',
          sansSerifFamily: 'DejaVu Sans',
        },
      })
        .render()
        .asPng();
    const text = (line: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="420" height="60"><text x="4" y="20" font-family="DejaVu Sans" ` +
      `font-size="13">${line}</text><text x="4" y="45" font-family="DejaVu Sans" font-size="13" font-weight="bold">` +
      `AVATAR To Wa ${line}</text></svg>`;
    // kerning pairs (AV, To, Wa), Greek, signs and a real chart: drawn with the cut faces, alike
    for (const svg of [text('Türkiye ρ ≥ 0.4 – “Kabul” → 2025'), charts[0]!.svg]) {
      expect(facesFor(svg)).toBe(CUT_FONT_FILES);
      expect(Buffer.from(svgToPng(svg, 2)).equals(whole(svg))).toBe(true);
    }
    // Cyrillic: the cut faces would drop it; the whole ones draw it
    const cyrillic = text('Россия признаёт');
    expect(facesFor(cyrillic)).toBe(FONT_FILES);
    expect(Buffer.from(svgToPng(cyrillic, 2)).equals(whole(cyrillic))).toBe(true);
    expect(Buffer.from(svgToPng(cyrillic, 2)).equals(Buffer.from(svgToPng(text(''), 2)))).toBe(false);
  });

  it('svgToPng scales', () => {
    const svg = charts[0]!.svg;
    const s = svgSize(svg);
    expect(pngSize(svgToPng(svg, 1))).toEqual(s);
  });
});
