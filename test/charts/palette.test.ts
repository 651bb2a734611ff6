// The visual language: colour science checked against published values, the rung scale's contrasts
// for every reader, and actor styles that depend on the data only.
import { describe, expect, it } from 'vitest';
import { deltaE2000, difference, lab } from '../../src/charts/colour.js';
import { buildChart } from '../../src/charts/index.js';
import {
  actorStyles,
  CATEGORY_COLOURS,
  countriesInOrder,
  factionColour,
  RUNG_COLOURS,
} from '../../src/charts/palette.js';
import { fsReader } from '../../src/cli/io.js';
import { actorsOf, simulate, toResultsDoc } from '../../src/model/index.js';
import { buildInput, loadData, loadScenario } from '../../src/scenario/index.js';
import type { Json } from './study-fixture.js';

const data = loadData('data', fsReader);
const actors = actorsOf(data.params);
const VISIONS = ['deuteranopia', 'protanopia', 'tritanopia'] as const;

describe('colour science', () => {
  it('CIEDE2000 matches the test pairs of Sharma, Wu & Dalal (2005)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('sRGB to CIELAB: white, black and a mid grey', () => {
    const white = lab('#ffffff');
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.01);
    expect(lab('#000000')[0]).toBeCloseTo(0, 6);
    expect(lab('#777777')[0]).toBeCloseTo(50.03, 1);
    expect(() => lab('red')).toThrow(/not a #rrggbb colour/);
  });
});

describe('rung scale', () => {
  it('adjacent rungs differ by ≥ 12 for normal vision and ≥ 8 under each simulated deficiency', () => {
    for (let k = 1; k < RUNG_COLOURS.length; k++) {
      expect(
        difference(RUNG_COLOURS[k - 1]!, RUNG_COLOURS[k]!),
        `rungs ${k - 1}–${k}`,
      ).toBeGreaterThanOrEqual(12);
      for (const v of VISIONS)
        expect(
          difference(RUNG_COLOURS[k - 1]!, RUNG_COLOURS[k]!, v),
          `${v} ${k - 1}–${k}`,
        ).toBeGreaterThanOrEqual(8);
    }
  });

  it('sets the middle rungs, where most countries sit, ≥ 20 apart for normal vision (hue turns, not only lightness)', () => {
    // readers could not tell 3/4/5 apart in print when only lightness separated them (ΔE 17 and 16)
    expect(difference(RUNG_COLOURS[3], RUNG_COLOURS[4])).toBeGreaterThanOrEqual(20);
    expect(difference(RUNG_COLOURS[4], RUNG_COLOURS[5])).toBeGreaterThanOrEqual(20);
  });

  it('darkens with every rung, shows rung 0 on white, and sets recognition ≥ 20 from every other rung', () => {
    const L = RUNG_COLOURS.map((c) => lab(c)[0]);
    for (let k = 1; k < L.length; k++) expect(L[k]!).toBeLessThan(L[k - 1]!);
    expect(difference(RUNG_COLOURS[0], '#ffffff')).toBeGreaterThanOrEqual(8);
    for (let k = 0; k < 6; k++)
      expect(difference(RUNG_COLOURS[k]!, RUNG_COLOURS[6])).toBeGreaterThanOrEqual(20);
  });
});

describe('actor styles', () => {
  const styles = actorStyles(actors);

  it('within a bloc colours differ by ≥ 10; across blocs colour and dash together are unique', () => {
    const countries = countriesInOrder(actors);
    const blocs = new Set(countries.map((c) => c.bloc));
    for (const bloc of blocs) {
      const cs = countries.filter((c) => c.bloc === bloc).map((c) => styles.get(c.id)!.colour);
      for (let i = 0; i < cs.length; i++)
        for (let j = i + 1; j < cs.length; j++)
          expect(difference(cs[i]!, cs[j]!), `${bloc} ${cs[i]} ${cs[j]}`).toBeGreaterThanOrEqual(10);
    }
    const keys = countries.map((c) => JSON.stringify(styles.get(c.id)));
    expect(new Set(keys).size).toBe(countries.length);
    for (const c of countries) expect(CATEGORY_COLOURS).toContain(styles.get(c.id)!.colour);
  });

  it('draws every actor colour apart from the others and dark enough for a line on the white page', () => {
    for (let i = 0; i < CATEGORY_COLOURS.length; i++) {
      // Okabe–Ito's yellow (L* 89) was faint; the lightest kept is sky blue (L* 70)
      expect(lab(CATEGORY_COLOURS[i]!)[0], CATEGORY_COLOURS[i]).toBeLessThanOrEqual(75);
      for (let j = i + 1; j < CATEGORY_COLOURS.length; j++)
        expect(difference(CATEGORY_COLOURS[i]!, CATEGORY_COLOURS[j]!)).toBeGreaterThanOrEqual(22);
    }
  });

  it('orders countries by bloc, then as the data list them', () => {
    const order = countriesInOrder(actors).map((c) => c.id);
    expect(order.slice(0, 8)).toEqual(['US', 'GB', 'DE', 'DK', 'NL', 'FR', 'CA', 'EU']);
    expect(order).toHaveLength(23);
    expect(styles.get('US')).toEqual({ colour: '#0072B2', dash: [1, 0] });
  });

  it('factions keep their colour by id', () => {
    expect(['kandahar', 'haqqani', 'swing'].map((f) => styles.get(f)!.colour)).toEqual([
      factionColour('kandahar'),
      factionColour('haqqani'),
      factionColour('swing'),
    ]);
    expect(factionColour('kandahar')).toBe('#D55E00');
  });

  it('the same actor gets the same colour, dash and row in two scenarios and two seeds', () => {
    const scales = (scenario: string, seed: string) => {
      const s = loadScenario(`scenarios/${scenario}.yaml`, fsReader, data);
      const input = buildInput(s, data, { seed, start: '2025-06', end: '2027-12' });
      const spec: Json = buildChart('rungs', toResultsDoc(simulate(input), input.params));
      // one panel per bloc, each with the legend of its countries
      const lines = spec.vconcat.map(
        (panel: Json) =>
          panel.layer.find((l: Json) => l.data.name === 'rungs' && l.mark.type === 'line').encoding,
      );
      return {
        colour: lines.map((e: Json) => e.color.scale),
        dash: lines.map((e: Json) => e.strokeDash.scale),
      };
    };
    const a = scales('baseline', '1');
    expect(a.colour.flatMap((s: Json) => s.domain)).toHaveLength(23);
    expect(scales('baseline', '2')).toEqual(a);
    expect(scales('isk-surge', '3')).toEqual(a);
    expect(scales('western-isolation', '4')).toEqual(a);
  });
});
