// The chart lint (issue 11): a chart is laid out by a headless Vega View in Node, exactly as `toSvg`
// does, and its scenegraph is checked for what a report author would reject — text that overlaps or is
// cut off, marks outside the image, an image wider than the print width, text under 11 px, an axis label
// printed twice, a share axis past 0–100%, and legend entries whose colours deviate from the visual
// language or cannot be told apart.

import type { TopLevelSpec } from 'vega-lite';
import { difference } from '../../src/charts/colour.js';
import { compileSpec } from '../../src/charts/compile-spec.js';
import { vegaTextWidth } from '../../src/charts/fonts.js';
import { vega } from '../../src/charts/node-vega.js';

/** The print width (≈ 170 mm of A4 portrait at 96 dpi) and the smallest text (≈ 8 pt at 1:1). */
export const PAGE_WIDTH = 640;
export const MIN_FONT = 11;
/** Two legend entries closer than this (CIEDE2000) need different dashes or shapes. */
const MIN_LEGEND_DE = 10;
/** Overlaps and overhangs below this (px) are rounding, not defects. */
const SLACK = 1;

export interface LintOptions {
  /** legend label → the colour the visual language gives it (actors, rungs, factions) */
  colours?: ReadonlyMap<string, string>;
  /** false: lay out only, no SVG (`svg` is then empty) */
  svg?: boolean;
}

export interface LintResult {
  findings: string[];
  svg: string;
  width: number;
  height: number;
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface Placed {
  // biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph items are untyped
  item: any;
  role: string;
  marktype: string;
  /** the item's place in its mark (pairs a legend's symbols with its labels) */
  index: number;
  box: Box;
  /** the enclosing legend or axis group, for checks within one legend or axis */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  parent: any;
  /** the group item the item's mark sits in */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  group: any;
}

const visible = (it: { opacity?: number; fillOpacity?: number; text?: unknown }) =>
  (it.opacity ?? 1) > 0 && (it.fillOpacity ?? 1) > 0;

const textOf = (it: { text?: unknown }) => [it.text ?? ''].flat().map(String).join(' ');

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);

