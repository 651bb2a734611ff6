// The visual language, defined once: the colour of each rung, the colour and dash of each actor, and the
// order actors are listed in. Every chart, the report and the playground take them from here, so a
// country looks the same in every run and scenario (the checks: test/charts/palette.test.ts).

import type { ActorInfo } from '../model/results.js';
import { BLOCS } from '../model/types.js';

/**
 * One colour per rung, 0 (no contact) to 6 (formal recognition): lightness falls with the rung, so the
 * scale reads in grey print, and the hue turns with it (cream, greens, teal, blue, indigo) so the middle
 * rungs 3–5 are told apart in print too; adjacent rungs differ by CIEDE2000 ≥ 12 under normal vision and
 * ≥ 8 under simulated deuteranopia, protanopia and tritanopia (Machado et al. 2009); recognition is its
 * own hue (dark crimson), ≥ 20 from every other rung; rung 0 stays visible on white.
 */
export const RUNG_COLOURS = [
  '#fff3d4',
  '#c4e796',
  '#63b94f',
  '#16968a',
  '#1a6ab2',
  '#4d3a8e',
  '#700a14',
] as const;

/** The Okabe–Ito qualitative palette (colour-blind safe) with its yellow, faint on white, replaced by
 * Tol's wine: pairwise CIEDE2000 ≥ 22 under normal vision, every colour dark enough for a line on white (L* ≤ 75). */
export const CATEGORY_COLOURS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#882255',
] as const;

/** The dash of each bloc's lines: within a bloc colours differ, across blocs the dash does. */
export const BLOC_DASHES: Record<(typeof BLOCS)[number] | 'other', number[]> = {
  west: [1, 0],
  great_power: [7, 3],
  neighbour: [2, 2],
  central_asia: [8, 3, 2, 3],
  gulf: [1, 3],
  asia: [12, 4],
  other: [4, 2, 1, 2],
};

/** The dashes of the lines of one panel's series (fan medians: factions, policy indices, counts), in
 * series order: the colours of two series can look alike in grey print, their dashes do not. */
export const SERIES_DASHES: number[][] = [
  [1, 0],
  [7, 3],
  [2, 2],
  [8, 3, 2, 3],
  [12, 4],
  [1, 3],
];

/** The factions' colours, by id: Kandahar vermillion, Haqqani blue, the swing bloc green. */
export const FACTION_COLOURS: Record<string, string> = {
  kandahar: '#D55E00',
  haqqani: '#0072B2',
  swing: '#009E73',
};
const OTHER_FACTION = '#888888';

export interface ActorStyle {
  colour: string;
  dash: number[];
}

const blocIndex = (bloc: string | undefined) => {
  const i = (BLOCS as readonly string[]).indexOf(bloc ?? '');
  return i >= 0 ? i : BLOCS.length;
};

/**
 * Countries in their fixed order: by bloc (the order of BLOCS, unknown blocs after), then in the order
 * the data list them. The order — and with it every colour — depends only on the data, never on a run.
 */
export function countriesInOrder(actors: readonly ActorInfo[]): ActorInfo[] {
  const countries = actors.filter((a) => a.kind === 'country');
  return countries
    .map((a, i) => ({ a, i }))
    .sort((x, y) => blocIndex(x.a.bloc) - blocIndex(y.a.bloc) || x.i - y.i)
    .map((x) => x.a);
}

/** Each country's colour (its place within its bloc, Okabe–Ito order) and dash (its bloc's; a second
 * round of colours within a bloc takes the next bloc dash). Factions by id. */
export function actorStyles(actors: readonly ActorInfo[]): Map<string, ActorStyle> {
  const out = new Map<string, ActorStyle>();
  const seen = new Map<string, number>();
  const dashes = Object.values(BLOC_DASHES);
  for (const a of countriesInOrder(actors)) {
    const bloc = a.bloc ?? 'other';
    const pos = seen.get(bloc) ?? 0;
    seen.set(bloc, pos + 1);
    const round = Math.floor(pos / CATEGORY_COLOURS.length);
    const b = blocIndex(a.bloc);
    out.set(a.id, {
      colour: CATEGORY_COLOURS[pos % CATEGORY_COLOURS.length]!,
      dash: dashes[(b + round) % dashes.length]!,
    });
  }
  for (const a of actors)
    if (a.kind === 'faction') out.set(a.id, { colour: factionColour(a.id), dash: [1, 0] });
  return out;
}

/** The colour of a faction by id: the model's three factions have their own; anything else is grey. */
export function factionColour(id: string): string {
  return FACTION_COLOURS[id] ?? OTHER_FACTION;
}
