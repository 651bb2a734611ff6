// Small parts the validation charts (backtest, calibration, forecast, explain) share: their colours, the
// text of signed scores and of shares, axes of names and of probabilities, the caption, and the actor of
// an id. Candidates for style.ts (the visual language) once the other families want them too.

import type { ActorInfo } from '../model/results.js';
import { parseMonth } from '../model/time.js';
import { actorsOfKind, CATEGORY_COLOURS, INK, RUNG_SHORT, sig3, wrapLines } from './style.js';

/** The model's colour beside naive forecasters; pushes a quantity up, holds it back, or is a total. */
export const MODEL_COLOUR = CATEGORY_COLOURS[0];
export const UP = CATEGORY_COLOURS[0];
export const DOWN = CATEGORY_COLOURS[1];
export const TOTAL = '#555555';
/** The light grey of a search range or a reference band. */
export const RANGE_GREY = '#e3e3e3';

/** Ticks of a probability axis, and its domain. */
export const QUARTERS = [0, 0.25, 0.5, 0.75, 1];
export const UNIT = [0, 1];

/** Whole image width minus the padding of baseConfig on both sides, and a few px for the strokes of
 * frames, ticks and grid lines at a plot's right edge: what titles and plots share. */
export const PADDING = 12;
export const inner = (width: number) => width - 2 * PADDING - 4;

/** A score with its sign, three significant digits: '+1.66', '−0.134', '0.00' (FORMATS.signedScore). */
export function signedSig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) < 1e-9) return sig3(0);
  return x > 0 ? `+${sig3(x)}` : sig3(x);
}

/** A share as FORMATS.share prints it, with one decimal under 1% (FORMATS.smallShare): '25%', '0.4%'. */
export function shareText(p: number): string {
  if (p > 0 && p < 0.01) return `${(100 * p).toFixed(1)}%`;
  return `${Math.round(100 * p)}%`;
}

/** Subtitle lines of one text that fit a chart `width` px wide (whole image) at 12 px. */
export function subtitleLines(text: string, width: number): string[] {
  return wrapLines(text, inner(width), 12);
}

/** The caption under a chart (the spec's `description`): its sentences, empty ones left out. */
export function caption(...sentences: (string | false | null | undefined)[]): string {
  return sentences.filter((s): s is string => Boolean(s)).join(' ');
}

/** Width estimate of a text (px), on the safe side: DejaVu Sans averages about 0.56 em a character, bold 0.61 em. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  return Math.ceil((bold ? 0.64 : 0.6) * fontSize * text.length);
}

/** A month as a vega-lite DateTime (UTC), for a scale domain of 'YYYY-MM' months. */
export function dateTime(month: string) {
  const m = parseMonth(month);
  return { year: Math.floor(m / 12), month: (m % 12) + 1, utc: true };
}

/** A readable label of a term name: from the table, else 'snake_case' → 'snake case'. */
export function termLabel(labels: Record<string, string>, term: string): string {
  return Object.hasOwn(labels, term) ? labels[term]! : term.replaceAll('_', ' ');
}

/** The y axis of rungs: names at the whole rungs (the long names are in the tooltips). */
export const RUNG_LABEL_EXPR = `${JSON.stringify(RUNG_SHORT)}[datum.value]`;

/** A y axis of names (countries, terms, questions) with a fixed extent, so that stacked panels line up. */
export function namesY(field: string, sort: string[] | { field: string; op: 'min' }, extent: number) {
  return {
    field,
    type: 'nominal',
    title: null,
    sort,
    axis: { minExtent: extent, maxExtent: extent, labelLimit: extent },
  } as const;
}

/** A value written just right of its bar or point. */
export function valueText(text: { field: string; type?: 'quantitative'; format?: string }) {
  return {
    mark: { type: 'text', align: 'left', dx: 4, fontSize: 11, color: INK },
    encoding: { text },
  } as const;
}

/** The actor of a country id; an id the doc does not describe stands for itself, bloc 'Other'. */
export function countryLookup(doc: { actors: ActorInfo[] }): (id: string) => ActorInfo {
  const byId = new Map(actorsOfKind(doc, 'country').map((a) => [a.id, a]));
  return (id) => byId.get(id) ?? { id, name: id, kind: 'country' };
}

/** Comparisons as ≥ and ≤, policy ids by name: 'ct_cooperation >= 0.3' → 'counter-terrorism cooperation ≥ 0.3'. */
export function readableCondition(text: string, names: Record<string, string>): string {
  let out = text.replaceAll('>=', '≥').replaceAll('<=', '≤');
  for (const [id, name] of Object.entries(names))
    out = out.replaceAll(id, name.charAt(0).toLowerCase() + name.slice(1));
  return out;
}
