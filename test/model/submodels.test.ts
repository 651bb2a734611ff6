// The country and UN submodels on the fixture world, against values worked out by hand from
// docs/MODEL.md §7, and the random streams against seedrandom's own tychei.
import tychei from 'seedrandom/lib/tychei.js';
import { describe, expect, it } from 'vitest';
import { updateVariables } from '../../src/model/aggregates.js';
import {
  chooseRung,
  DRIVE_TERMS,
  driveTerms,
  firstMoverCost,
  gateCap,
  utility,
} from '../../src/model/countries.js';
import { createStream, createWorld, parseMonth, streamSeed } from '../../src/model/index.js';
import { stepUn } from '../../src/model/un.js';
import { input } from './fixture.js';

const A = 0; // Alpha: west, p5, gate at 4 on womens_rights >= 0.3
const D = 3; // Delta: neighbour, listed, no gates

function world(month = '2021-08') {
  const w = createWorld(input(), parseMonth(month));
  updateVariables(w);
  return w;
}

describe('country drive', () => {
  it('is the sum of its named terms, each as MODEL.md §7.1 writes it', () => {
    const w = world();
    const out = new Float64Array(DRIVE_TERMS.length);
    const sum = driveTerms(w, A, out);
    const expected = {
      base: 2.5,
      security: 14 * 0.5 * 0.5 * 0.3, // weight × exposure × threat × ct_cooperation
      economic: 3 * 0.5,
      humanitarian: 2 * 0.3,
      rivalry: 0, // no rivals
      peers: (2 * 1) / 6, // peer B at rung 1
      patron: 0,
      rights: -4.5 * 0.9 * (1 - 0.15),
      domestic: -3 * 0.8,
      events: 0,
    };
    DRIVE_TERMS.forEach((term, k) => {
      expect(out[k], term).toBeCloseTo(expected[term], 12);
    });
    expect(sum).toBeCloseTo(0.140833333333, 10);
  });

  it('counts only a rival ahead, and the patron at its rung', () => {
    const w = world();
    const out = new Float64Array(DRIVE_TERMS.length);
    driveTerms(w, D, out); // rival and patron C at 4, Delta at 3
    expect(out[DRIVE_TERMS.indexOf('rivalry')]).toBeCloseTo((4 * 1) / 6, 12);
    expect(out[DRIVE_TERMS.indexOf('patron')]).toBeCloseTo((1.5 * 4) / 6, 12);
    driveTerms(w, 2, out); // C leads its rival D: no fear
    expect(out[DRIVE_TERMS.indexOf('rivalry')]).toBe(0);
  });
});

describe('gates and the listing cap', () => {
  it('caps a country one below its first failing gate, and lifts the cap when the gate opens', () => {
    const w = world();
    expect(gateCap(w, A)).toBe(3);
    w.policy[0] = 0.3;
    updateVariables(w);
    expect(gateCap(w, A)).toBe(6);
  });

  it('keeps a country that lists the Taliban below formal recognition', () => {
    const w = world();
    expect(gateCap(w, D)).toBe(5);
    w.listed[D] = 0;
    expect(gateCap(w, D)).toBe(6);
  });
});

describe('first-mover cost', () => {
  it('is full while nobody recognizes and fades with the weighted share of recognizers', () => {
    const w = world();
    expect(firstMoverCost(w)).toBe(1.5);
    w.prevRung[2] = 6; // one of four equal weights
    expect(firstMoverCost(w)).toBeCloseTo(1.5 * (1 - 0.25 / 0.33), 12);
    w.prevRung[3] = 6; // half recognize: past the tipping share
    expect(firstMoverCost(w)).toBe(0);
  });

  it('is paid by the act of recognizing, not by standing at 6', () => {
    expect(utility(6, 5, 6, 0, 1) - utility(6, 6, 6, 0, 1)).toBe(-2);
    expect(utility(5, 5, 6, 0, 1)).toBe(-1);
  });
});

describe('logit choice', () => {
  it('never moves more than one rung, nor above the cap, whatever the draw', () => {
    const w = world();
    for (const u of [1e-9, 0.25, 0.5, 0.75, 1 - 1e-9]) {
      expect(chooseRung(3, 100, 3, 0, w, u)).toBe(3);
      expect(chooseRung(3, 100, 6, 0, w, u)).toBe(4);
      expect(chooseRung(3, -100, 6, 0, w, u)).toBe(2);
      expect(chooseRung(0, -100, 6, 0, w, u)).toBe(0);
    }
  });

  it('splits draws by the logit probabilities of MODEL.md §7.1', () => {
    const w = world(); // temperature 0.6, inertia 0.4
    const drive = 3.7;
    const u = [2, 3, 4].map((r) => utility(r, 3, drive, 0.4, 0));
    const e = u.map((x) => Math.exp(x / 0.6));
    const pDown = e[0]! / (e[0]! + e[1]! + e[2]!);
    const pStay = e[1]! / (e[0]! + e[1]! + e[2]!);
    expect(chooseRung(3, drive, 6, 0, w, pDown - 1e-9)).toBe(2);
    expect(chooseRung(3, drive, 6, 0, w, pDown + 1e-9)).toBe(3);
    expect(chooseRung(3, drive, 6, 0, w, pDown + pStay - 1e-9)).toBe(3);
    expect(chooseRung(3, drive, 6, 0, w, pDown + pStay + 1e-9)).toBe(4);
  });
});

describe('UN', () => {
  it('acts only in December: defers credentials while a Western P5 member stands below the P3 rung', () => {
    const w = world('2021-11');
    stepUn(w);
    expect(w.log).toEqual([]);
    w.month = parseMonth('2021-12');
    w.rung.set([3, 5, 5, 5]); // three of four support, but Alpha (west, p5) is below 4
    stepUn(w);
    expect(w.unSeat).toBe(0);
    expect(w.unSanctions).toBe(1);
    w.rung.set([5, 5, 6, 5]); // Gamma (p5) at the veto rung
    stepUn(w);
    expect(w.unSeat).toBe(1);
    expect(w.unSanctions).toBe(0);
  });
});

describe('streams', () => {
  it("draw seedrandom's tychei seeded by the hashed (seed, labels)", () => {
    const ours = createStream('42', 'country', 'A');
    const reference = tychei(streamSeed('42', 'country', 'A'));
    for (let k = 0; k < 5; k++) expect(ours.double()).toBe(reference.double());
  });

  it('give each label its own sequence', () => {
    const a = createStream('42', 'country', 'A').double();
    expect(createStream('42', 'country', 'B').double()).not.toBe(a);
    expect(createStream('43', 'country', 'A').double()).not.toBe(a);
    expect(streamSeed('4', '2country')).not.toBe(streamSeed('42', 'country'));
  });
});
