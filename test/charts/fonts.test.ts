// Text measurement from the DejaVu TTFs: it must agree with what resvg actually draws.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  CUT_FONT_FILES,
  cutFacesCover,
  FONT_FILES,
  readMetrics,
  textWidth,
  vegaTextWidth,
} from '../../src/charts/fonts.js';

/** Ink width of one line of text as resvg lays it out with the same font files. */
function resvgWidth(text: string, size: number, bold: boolean): number {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="100"><text x="10" y="50" ` +
    `font-family="DejaVu Sans" font-size="${size}" font-weight="${bold ? 'bold' : 'normal'}">${text}</text></svg>`;
  const bbox = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [...FONT_FILES] } }).getBBox();
  if (!bbox) throw new Error('resvg drew no text: font not loaded?');
  return bbox.width;
}

describe('textWidth', () => {
  const samples = [
    ['Engagement with the Taliban government, by country', 16, true],
    ['test-fixture · seed 42 · 2021-08 to 2023-01', 12, false],
    ['United Arab Emirates', 11, false],
    ['Türkiye', 11, false],
    ['6 formal recognition', 11, false],
    ['Country', 12, true],
    ['WWWWW iiiii', 11, false],
  ] as const;

  for (const [text, size, bold] of samples) {
    it(`matches resvg's drawing of '${text}' (${size}px${bold ? ' bold' : ''}) within 4%`, () => {
      const ours = textWidth(text, size, bold);
      const drawn = resvgWidth(text, size, bold);
      // advances include the side bearings of the first and last glyph, ink does not
      expect(ours).toBeGreaterThanOrEqual(drawn);
      expect(ours / drawn).toBeLessThan(1.04 + 2 / drawn);
    });
  }

  it('is narrower than vega’s 0.8 em estimate, bold wider than regular', () => {
    expect(textWidth('Kazakhstan', 11)).toBeLessThan(0.8 * 10 * 11 * 0.85);
    expect(textWidth('Kazakhstan', 11, true)).toBeGreaterThan(textWidth('Kazakhstan', 11));
    expect(textWidth('', 11)).toBe(0);
  });

  it('as vega’s textMetrics.width: reads size and weight from the item, trims, caps at the limit', () => {
    expect(vegaTextWidth({ fontSize: 11 }, ' Iran ')).toBe(textWidth('Iran', 11));
    expect(vegaTextWidth({}, 'Iran')).toBe(textWidth('Iran', 11));
    expect(vegaTextWidth({ fontSize: 13, fontWeight: 'bold' }, 'West')).toBe(textWidth('West', 13, true));
    expect(vegaTextWidth({ fontSize: 13, fontWeight: 700 }, 'West')).toBe(textWidth('West', 13, true));
    expect(vegaTextWidth({ fontSize: 11, limit: 30 }, 'United Arab Emirates')).toBe(30);
    expect(vegaTextWidth({ fontSize: 11 }, null)).toBe(0);
  });
});

describe('the cut faces (fonts/*-Charts.ttf)', () => {
  const whole = FONT_FILES.map((f) => readMetrics(readFileSync(f)));
  const cut = CUT_FONT_FILES.map((f) => readMetrics(readFileSync(f)));

  it('are the whole faces’ glyphs: the same advance for every character they keep, and no other', () => {
    for (const face of [0, 1]) {
      const [w, c] = [whole[face]!, cut[face]!];
      expect(c.unitsPerEm).toBe(w.unitsPerEm);
      let kept = 0;
      for (let ch = 0; ch < 0x10000; ch++) {
        if (c.advance[ch] === 0) continue;
        kept++;
        expect(c.advance[ch], `U+${ch.toString(16)}`).toBe(w.advance[ch]);
      }
      expect(kept).toBeGreaterThan(400); // Latin, Greek, punctuation and signs
      expect(kept).toBeLessThan(1000); // … and not the whole face (~5,800)
    }
  });

  it('cover the charts’ own text; not Cyrillic, CJK, emoji, nor such characters written as references', () => {
    expect(cutFacesCover('Türkiye · Spearman ρ ≥ 0.4 – 2021-08 → 2025-06 … “no cause” §3 −0.5 × 2')).toBe(
      true,
    );
    expect(cutFacesCover('Jun&#xA;2025 &#956; &#x3C1;')).toBe(true);
    expect(cutFacesCover('Россия')).toBe(false);
    expect(cutFacesCover('阿富汗')).toBe(false);
    expect(cutFacesCover('flag 🇦🇫')).toBe(false);
    expect(cutFacesCover('&#x420;оссия')).toBe(false);
    expect(cutFacesCover('&#1056;')).toBe(false);
  });
});

it('fonts/README.md names every font file with its sha256', () => {
  const dir = dirname(FONT_FILES[0]!);
  const listed = new Map(
    [...readFileSync(join(dir, 'README.md'), 'utf8').matchAll(/^\| (\S+\.ttf) \| ([0-9a-f]{64}) \|$/gm)].map(
      (m) => [m[1]!, m[2]!],
    ),
  );
  const files = readdirSync(dir).filter((f) => f.endsWith('.ttf'));
  expect([...listed.keys()].sort()).toEqual(files.sort());
  for (const f of files)
    expect(
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
      f,
    ).toBe(listed.get(f));
});
