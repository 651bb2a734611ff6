// Text measurement from the DejaVu TTFs: it must agree with what resvg actually draws.

import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, textWidth, vegaTextWidth } from '../../src/charts/fonts.js';

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