/** Every item of the scenegraph with its box in image coordinates. */
// biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph is untyped
function placeAll(root: any, origin: [number, number]): Placed[] {
  const out: Placed[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const walk = (mark: any, dx: number, dy: number, parent: any, group: any) => {
    (mark.items ?? []).forEach(
      (item: { bounds?: Box; x?: number; y?: number; items?: unknown[] }, index: number) => {
        const b = item.bounds;
        if (b && Number.isFinite(b.x1) && b.x2 >= b.x1)
          out.push({
            item,
            role: mark.role ?? '',
            marktype: mark.marktype,
            index,
            group,
            box: { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy },
            parent,
          });
        if (mark.marktype === 'group') {
          const entry = mark.role === 'legend' || mark.role === 'axis' ? item : parent;
          for (const child of item.items ?? [])
            walk(child, dx + (item.x ?? 0), dy + (item.y ?? 0), entry, item);
        }
      },
    );
  };
  walk(root, origin[0], origin[1], null, null);
  return out;
}

const overlaps = (a: Box, b: Box) =>
  Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > SLACK && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > SLACK;

/** Lay the chart out and list what is wrong with it (empty: nothing). */
export async function lintChart(spec: TopLevelSpec, opts: LintOptions = {}): Promise<LintResult> {
  const compiled = compileSpec(spec);
  const findings = [...compiled.errors, ...compiled.warnings].map((m) => `vega-lite: ${m}`);
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled.vega), { renderer: 'none' });
  try {
    await view.runAsync();
    // the image's size as toSVG draws it: the laid-out view and its padding
    const internal = view as unknown as { _viewWidth: number; _viewHeight: number };
    const pad = view.padding() as { left: number; right: number; top: number; bottom: number };
    const width = Math.round(internal._viewWidth + pad.left + pad.right);
    const height = Math.round(internal._viewHeight + pad.top + pad.bottom);
    const svg = opts.svg === false ? '' : await view.toSVG();
    if (width > PAGE_WIDTH) findings.push(`width ${width} px > ${PAGE_WIDTH} px`);

    // biome-ignore lint/suspicious/noExplicitAny: vega's scenegraph is untyped
    const root = (view.scenegraph() as any).root;
    const items = placeAll(root, view.origin() as [number, number]).filter((p) => visible(p.item));
    const texts = items.filter((p) => p.marktype === 'text' && textOf(p.item).trim() !== '');

    for (const p of items) {
      if (p.marktype === 'group' && p.role === 'frame') continue;
      const { x1, y1, x2, y2 } = p.box;
      if (x1 < -SLACK || y1 < -SLACK || x2 > width + SLACK || y2 > height + SLACK)
        findings.push(
          `${p.role || p.marktype} ${p.marktype === 'text' ? `'${short(textOf(p.item))}' ` : ''}outside the image`,
        );
    }
    for (const p of texts) {
      const t = textOf(p.item);
      if ((p.item.fontSize ?? 11) < MIN_FONT) findings.push(`'${short(t)}' at ${p.item.fontSize} px`);
      if (p.item.limit > 0 && vegaTextWidth({ ...p.item, limit: 0 }, t) > p.item.limit + SLACK)
        findings.push(`'${short(t)}' truncated to ${p.item.limit} px`);
    }

    // text over text: sweep along x
    const byX = [...texts].sort((a, b) => a.box.x1 - b.box.x1);
    for (let i = 0; i < byX.length; i++)
      for (let j = i + 1; j < byX.length && byX[j]!.box.x1 < byX[i]!.box.x2; j++)
        if (overlaps(byX[i]!.box, byX[j]!.box))
          findings.push(`'${short(textOf(byX[i]!.item))}' overlaps '${short(textOf(byX[j]!.item))}'`);

    // axis labels: none twice on one axis; shares inside 0–100%
    const labelsByAxis = new Map<unknown, string[]>();
    for (const p of texts.filter((t) => t.role === 'axis-label'))
      labelsByAxis.set(p.parent, [...(labelsByAxis.get(p.parent) ?? []), textOf(p.item)]);
    for (const labels of labelsByAxis.values()) {
      const seen = new Set<string>();
      for (const l of labels) {
        if (seen.has(l)) findings.push(`axis label '${l}' repeated`);
        seen.add(l);
        const pct = /^[−-]?\d+(\.\d+)?%$/.test(l) ? Number(l.replace('−', '-').slice(0, -1)) : null;
        if (pct !== null && (pct < 0 || pct > 100)) findings.push(`share axis label '${l}' outside 0–100%`);
      }
    }

    // legends: each entry's colour as the visual language says; entries of one legend apart
    const entries = new Map<
      unknown,
      { label: string; colour: string; dash: string; shape: string; size: string }[]
    >();
    for (const p of items.filter((q) => q.role === 'legend-symbol')) {
      const label = texts.find(
        (t) => t.role === 'legend-label' && t.group === p.group && t.index === p.index,
      );
      if (!label) continue;
      const legend = p.parent;
      const colour = String(p.item.stroke && p.item.stroke !== 'transparent' ? p.item.stroke : p.item.fill);
      const row = {
        label: textOf(label.item),
        colour,
        dash: String(p.item.strokeDash ?? ''),
        shape: String(p.item.shape ?? ''),
        size: String(p.item.size ?? ''),
      };
      entries.set(legend, [...(entries.get(legend) ?? []), row]);
      const want = opts.colours?.get(row.label);
      if (want && want.toLowerCase() !== colour.toLowerCase())
        findings.push(`legend '${row.label}' is ${colour}, the palette says ${want}`);
    }
    for (const rows of entries.values())
      for (let i = 0; i < rows.length; i++)
        for (let j = i + 1; j < rows.length; j++) {
          const [a, b] = [rows[i]!, rows[j]!];
          if (!/^#[0-9a-f]{6}$/i.test(a.colour) || !/^#[0-9a-f]{6}$/i.test(b.colour)) continue;
          if (
            a.dash === b.dash &&
            a.shape === b.shape &&
            a.size === b.size &&
            difference(a.colour, b.colour) < MIN_LEGEND_DE
          )
            findings.push(`legend '${a.label}' and '${b.label}' look alike (${a.colour}, ${b.colour})`);
        }
    return { findings, svg, width, height };
  } finally {
    view.finalize();
  }
}
