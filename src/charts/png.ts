// SVG → PNG with resvg, using the two DejaVu Sans TTFs in fonts/ (never the system fonts), so the same
// SVG gives byte-identical PNGs on any machine. Apart from Vega (render.ts): loaded only when PNGs are
// asked for.

import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import { CUT_FONT_FILES, cutFacesCover, FONT_FILES } from './fonts.js';

/** The faces to draw an SVG with: the cut ones when they have every character in it, else the whole
 * ones. The pixels are the same (the same glyphs and kerning); the time is not: resvg shapes each text
 * element with its face's tables, 0.17 ms a text element with the cut faces against 0.73 ms with the
 * whole ones (a chart has 20–45). */
export function facesFor(svg: string): readonly string[] {
  return cutFacesCover(svg) ? CUT_FONT_FILES : FONT_FILES;
}

function pngOptions(svg: string, scale: number): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: [...facesFor(svg)],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  };
}

function bytes(png: Buffer): Uint8Array {
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** SVG → PNG at `scale` × the SVG's size, on white, with the bundled DejaVu fonts only. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  return bytes(new Resvg(svg, pngOptions(svg, scale)).render().asPng());
}

/**
 * The same PNG as `svgToPng`, but parsing, text layout and rasterizing run on libuv's thread pool
 * (only the PNG encoding stays on the calling thread), so vega can lay out the next chart meanwhile.
 */
export async function svgToPngAsync(svg: string, scale = 2): Promise<Uint8Array> {
  return bytes((await renderAsync(svg, pngOptions(svg, scale))).asPng());
}
