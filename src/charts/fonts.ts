// The fonts of the rendered charts and the text measurement vega lays them out with (node side).
//
// vega measures text with node-canvas when it is installed and otherwise estimates every character at
// 0.8 em, which is about a third wider than DejaVu Sans: legends, titles and axes get needless space and
// the PNGs more pixels. Instead we read the advance widths from the very TTF files resvg draws with (the
// two faces of DejaVu Sans 2.37 in fonts/, under their licence there), so the layout is accurate and the
// same on every machine.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** fonts/ at the top of the project: two folders up from src/charts/ and from dist/charts/ alike. */
const FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));

/** The faces the charts use: regular text, bold titles, headers and legend titles. */
export const FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  join(FONT_DIR, f),
);

/** The same faces cut to Latin, Greek and the punctuation and signs charts use (scripts/cut-fonts.sh):
 * the same glyphs, advances and kerning for those characters, in a seventh of the bytes. */
export const CUT_FONT_FILES: readonly string[] = ['DejaVuSans-Charts.ttf', 'DejaVuSans-Bold-Charts.ttf'].map(
  (f) => join(FONT_DIR, f),
);

export interface FontMetrics {
  unitsPerEm: number;
  /** advance width in font units per BMP code point; 0 where the font has no glyph */
  advance: Uint16Array;
  /** advance of the .notdef glyph, used for characters the font lacks */
  missing: number;
}

/** Advance widths of a TrueType font: the 'head', 'hhea', 'hmtx' and 'cmap' (format 4) tables. */
export function readMetrics(ttf: Uint8Array): FontMetrics {
  const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const u16 = (at: number) => view.getUint16(at);
  const tables = new Map<string, number>();
  for (let i = 0, n = u16(4); i < n; i++) {
    const rec = 12 + 16 * i;
    tables.set(String.fromCharCode(...ttf.subarray(rec, rec + 4)), view.getUint32(rec + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no '${tag}' table`);
    return at;
  };
  const unitsPerEm = u16(table('head') + 18);
  const nMetrics = u16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (g: number) => u16(hmtx + 4 * Math.min(g, nMetrics - 1));

  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0, n = u16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = u16(rec);
    const encoding = u16(rec + 2);
    const at = cmap + view.getUint32(rec + 4);
    if (((platform === 3 && encoding === 1) || platform === 0) && u16(at) === 4) {
      sub = at;
      break;
    }
  }
  if (sub < 0) throw new Error('font has no Unicode BMP (format 4) cmap');
  const advance = new Uint16Array(0x10000);
  const segments = u16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const start = u16(starts + 2 * s);
    const end = u16(ends + 2 * s);
    const delta = u16(deltas + 2 * s);
    const rangeAt = rangeOffsets + 2 * s;
    const range = u16(rangeAt);
    for (let c = start; c <= end && c < 0xffff; c++) {
      let g = range === 0 ? c : u16(rangeAt + range + 2 * (c - start));
      if (range !== 0 && g === 0) continue;
      g = (g + delta) & 0xffff;
      if (g !== 0) advance[c] = glyphAdvance(g);
    }
  }
  return { unitsPerEm, advance, missing: glyphAdvance(0) };
}

let metrics: { regular: FontMetrics; bold: FontMetrics } | undefined;

function loaded(): { regular: FontMetrics; bold: FontMetrics } {
  metrics ??= {
    regular: readMetrics(readFileSync(FONT_FILES[0]!)),
    bold: readMetrics(readFileSync(FONT_FILES[1]!)),
  };
  return metrics;
}

let cut: Uint16Array[] | undefined;

/** Whether both cut faces have a glyph for every character of `text`, an SVG's (ASCII always; a
 * numeric character reference, `&#x3C1;`, stands for its character). The regular expressions find
 * the few characters to look up: a loop over every character of a chart's SVG took longer than
 * shaping its text. */
export function cutFacesCover(text: string): boolean {
  cut ??= CUT_FONT_FILES.map((f) => readMetrics(readFileSync(f)).advance);
  const faces = cut;
  const covered = (c: number) => c < 0x7f || (c < 0x10000 && faces.every((advance) => advance[c]! > 0));
  // astral characters (a surrogate pair) are not covered
  for (const ch of text.match(/[^\t\n\r -~]/g) ?? []) if (!covered(ch.charCodeAt(0))) return false;
  for (const [, hex, dec] of text.matchAll(/&#(?:x([0-9a-f]+)|([0-9]+));/gi))
    if (!covered(hex !== undefined ? Number.parseInt(hex, 16) : Number(dec))) return false;
  return true;
}

/** Width in px of one line of text in DejaVu Sans (no kerning, so at most a hair too wide). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const m = bold ? loaded().bold : loaded().regular;
  let units = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    units += (c < 0x10000 ? m.advance[c] : 0) || m.missing;
  }
  return (units * fontSize) / m.unitsPerEm;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

function isBold(weight: TextItem['fontWeight']): boolean {
  if (weight === undefined || weight === null) return false;
  const n = Number(weight);
  return Number.isFinite(n) ? n >= 600 : weight === 'bold' || weight === 'bolder';
}

/**
 * A `textMetrics.width(item, text)` for vega: the DejaVu Sans width of the line, capped at the item's
 * `limit` when it has one (vega truncates such text with an ellipsis to fit within the limit).
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const line = text == null ? '' : String(text).trim();
  if (size <= 0 || !line) return 0;
  const width = textWidth(line, size, isBold(item.fontWeight));
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}
