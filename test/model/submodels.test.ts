// The submodels one step at a time, on the fixture world, against values worked out by hand from the
// equations in src/model (drive terms, first-mover cost, gates, hazards, causes, moves, threat,
// incidents, the finiteness check), and the random streams against seedrandom's own tychei.
//
// Fixture at its start (2021-08): rungs A 2, B 1, C 4, D 3; D listed; threat 0.5; womens_rights 0.15,
// ct_cooperation 0.3; the UN 1988 sanctions in force; all weights 1 (total 4).
import fc from 'fast-check';
import tychei from 'seedrandom/lib/tychei.js';
import { describe, expect, it } from 'vitest';
import { updateVariables } from '../../src/model/aggregates.js';
import {
  CAUSE,
  causeOf,
  noteGates,
  precursorActive,
  readGateTests,
  stamp,
  stampWorldCauses,
} from '../../src/model/causes.js';
import { checkFinite, FIELDS, NonFiniteError, SCALARS } from '../../src/model/check.js';
import {
  decide,
  drives,
  firstMoverCost,
  gateCap,
  LISTED_CAP,
  stepCountries,
  surelyHolds,
  surelyStays,
} from '../../src/model/countries.js';
import { applyEffect } from '../../src/model/events.js';
import {
  type CompiledGate,
  createStream,
  createWorld,
  DRIVE_TERMS,
  type DriveTerm,
  type ModelInput,
  newDecision,
  noteRungs,
  parseMonth,
  type Stream,
  streamSeed,
  type World,
} from '../../src/model/index.js';
import { recordMove } from '../../src/model/moves.js';
import { reseed } from '../../src/model/rng.js';
import { attack, stepThreat } from '../../src/model/threat.js';
import { stepUn } from '../../src/model/un.js';
import { input } from './fixture.js';

const A = 0; // Alpha: west, p5, gate at 4 on womens_rights >= 0.3 (closed at the start)
const B = 1; // Beta: west, gate at 3 on womens_rights >= 0.2 (closed at the start), peers A, patron A
const C = 2; // Gamma: great power, p5, alignment 0.8, rival D
const D = 3; // Delta: neighbour, listed, harboured 0.6, rival and patron C

/** A world at `month` as simulate leaves it after month 0: condition variables written, gates read.
 * `edit` changes the input first (the country table is derived from it when the world is made). */
function world(edit?: (inp: ModelInput) => void, month = '2021-08'): World {
  const inp = input();
  edit?.(inp);
  const w = createWorld(inp, parseMonth(month));
  updateVariables(w);
  readGateTests(w);
  for (let i = 0; i < w.countries.ids.length; i++) noteGates(w, i);
  return w;
}

/** A rung at the start of the month, as the month's snapshot (noteRungs) then holds it. */
function setPrev(w: World, i: number, rung: number): void {
  w.prevRung[i] = rung;
  noteRungs(w);
}

/** The condition variables and every country's gates read again (as a month's step does). */
function reread(w: World): void {
  updateVariables(w);
  readGateTests(w);
  for (let i = 0; i < w.countries.ids.length; i++) noteGates(w, i);
}

function terms(w: World, i: number): Record<DriveTerm, number> & { sum: number } {
  // every term of every country written, and the sums the same to the bit whether they are or not
  const n = w.countries.ids.length;
  const NT = DRIVE_TERMS.length;
  const out = new Float64Array(n * NT + 1).fill(Number.NaN);
  drives(w, out);
  const sums = w.drive.slice();
  expect(out.slice(0, n * NT).every((t) => !Number.isNaN(t))).toBe(true);
  expect(out[n * NT]).toBeNaN();
  w.drive.fill(Number.NaN);
  drives(w);
  expect(w.drive.every((x, j) => Object.is(x, sums[j]))).toBe(true);
  for (let j = 0; j < n; j++) {
    let added = 0;
    for (let k = 0; k < NT; k++) added += out[j * NT + k]!;
    expect(Object.is(added, sums[j])).toBe(true);
  }
  return {
    ...(Object.fromEntries(DRIVE_TERMS.map((t, k) => [t, out[i * NT + k]!])) as Record<DriveTerm, number>),
    sum: sums[i]!,
  };
}

function expectTerms(got: Record<string, number>, expected: Record<string, number>) {
  for (const [term, value] of Object.entries(expected)) expect(got[term], term).toBeCloseTo(value, 12);
}

const closedGate = (rung: number): CompiledGate => ({
  rung,
  when: 'false',
  program: { op: 'bool', value: false },
  test: () => false,
});

/** A stream that returns the given uniforms in turn, cyclically (normals: 0). */
function fixed(...u: number[]): Stream {
  let k = 0;
  return { double: () => u[k++ % u.length]!, normal: () => 0 };
}

/** Every country draws u = v = 0.99 (no move, no incident) except as set after. */
function quiet(w: World): World {
  for (let i = 0; i < w.countries.ids.length; i++) w.streams.countries[i] = fixed(0.99, 0.99);
  return w;
}

describe('drive terms', () => {
  it('add up, term by term, to the drive of a gated Western state (Alpha)', () => {
    const t = terms(world(), A);
    expectTerms(t, {
      base: 2.5,
      security: 14 * 0.5 * (0.5 + 0) * 0.3, // weight × exposure × (threat + felt) × ct_cooperation
      harboured: 0,
      alignment: 0, // no alignment against the West
      economic: 3 * 0.5,
      humanitarian: 2 * 0.3,
      migration: 0,
      reserves: 0.5 * 0.4,
      rivalry: 0,
      peers: (2 * 1) / (1 * 6), // peer B at rung 1
      patron: 0,
      rights: -4.5 * 0.9 * (1 - 0.15),
      domestic: -3 * 0.8,
      sanctions: -0.3, // not listed; UN sanctions in force
      events: 0,
    });
    expect(t.sum).toBeCloseTo(0.040833333333333, 12);
    expect(t.sum).toBeCloseTo(
      DRIVE_TERMS.reduce((s, k) => s + t[k], 0),
      12,
    );
  });

  it('give a listed neighbour its harboured-militant, migration, rivalry, patron and listing terms (Delta)', () => {
    const t = terms(world(), D);
    expectTerms(t, {
      security: 14 * 0.8 * 0.5 * 0.3,
      harboured: -2 * 0.6 * (1 - 0.3), // exposure × (1 − ct_cooperation)
      migration: 1 * 0.5,
      rivalry: (4 * (4 - 3)) / 6, // rival C one rung ahead
      patron: (1.5 * 4) / 6, // patron C at 4
      rights: -4.5 * 0.1 * 0.85,
      domestic: -3 * 0.1,
      sanctions: -0.5 * 1 - 0.3 * 1, // listed and the UN sanctions
    });
    expect(t.sum).toBeCloseTo(6.724166666666667, 12);
  });

  it('fade the harboured-militant cost with counter-terrorism, and drop the sanctions when lifted', () => {
    const w = world();
    w.policy[1] = 1;
    w.listed[D] = 0;
    w.unSanctions = 0;
    const t = terms(w, D);
    expect(t.harboured).toBeCloseTo(0, 12);
    expect(t.sanctions).toBeCloseTo(0, 12);
    expect(t.security).toBeCloseTo(14 * 0.8 * 0.5 * 1, 12);
  });

  it('weigh alignment by how far the (weighted) Western states keep away (Gamma)', () => {
    expect(terms(world(), C).alignment).toBeCloseTo(1.5 * 0.8 * (1 - 1.5 / 6), 12); // West at 2 and 1
    const heavy = world((inp) => {
      inp.params.countries.A!.weight = 3;
    });
    expect(terms(heavy, C).alignment).toBeCloseTo(1.5 * 0.8 * (1 - (3 * 2 + 1) / 4 / 6), 12);
    // it reads the rungs at the start of the month, not moves made during it
    const w = world();
    w.rung[A] = 6;
    w.rung[B] = 6;
    expect(terms(w, C).alignment).toBeCloseTo(0.9, 12);
    setPrev(w, A, 6);
    setPrev(w, B, 6);
    expect(terms(w, C).alignment).toBeCloseTo(0, 12);
  });

  it('add the felt threat after an attack to the security term, and event shocks as they stand', () => {
    const w = world();
    w.felt[C] = 0.2;
    w.shock[C] = -0.75;
    const t = terms(w, C);
    expect(t.security).toBeCloseTo(14 * 0.9 * (0.5 + 0.2) * 0.3, 12);
    expect(t.events).toBe(-0.75);
  });

  it('count only a rival ahead, and the patron at its rung', () => {
    const w = world();
    expect(terms(w, C).rivalry).toBe(0); // C leads its rival D: no fear
    setPrev(w, D, 6);
    expect(terms(w, C).rivalry).toBeCloseTo((4 * 2) / 6, 12);
    expect(terms(w, B).patron).toBeCloseTo((1.5 * 2) / 6, 12); // patron A at 2
  });
});

describe('gates and the listing cap', () => {
  it('caps a country one below its first failing gate, and lifts the cap when the gate opens', () => {
    const w = world();
    expect(gateCap(w, A)).toBe(3);
    expect(gateCap(w, B)).toBe(2);
    w.policy[0] = 0.3;
    reread(w);
    expect(gateCap(w, A)).toBe(6);
    expect(gateCap(w, B)).toBe(6);
  });

  it('holds a listed country at 4 (diplomats, no ambassadors) until it delists', () => {
    const w = world();
    expect(LISTED_CAP).toBe(4);
    expect(gateCap(w, D)).toBe(4);
    w.listed[D] = 0;
    expect(gateCap(w, D)).toBe(6);
    // a lower gate still binds a listed country
    w.listed[B] = 1;
    expect(gateCap(w, B)).toBe(2);
    w.policy[0] = 0.3;
    reread(w);
    expect(gateCap(w, B)).toBe(4);
  });
});

describe('first-mover cost', () => {
  it('is first_mover for recognition and first_mover_ambassador for ambassadors, nothing for other rungs', () => {
    const w = world();
    expect(firstMoverCost(w, A, 6)).toBe(1.5);
    expect(firstMoverCost(w, A, 5)).toBe(0.3);
    for (const r of [0, 1, 2, 3, 4]) expect(firstMoverCost(w, A, r)).toBe(0);
  });

  it('is scaled by (1 − alignment): a state aligned against the West pays less', () => {
    const w = world();
    expect(firstMoverCost(w, C, 6)).toBeCloseTo(1.5 * (1 - 0.8), 12);
    expect(firstMoverCost(w, C, 5)).toBeCloseTo(0.3 * (1 - 0.8), 12);
  });

  it('fades linearly with the weighted share at the rung or above, to 0 at the tipping share', () => {
    const w = world((inp) => {
      inp.params.countries.D!.weight = 0.5; // total weight 3.5
    });
    setPrev(w, D, 6);
    const share = 0.5 / 3.5;
    expect(firstMoverCost(w, A, 6)).toBeCloseTo(1.5 * (1 - share / 0.33), 12);
    expect(firstMoverCost(w, A, 5)).toBeCloseTo(0.3 * (1 - share / 0.33), 12); // a recognizer counts at 5
    expect(firstMoverCost(w, C, 6)).toBeCloseTo(1.5 * 0.2 * (1 - share / 0.33), 12);
    setPrev(w, C, 5); // 1.5 / 3.5 at 5 or above: past the tipping share
    expect(firstMoverCost(w, A, 5)).toBe(0);
    expect(firstMoverCost(w, A, 6)).toBeCloseTo(1.5 * (1 - share / 0.33), 12);
    setPrev(w, B, 6); // 1.5 / 3.5 at 6
    expect(firstMoverCost(w, A, 6)).toBe(0);
  });

  it('is 0 when there is no tipping share', () => {
    const w = world();
    w.params.decision.tipping_share = 0;
    expect(firstMoverCost(w, A, 6)).toBe(0);
  });
});

describe('decide: hazards of moving up', () => {
  // Beta at 1, cap 2 (its gate at 3 is closed), pace 0.5; inertia 0.4, hazard_width 1, uncaused 0.2
  it('rises with the excess over the half-rung plus inertia, at the uncaused pace without a cause', () => {
    const d = decide(world(), B, 2.5, newDecision());
    expect(d.cap).toBe(2);
    expect(d.upTo).toBe(2);
    expect(d.cost).toBe(0);
    expect(d.excess).toBeCloseTo(2.5 - 1.5 - 0.4, 12);
    expect(d.causeUp).toBe(CAUSE.none);
    expect(d.hazardUp).toBeCloseTo(0.5 * 0.6 * 0.2, 12);
    expect(d.shortfall).toBeCloseTo(1 - 0.5 - 2.5 - 0.4, 12);
    expect(d.hazardDown).toBe(0);
    expect(d.hazardDelist).toBe(0);
  });

  it('goes at the full pace with a cause in view, times 1 + precursor_boost after a precursor, at most 1', () => {
    const w = world();
    stamp(w, B, CAUSE.peer);
    const caused = decide(w, B, 2.5, newDecision());
    expect(caused.causeUp).toBe(CAUSE.peer);
    expect(caused.hazardUp).toBeCloseTo(0.5 * 0.6, 12);
    w.precursorAt[B] = w.month - 12; // precursor_window 12: still counts
    const boosted = decide(w, B, 2.5, newDecision());
    expect(boosted.precursor).toBe(true);
    expect(boosted.hazardUp).toBeCloseTo(0.5 * 0.6 * 3, 12);
    expect(decide(w, B, 3.5, newDecision()).hazardUp).toBe(1); // 0.5 × 1 × 3, clamped
    w.precursorAt[B] = w.month - 13;
    expect(decide(w, B, 2.5, newDecision()).precursor).toBe(false);
  });

  it('ramps over hazard_width rungs of excess (a step when it is 0)', () => {
    const w = world();
    stamp(w, B, CAUSE.event);
    w.params.decision.hazard_width = 2;
    expect(decide(w, B, 2.5, newDecision()).hazardUp).toBeCloseTo(0.5 * (0.6 / 2), 12);
    w.params.decision.hazard_width = 0;
    expect(decide(w, B, 1.91, newDecision()).hazardUp).toBe(0.5);
    expect(decide(w, B, 1.9, newDecision()).hazardUp).toBe(0); // excess exactly 0
  });

  it('is 0 at the cap', () => {
    const w = world();
    setPrev(w, B, 2);
    stamp(w, B, CAUSE.peer);
    const d = decide(w, B, 10, newDecision());
    expect(d.upTo).toBe(-1);
    expect(d.excess).toBe(Number.NEGATIVE_INFINITY);
    expect(d.hazardUp).toBe(0);
  });

  it('takes the listed jump 4 → 6 only when the jump’s own excess is positive', () => {
    // Gamma at 4, cap 6; first-mover costs (nobody at 5 or 6): 1.5 × 0.2 = 0.3 at 6, 0.3 × 0.2 = 0.06 at 5
    const w = world();
    const below = decide(w, C, 6.1, newDecision()); // 6.1 − 0.3 − 5.5 − 0.4 = −0.1
    expect(below.upTo).toBe(5);
    expect(below.cost).toBeCloseTo(0.06, 12);
    expect(below.excess).toBeCloseTo(6.1 - 0.06 - 4.5 - 0.4, 12);
    expect(below.hazardUp).toBeCloseTo(0.5 * 1 * 0.2, 12);
    const above = decide(w, C, 6.5, newDecision()); // 6.5 − 0.3 − 5.5 − 0.4 = 0.3 > 0: the jump
    expect(above.upTo).toBe(6);
    expect(above.cost).toBeCloseTo(0.3, 12);
    // the hazard's size comes from the one-rung step, so more drive never lowers it
    expect(above.excess).toBeCloseTo(6.5 - 0.06 - 4.5 - 0.4, 12);
    expect(above.hazardUp).toBeCloseTo(0.5 * 1 * 0.2, 12);
    expect(above.hazardUp).toBeGreaterThanOrEqual(below.hazardUp);
    // from any other rung, one rung at a time
    setPrev(w, C, 3);
    expect(decide(w, C, 20, newDecision()).upTo).toBe(4);
  });

  it('does not jump past the cap: a gate at 6, or the listing', () => {
    const gated = world((inp) => {
      inp.gates.C = [closedGate(6)];
    });
    const d = decide(gated, C, 20, newDecision());
    expect([d.cap, d.upTo]).toEqual([5, 5]);
    const w = world();
    setPrev(w, D, 4); // Delta listed at 4: cap 4
    expect(decide(w, D, 20, newDecision()).upTo).toBe(-1);
    w.listed[D] = 0; // Delta pays the full first-mover cost (alignment 0): 20 − 1.5 − 5.5 − 0.4 > 0
    const free = decide(w, D, 20, newDecision());
    expect(free.upTo).toBe(6);
    expect(free.cost).toBe(1.5);
    expect(decide(w, D, 7.3, newDecision()).upTo).toBe(5); // 7.3 − 1.5 − 5.9 < 0
  });
});

describe('decide: delisting', () => {
  it('is possible at delist_rung with delist_drive, at the pace (uncaused: times uncaused)', () => {
    const w = world();
    setPrev(w, D, 4);
    const d = decide(w, D, 4.5, newDecision());
    expect(d.delist).toBe(true);
    expect(d.hazardDelist).toBeCloseTo(0.5 * 0.2, 12);
    expect(decide(w, D, 4.49, newDecision()).delist).toBe(false);
    stamp(w, D, CAUSE.incident);
    expect(decide(w, D, 4.5, newDecision()).hazardDelist).toBe(0.5);
    setPrev(w, D, 3);
    expect(decide(w, D, 9, newDecision()).delist).toBe(false);
  });

  it('competes with the move up: their hazards sum to at most 1', () => {
    const w = world();
    w.params.decision.delist_rung = 3; // Delta listed at 3 may delist or move up to 4
    stamp(w, D, CAUSE.peer);
    w.precursorAt[D] = w.month;
    const d = decide(w, D, 8, newDecision());
    expect(d.hazardDelist).toBe(0.5);
    expect(d.upTo).toBe(4);
    expect(d.hazardUp).toBe(0.5); // 0.5 × 1 × 3 = 1.5, limited to 1 − 0.5
  });
});

describe('decide: hazards of moving down', () => {
  it('is 0 without a cause in view, whatever the shortfall', () => {
    const d = decide(world(), B, -5, newDecision());
    expect(d.shortfall).toBeCloseTo(1 - 0.5 + 5 - 0.4, 12);
    expect(d.causeDown).toBe(CAUSE.none);
    expect(d.hazardDown).toBe(0);
  });

  it('ramps with the shortfall below the half-rung minus inertia once a cause is in view', () => {
    const w = world();
    stamp(w, B, CAUSE.incident);
    const d = decide(w, B, -0.5, newDecision()); // shortfall 1 − 0.5 + 0.5 − 0.4 = 0.6
    expect(d.causeDown).toBe(CAUSE.incident);
    expect(d.shortfall).toBeCloseTo(0.6, 12);
    expect(d.hazardDown).toBeCloseTo(0.5 * 0.6, 12);
    expect(decide(w, B, -2, newDecision()).hazardDown).toBe(0.5);
    expect(decide(w, B, 0.1, newDecision()).hazardDown).toBe(0); // shortfall 0
    setPrev(w, B, 0);
    expect(decide(w, B, -9, newDecision()).hazardDown).toBe(0); // nowhere to go
  });

  it('asks a recognizer for withdraw_cost more shortfall before it withdraws', () => {
    const w = world();
    stamp(w, C, CAUSE.event);
    setPrev(w, C, 6);
    expect(decide(w, C, 4, newDecision()).hazardDown).toBe(0); // 6 − 0.5 − 4 − 0.4 − 1.5 = −0.4
    expect(decide(w, C, 3, newDecision()).hazardDown).toBeCloseTo(0.5 * 0.6, 12);
    setPrev(w, C, 5);
    expect(decide(w, C, 4, newDecision()).hazardDown).toBeCloseTo(0.5 * 0.1, 12); // no withdraw cost at 5
  });

  it('counts a policy jump only for moves its way: reform up, crackdown down', () => {
    const w = world();
    stamp(w, B, CAUSE.policy);
    w.policyDir = 1;
    const reform = decide(w, B, -0.5, newDecision());
    expect([reform.causeUp, reform.causeDown]).toEqual([CAUSE.policy, CAUSE.none]);
    expect(reform.hazardDown).toBe(0);
    w.policyDir = -1;
    const crackdown = decide(w, B, -0.5, newDecision());
    expect([crackdown.causeUp, crackdown.causeDown]).toEqual([CAUSE.none, CAUSE.policy]);
    expect(crackdown.hazardDown).toBeCloseTo(0.3, 12);
    expect(decide(w, B, 2.5, newDecision()).hazardUp).toBeCloseTo(0.5 * 0.6 * 0.2, 12); // uncaused
  });
});

describe('causes', () => {
  it('stay in view for cause_window months after the month they were seen', () => {
    const w = world();
    stamp(w, A, CAUSE.incident);
    const seen = w.month;
    w.month = seen + 3;
    expect(causeOf(w, A, 1)).toBe(CAUSE.incident);
    expect(causeOf(w, A, -1)).toBe(CAUSE.incident);
    w.month = seen + 4;
    expect(causeOf(w, A, 1)).toBe(CAUSE.none);
    expect(causeOf(w, B, 1)).toBe(CAUSE.none); // stamped for A only
  });

  it('name the most recent one, and on a tie the first in CAUSES', () => {
    const w = world();
    stamp(w, A, CAUSE.peer);
    w.month += 1;
    stamp(w, A, CAUSE.threat);
    expect(causeOf(w, A, 1)).toBe(CAUSE.threat);
    stamp(w, A, CAUSE.event);
    expect(causeOf(w, A, 1)).toBe(CAUSE.event);
  });

  it('precursors count for precursor_window months', () => {
    const w = world();
    expect(precursorActive(w, A)).toBe(false);
    w.precursorAt[A] = w.month;
    w.month += 12;
    expect(precursorActive(w, A)).toBe(true);
    w.month += 1;
    expect(precursorActive(w, A)).toBe(false);
  });

  it('come from the world: a policy jump of policy_shift (with its direction), a threat shock for the exposed', () => {
    const w = world((inp) => {
      inp.params.countries.B!.security = 0;
    });
    w.month += 1;
    w.policy[0] = 0.15 + 0.02; // below policy_shift: noise
    stampWorldCauses(w);
    expect(causeOf(w, A, 1)).toBe(CAUSE.none);
    w.policy[0] = 0.15 - 0.05; // a crackdown
    stampWorldCauses(w);
    expect(w.policyDir).toBe(-1);
    expect(causeOf(w, A, -1)).toBe(CAUSE.policy);
    expect(causeOf(w, A, 1)).toBe(CAUSE.none);
    w.month += 1;
    w.prevPolicy.set(w.policy);
    w.threat = w.prevThreat + 0.15;
    stampWorldCauses(w);
    expect(causeOf(w, A, 1)).toBe(CAUSE.threat);
    expect(causeOf(w, B, 1)).toBe(CAUSE.none); // no exposure to ISK
  });

  it('come from the watched: a peer, rival or patron that moved last month or this month', () => {
    const w = world();
    w.month += 1;
    w.lastChange[A] = w.month - 2;
    stampWorldCauses(w);
    expect(causeOf(w, B, 1)).toBe(CAUSE.none);
    w.lastChange[A] = w.month - 1;
    stampWorldCauses(w);
    expect(causeOf(w, B, 1)).toBe(CAUSE.peer); // B watches A (peer and patron)
    expect(causeOf(w, C, 1)).toBe(CAUSE.none); // C watches D only
    expect(causeOf(w, A, 1)).toBe(CAUSE.none); // A's own move is not news to A
  });

  it('come from the country’s gates opening or closing', () => {
    const w = world();
    w.month += 1;
    stampWorldCauses(w);
    expect(causeOf(w, B, 1)).toBe(CAUSE.none);
    w.policy[0] = 0.2; // B's gate opens
    w.prevPolicy[0] = 0.2; // (as if gradually: no policy jump this month)
    updateVariables(w);
    stampWorldCauses(w);
    expect(causeOf(w, B, 1)).toBe(CAUSE.gate);
    expect(causeOf(w, B, -1)).toBe(CAUSE.gate);
    expect(causeOf(w, A, 1)).toBe(CAUSE.none); // A's gate (0.3) stays closed
    w.month += 1;
    w.policy[0] = 0.1; // and closes again, with a crackdown: both in view, a tie goes to policy
    updateVariables(w);
    stampWorldCauses(w);
    expect(causeOf(w, B, -1)).toBe(CAUSE.policy);
    expect(causeOf(w, B, 1)).toBe(CAUSE.gate);
  });
});

describe('moves and engagement flows', () => {
  /** Beta's gate (3, womens_rights >= 0.2) was read closed at the start, and is open now. */
  function opened(): World {
    const w = world();
    w.policy[0] = 0.25;
    updateVariables(w);
    readGateTests(w);
    noteGates(w, B);
    return w;
  }

  it('earn an upgrade through a gate that is open now and had been closed', () => {
    const w = opened();
    w.rung[B] = 2;
    recordMove(w, B, 3, CAUSE.gate, false);
    expect(w.moves).toEqual([
      { date: '2021-08', country: 'B', from: 2, to: 3, cause: 'gate', forced: false, earned: true },
    ]);
    expect(w.log!.at(-1)!.what).toBe('moves from rung 2 to 3 (cause: gate, earned)');
    expect(w.flowEarned).toBe(0.25);
    expect(w.flowUnearned).toBe(0);
    expect(w.lastChange[B]).toBe(w.month);
  });

  it('do not earn an upgrade that does not reach the gate, nor one through a gate never closed', () => {
    const w = opened();
    recordMove(w, B, 2, CAUSE.none, false); // 1 → 2: the gate is at 3
    expect(w.moves.at(-1)!.earned).toBe(false);
    expect(w.flowUnearned).toBe(0.25);
    w.rung[B] = 3; // already past the gate: 3 → 4 does not cross it
    recordMove(w, B, 4, CAUSE.gate, false);
    expect(w.moves.at(-1)!.earned).toBe(false);
    expect([w.flowEarned, w.flowUnearned]).toEqual([0, 0.5]);
    const always = world((inp) => {
      inp.initial.policy.womens_rights = 0.25; // open from the first reading
      inp.initial.rung.B = 2;
    });
    recordMove(always, B, 3, CAUSE.peer, false);
    expect(always.moves.at(-1)!.earned).toBe(false);
    expect([always.flowEarned, always.flowUnearned]).toEqual([0, 0.25]);
  });

  it('earn a listed jump over a gate at the rung it skips, for both rungs', () => {
    const w = world((inp) => {
      inp.gates.C = [{ ...closedGate(5), test: (v) => v[0]! >= 0.2 }];
    });
    w.policy[0] = 0.25;
    updateVariables(w);
    readGateTests(w);
    noteGates(w, C);
    recordMove(w, C, 6, CAUSE.gate, false);
    expect(w.moves.at(-1)).toMatchObject({ from: 4, to: 6, earned: true });
    expect(w.flowEarned).toBe(0.5);
    recordMove(w, C, 5, CAUSE.event, false); // withdraws one earned rung
    expect(w.flowEarned).toBe(0.25);
  });

  it('withdraw on a downgrade what the lost rungs added, from the flow each came from', () => {
    const w = opened();
    w.rung[B] = 2;
    recordMove(w, B, 3, CAUSE.gate, false); // earned: +0.25
    recordMove(w, B, 2, CAUSE.policy, false); // its earned rung withdrawn
    expect([w.flowEarned, w.flowUnearned]).toEqual([0, 0]);
    recordMove(w, B, 3, CAUSE.gate, false); // earned again
    applyEffect(w, { kind: 'rung', country: 'B', to: 0 }); // 3 earned, 2 and 1 as the run found them
    expect(w.flowEarned).toBe(0);
    expect(w.flowUnearned).toBe(-0.5);
    expect(w.moves.at(-1)).toEqual({
      date: '2021-08',
      country: 'B',
      from: 3,
      to: 0,
      cause: 'event',
      forced: true,
      earned: false,
    });
  });

  it('record nothing for a move to the same rung', () => {
    const w = world();
    recordMove(w, A, 2, CAUSE.peer, false);
    expect(w.moves).toEqual([]);
    expect(w.lastChange[A]).toBe(-1e9);
  });
});

describe('events', () => {
  it('force a rung, clamped to the ladder, as a move caused by the event that feeds the flows', () => {
    const w = world();
    applyEffect(w, { kind: 'rung', country: 'A', to: 9.4 });
    expect(w.rung[A]).toBe(6);
    expect(w.moves.at(-1)).toMatchObject({ country: 'A', from: 2, to: 6, cause: 'event', forced: true });
    expect(w.log!.at(-1)!.what).toBe('is moved from rung 2 to 6 (cause: event)');
    expect(w.flowUnearned).toBe(0.25 * 4);
    expect(causeOf(w, A, -1)).toBe(CAUSE.event);
    applyEffect(w, { kind: 'rung', country: 'A', to: -2 });
    expect(w.rung[A]).toBe(0);
    expect(w.flowUnearned).toBe(0.25 * (4 - 6));
    applyEffect(w, { kind: 'rung', country: 'nobody', to: 3 }); // unknown countries are ignored
    expect(w.moves.length).toBe(2);
  });

  it('delisting by event is a precursor; precursor, incident and attack effects stamp their causes', () => {
    const w = world();
    applyEffect(w, { kind: 'listed', country: 'D', to: false });
    expect(w.listed[D]).toBe(0);
    expect(precursorActive(w, D)).toBe(true);
    expect(causeOf(w, D, 1)).toBe(CAUSE.event);
    applyEffect(w, { kind: 'listed', country: 'A', to: true }); // listing is no precursor
    expect(precursorActive(w, A)).toBe(false);
    applyEffect(w, { kind: 'precursor', country: 'B' });
    expect([precursorActive(w, B), causeOf(w, B, 1)]).toEqual([true, CAUSE.precursor]);
    applyEffect(w, { kind: 'incident', country: 'C' });
    expect([w.shock[C], causeOf(w, C, -1)]).toEqual([-1, CAUSE.incident]);
    const hit = world();
    applyEffect(hit, { kind: 'attack', country: 'C' });
    expect([hit.felt[C], causeOf(hit, C, -1)]).toEqual([0.08, CAUSE.threat]);
    expect(hit.log!.at(-1)).toEqual({
      date: '2021-08',
      actor: 'C',
      what: 'is hit by an ISK mass-casualty attack',
    });
  });
});

/** Whether every hazard of country i is 0 whatever the causes, by decide's own terms: no delisting in
 * reach, the drive short of the step up and of the step down. */
function holds(w: World, i: number, drive: number): boolean {
  const d = decide(w, i, drive, newDecision());
  return !d.delist && d.excess <= 0 && d.shortfall <= 0;
}

/** A fixture country, the rung it stands at and whether it is listed, for the shortcuts' properties. */
const aCountry = {
  i: fc.integer({ min: 0, max: 3 }),
  rung: fc.integer({ min: 0, max: 6 }),
  listed: fc.boolean(),
};

describe('the shortcuts of an ensemble’s runs: surelyHolds (the holding band) and surelyStays', () => {
  it('says a country holds only where holds says so, right up to each threshold, and says it well inside', () => {
    fc.assert(
      fc.property(
        fc.record({
          ...aCountry,
          womensRights: fc.constantFrom(0.1, 0.35),
          inertia: fc.double({ min: 0, max: 3, noNaN: true }),
          withdraw: fc.double({ min: 0, max: 4, noNaN: true }),
          firstMover: fc.double({ min: 0, max: 5, noNaN: true }),
          tipping: fc.double({ min: 0, max: 1, noNaN: true }),
          delistRung: fc.integer({ min: 0, max: 6 }),
          delistDrive: fc.double({ min: -2, max: 8, noNaN: true }),
          // a drive at a threshold, a few ulps or a hair off it, or anywhere
          near: fc.integer({ min: 0, max: 3 }),
          off: fc.oneof(
            fc.integer({ min: -8, max: 8 }).map((k) => k * 2 ** -50),
            fc.double({ min: -1e-8, max: 1e-8, noNaN: true }),
          ),
          anywhere: fc.double({ min: -20, max: 20, noNaN: true }),
        }),
        (x) => {
          const w = world((inp) => {
            const d = inp.params.decision;
            d.inertia = x.inertia;
            d.withdraw_cost = x.withdraw;
            d.first_mover = x.firstMover;
            d.first_mover_ambassador = x.firstMover / 2;
            d.tipping_share = x.tipping;
            d.delist_rung = x.delistRung;
            d.delist_drive = x.delistDrive;
          });
          w.policy[0] = x.womensRights;
          reread(w);
          w.listed[x.i] = x.listed ? 1 : 0;
          setPrev(w, x.i, x.rung);
          const d = w.params.decision;
          const cost = firstMoverCost(w, x.i, x.rung + 1);
          const at = [
            x.rung - 0.5 - d.inertia - (x.rung === 6 ? d.withdraw_cost : 0),
            cost + x.rung + 0.5 + d.inertia,
            d.delist_drive,
            0,
          ];
          const drive = x.near < 3 ? at[x.near]! + x.off : x.anywhere;
          if (surelyHolds(w, x.i, drive)) expect(holds(w, x.i, drive)).toBe(true);
          // halfway between the thresholds, when they are a rung apart, it says so itself
          const [lo, hi] = [
            at[0]!,
            Math.min(at[1]!, x.listed && x.rung >= d.delist_rung ? d.delist_drive : Infinity),
          ];
          if (x.rung > 0 && x.rung < gateCap(w, x.i) && hi - lo > 1)
            expect(surelyHolds(w, x.i, (lo + hi) / 2)).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('surelyStays: never where the draw is below the sum of the hazards decide finds, whatever the causes', () => {
    fc.assert(
      fc.property(
        fc.record({
          ...aCountry,
          cause: fc.constantFrom(-1, CAUSE.peer, CAUSE.event, CAUSE.incident),
          precursor: fc.boolean(),
          uncaused: fc.double({ min: 0, max: 1, noNaN: true }),
          boost: fc.double({ min: 0, max: 3, noNaN: true }),
          drive: fc.double({ min: -4, max: 12, noNaN: true }),
          u: fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true }),
        }),
        (x) => {
          const w = world((inp) => {
            Object.assign(inp.params.decision, {
              uncaused: x.uncaused,
              precursor_boost: x.boost,
              delist_rung: 2,
            });
          });
          w.listed[x.i] = x.listed ? 1 : 0;
          setPrev(w, x.i, x.rung);
          if (x.cause >= 0) stamp(w, x.i, x.cause);
          if (x.precursor) w.precursorAt[x.i] = w.month;
          const d = decide(w, x.i, x.drive, newDecision());
          const sum = d.hazardDelist + d.hazardUp + d.hazardDown;
          if (surelyStays(w, x.i, x.drive, x.u)) expect(x.u).toBeGreaterThanOrEqual(sum);
          // a draw past the largest the hazards could be, and every hazard 0: it says so itself
          if (
            x.u >= 3.01 * (1 + x.boost) * w.countries.reviewRate[x.i]! ||
            (sum === 0 && holds(w, x.i, x.drive))
          )
            expect(surelyStays(w, x.i, x.drive, x.u)).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 14 },
    );
    // right at the sum: the bound is the sum when every cause is in view (uncaused 1, no boost)
    const w = world((inp) => {
      Object.assign(inp.params.decision, { uncaused: 1, precursor_boost: 0 });
    });
    stamp(w, B, CAUSE.event);
    for (const drive of [2.1, 2.5, 2.9, 3.3]) {
      const d = decide(w, B, drive, newDecision());
      const sum = d.hazardDelist + d.hazardUp + d.hazardDown;
      expect(sum).toBeGreaterThan(0);
      expect(surelyStays(w, B, drive, sum)).toBe(true);
      expect(surelyStays(w, B, drive, sum - 2 ** -52)).toBe(false);
    }
  });

  it('keeps a margin: just below a threshold as summed one way, the other way may already be past it', () => {
    // Gamma at 4: the step up to ambassadors costs first_mover_ambassador × (1 − alignment) × …
    const w = world();
    setPrev(w, C, 4);
    const d = w.params.decision;
    let traps = 0;
    for (let k = 0; k < 20_000; k++) {
      d.inertia = (k % 200) * 0.0151;
      d.first_mover_ambassador = Math.floor(k / 200) * 0.0173;
      noteRungs(w); // as setParam does after a change of the decision parameters
      const hi = firstMoverCost(w, C, 5) + 4.5 + d.inertia;
      for (let ulps = 1; ulps <= 4; ulps++) {
        const drive = hi - ulps * Number.EPSILON * hi;
        if (holds(w, C, drive)) continue;
        traps++; // drive < hi, yet holds' own sum puts it past the threshold
        expect(surelyHolds(w, C, drive)).toBe(false);
      }
    }
    expect(traps).toBeGreaterThan(0);
  });

  it('is worked out again when the rung, the cap, the listing, another’s rung or a parameter changes', () => {
    const w = world((inp) => {
      Object.assign(inp.params.decision, { delist_rung: 2, delist_drive: 2 });
    });
    // Beta at rung 1, cap 2 (its gate at 3 closed): holds between 0.5 − inertia and 1.5 + inertia
    const { inertia } = w.params.decision;
    expect(gateCap(w, B)).toBe(2);
    expect(surelyHolds(w, B, 1.5 + inertia - 0.01)).toBe(true);
    setPrev(w, B, 2); // its rung: at its cap, no step up to reach
    expect(surelyHolds(w, B, 50)).toBe(true);
    w.policy[0] = 0.3; // its cap: the gate opens, the step up to 3 is there again
    reread(w);
    expect(surelyHolds(w, B, 50)).toBe(false);
    expect(surelyHolds(w, B, 2.2)).toBe(true);
    // its listing, by an event (no noteRungs): delisting is in reach from a drive of 2 at rung 2
    applyEffect(w, { kind: 'listed', country: 'B', to: true });
    expect(surelyHolds(w, B, 2 - 1e-6)).toBe(true);
    expect(surelyHolds(w, B, 2.2)).toBe(false);
    expect(holds(w, B, 2.2)).toBe(false);
    // another's rung: Gamma at 4 pays less to be the first ambassador once Delta is one
    setPrev(w, C, 4);
    const before = firstMoverCost(w, C, 5) + 4.5 + inertia;
    const drive = before - 0.01;
    expect(surelyHolds(w, C, drive)).toBe(true);
    w.listed[D] = 0;
    setPrev(w, D, 5);
    expect(firstMoverCost(w, C, 5) + 4.5 + inertia).toBeLessThan(drive);
    expect(surelyHolds(w, C, drive)).toBe(false);
    expect(holds(w, C, drive)).toBe(false);
    // a parameter, by an event: more inertia widens the band
    applyEffect(w, { kind: 'param', path: ['decision', 'inertia'], to: inertia + 1 });
    expect(surelyHolds(w, C, drive)).toBe(true);
  });
});

describe('the countries’ step', () => {
  it('splits one uniform between delisting, moving up and moving down (competing risks)', () => {
    // Delta at 4, listed, drive ≈ 7: may only delist, at 0.5 × 0.2 (no cause) = 0.1
    const setup = () =>
      world((inp) => {
        inp.initial.rung.D = 4;
      });
    const w = quiet(setup());
    w.streams.countries[D] = fixed(0.0999, 0.99);
    stepCountries(w);
    expect(w.decisions[D]!.hazardDelist).toBeCloseTo(0.1, 12);
    expect(w.listed[D]).toBe(0);
    expect(w.rung[D]).toBe(4); // one step a month
    expect(precursorActive(w, D)).toBe(true);
    expect(causeOf(w, D, 1)).toBe(CAUSE.precursor);
    const v = quiet(setup());
    v.streams.countries[D] = fixed(0.1001, 0.99);
    stepCountries(v);
    expect(v.listed[D]).toBe(1);
  });

  it('moves up with u below the up-hazard, down with u in the next slice, and down only with a cause', () => {
    // Beta (drive 2.5391667, rung 1, cap 2): up-hazard 0.5 × 0.6391667 × 0.2
    const hUp = 0.5 * (2.5391666666666666 - 1.9) * 0.2;
    for (const [u, rung] of [
      [hUp - 1e-6, 2],
      [hUp + 1e-6, 1],
    ] as const) {
      const w = quiet(world());
      w.streams.countries[B] = fixed(u, 0.99);
      stepCountries(w);
      expect(w.decisions[B]!.hazardUp).toBeCloseTo(hUp, 12);
      expect(w.rung[B]).toBe(rung);
    }
    // Alpha (drive 0.0408, rung 2): shortfall 1.06, hazard 0.5 once a cause is in view
    const still = quiet(world());
    still.streams.countries[A] = fixed(1e-9, 0.99);
    stepCountries(still);
    expect(still.rung[A]).toBe(2);
    for (const [u, rung] of [
      [0.4999, 1],
      [0.5001, 2],
    ] as const) {
      const w = quiet(world());
      stamp(w, A, CAUSE.event);
      w.streams.countries[A] = fixed(u, 0.99);
      stepCountries(w);
      expect(w.decisions[A]!.hazardDown).toBe(0.5);
      expect(w.rung[A]).toBe(rung);
      expect(w.moves).toEqual(
        rung === 1
          ? [{ date: '2021-08', country: 'A', from: 2, to: 1, cause: 'event', forced: false, earned: false }]
          : [],
      );
    }
  });

  it('strikes only a country exposed to harboured militants, at incident_rate × harboured × (1 − ct)', () => {
    const p = 0.06 * 0.6 * (1 - 0.3);
    for (const [v, struck] of [
      [p - 1e-9, true],
      [p + 1e-9, false],
    ] as const) {
      const w = world();
      for (let i = 0; i < 4; i++) w.streams.countries[i] = fixed(0.99, v);
      stepCountries(w);
      const hits = w.log!.filter((e) => e.what.includes('militants')).map((e) => e.actor);
      expect(hits).toEqual(struck ? ['D'] : []);
      // the shock lands in this month's drive in full
      const drive = w.drive[D];
      // the terms as they stand after the step (the shock faded)
      const t = new Float64Array(w.countries.ids.length * DRIVE_TERMS.length);
      drives(w, t);
      // the incident counts in full in the drive of its month, then fades by shock_persistence
      expect(t[D * DRIVE_TERMS.length + DRIVE_TERMS.indexOf('events')]).toBeCloseTo(
        struck ? -1 * w.params.decision.shock_persistence : 0,
        12,
      );
      expect(drive).toBeCloseTo(6.724166666666667 - (struck ? 1 : 0), 12);
      if (struck) expect(causeOf(w, D, -1)).toBe(CAUSE.incident);
    }
    // nobody else, however small the draw; and no incident at full counter-terrorism cooperation
    const w = world();
    w.policy[1] = 1;
    w.prevPolicy[1] = 1;
    for (let i = 0; i < 4; i++) w.streams.countries[i] = fixed(0.99, 1e-12);
    stepCountries(w);
    expect(w.log!.filter((e) => e.what.includes('militants'))).toEqual([]);
  });

  it('strikes before any country decides, logs each country’s incident before its move, and no incident reaches another country', () => {
    const run = (deltaStruck: boolean) => {
      const w = world((inp) => {
        inp.params.countries.B!.harboured = 0.6;
      });
      // every hazard fires (u tiny); B and D struck, or B alone
      for (let i = 0; i < 4; i++) w.streams.countries[i] = fixed(1e-9, i === D && !deltaStruck ? 0.99 : 1e-9);
      stepCountries(w);
      return w;
    };
    const w = run(true);
    const ids = w.countries.ids;
    const struck = w.log!.filter((e) => e.what.includes('militants')).map((e) => e.actor);
    expect(struck).toEqual([ids[B], ids[D]]);
    // the log country by country, in order; a country's incident before its move
    const order = w.log!.map((e) => ids.indexOf(e.actor));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const id of struck) expect(w.log!.find((e) => e.actor === id)!.what).toContain('militants');
    expect(w.moves.length).toBeGreaterThan(0);
    // D's incident changes nothing of B's: its drive, rung and log the same with D spared
    const spared = run(false);
    expect(spared.drive[B]).toBe(w.drive[B]);
    expect(spared.rung[B]).toBe(w.rung[B]);
    expect(spared.log!.filter((e) => e.actor === ids[B])).toEqual(w.log!.filter((e) => e.actor === ids[B]));
  });

  it('remembers the month’s flows with decay: E ← memory·E + flow', () => {
    const w = quiet(world());
    w.earned = 1;
    w.unearned = 2;
    w.flowEarned = 0.25;
    stepCountries(w);
    expect(w.earned).toBeCloseTo(0.9 * 1 + 0.25, 12);
    expect(w.unearned).toBeCloseTo(0.9 * 2, 12);
    expect([w.flowEarned, w.flowUnearned]).toEqual([0, 0]);
  });
});

describe('ISK threat', () => {
  it('sends attacks abroad to countries in proportion to their security exposure', () => {
    const w = world((inp) => {
      inp.params.countries.B!.security = 0;
      Object.assign(inp.params.threat, { mean: 0.5, reversion: 0, volatility: 0, attack_rate: 1 });
      inp.initial.threat = 1; // attack probability min(1, 1 × 1 / 0.5): every month
      inp.seed = 'targets';
    });
    const N = 20000;
    for (let k = 0; k < N; k++) stepThreat(w);
    const hits = { A: 0, B: 0, C: 0, D: 0 } as Record<string, number>;
    for (const e of w.log!) hits[e.actor]!++;
    expect(w.log!.length).toBe(N);
    const total = 0.5 + 0.9 + 0.8;
    expect(hits.B).toBe(0);
    expect(Math.abs(hits.A! / N - 0.5 / total)).toBeLessThan(0.01); // s.e. ≈ 0.003
    expect(Math.abs(hits.C! / N - 0.9 / total)).toBeLessThan(0.01);
    expect(Math.abs(hits.D! / N - 0.8 / total)).toBeLessThan(0.01);
  });

  it('attacks at attack_rate × threat / mean a month', () => {
    const w = world((inp) => {
      Object.assign(inp.params.threat, { reversion: 0, volatility: 0 });
      inp.initial.threat = 0.3; // 0.08 × 0.3 / 0.6 = 0.04
      inp.seed = 'rate';
    });
    const N = 20000;
    let attacks = 0;
    for (let k = 0; k < N; k++) {
      stepThreat(w);
      attacks += w.attacks;
    }
    expect(Math.abs(attacks / N - 0.04)).toBeLessThan(0.005); // s.e. ≈ 0.0014
  });

  it('an attack raises the felt threat of the country hit, which decays with the reversion', () => {
    const w = world();
    attack(w, C);
    expect(w.felt[C]).toBe(0.08);
    expect(causeOf(w, C, 1)).toBe(CAUSE.threat);
    w.streams.threat = fixed(0.5, 0.5, 0.99);
    stepThreat(w); // u = 0.5: no attack (rate 0.08 × h / 0.6)
    expect(w.attacks).toBe(0);
    expect(w.felt[C]).toBeCloseTo(0.08 * 0.9, 15);
  });
});

describe('finiteness check', () => {
  it('names the variable and the month of the first non-finite value', () => {
    const w = world();
    expect(() => checkFinite(w)).not.toThrow();
    w.felt[C] = Number.POSITIVE_INFINITY;
    expect(() => checkFinite(w)).toThrow(new NonFiniteError('felt', '2021-08'));
    w.felt[C] = 0;
    w.earned = Number.NaN;
    try {
      checkFinite(w);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteError);
      expect(e).toMatchObject({ name: 'NonFiniteError', variable: 'earned', date: '2021-08' });
      expect((e as Error).message).toBe('non-finite earned at 2021-08');
    }
  });

  it('finds a NaN in every field and number it covers, alone', () => {
    for (const field of FIELDS) {
      const w = world();
      const a = w[field];
      a[a.length - 1] = Number.NaN;
      expect(() => checkFinite(w)).toThrow(new NonFiniteError(field, '2021-08'));
    }
    for (const field of SCALARS) {
      const w = world();
      w[field] = Number.NaN;
      expect(() => checkFinite(w)).toThrow(new NonFiniteError(field, '2021-08'));
    }
  });

  it('passes huge finite values whose sum overflows, and finds infinities that cancel in a sum', () => {
    const w = world();
    w.drive[A] = Number.MAX_VALUE;
    w.shock[B] = Number.MAX_VALUE;
    expect(() => checkFinite(w)).not.toThrow();
    w.drive[A] = Number.POSITIVE_INFINITY;
    w.shock[B] = Number.NEGATIVE_INFINITY;
    expect(() => checkFinite(w)).toThrow(new NonFiniteError('drive', '2021-08'));
  });
});

describe('UN', () => {
  it('acts only in December: defers credentials while a Western P5 member stands below the P3 rung', () => {
    const w = world(undefined, '2021-11');
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
  it("draw seedrandom's tychei seeded by the hashed (seed, labels), value for value", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (seed, label) => {
        const ours = createStream(seed, 'country', label);
        const reference = tychei(streamSeed(seed, 'country', label));
        for (let k = 0; k < 200; k++) expect(ours.double()).toBe(reference.double());
      }),
      { numRuns: 200 },
    );
    // normals: Box–Muller on the same uniforms, the second half kept for the next call
    const ours = createStream('42', 'factions');
    const reference = tychei(streamSeed('42', 'factions'));
    for (let k = 0; k < 100; k++) {
      const r = Math.sqrt(-2 * Math.log(reference.double()));
      const theta = 2 * Math.PI * reference.double();
      expect(ours.normal()).toBe(r * Math.cos(theta));
      expect(ours.normal()).toBe(r * Math.sin(theta));
    }
  });

  it('seeded anew in place (a reused world) draw as a new stream, a kept normal dropped', () => {
    const used = createStream('1', 'factions');
    used.normal(); // the second half of the pair is kept for the next call
    const again = reseed(used, '42', 'country', 'US');
    expect(again).toBe(used);
    const fresh = createStream('42', 'country', 'US');
    for (let k = 0; k < 50; k++) expect(again.normal()).toBe(fresh.normal());
    for (let k = 0; k < 50; k++) expect(again.double()).toBe(fresh.double());
    // a stream that is not one of ours (a test's fixed draws) is replaced
    const fixedDraws = fixed(0.5);
    expect(reseed(fixedDraws, '42', 'country', 'US')).not.toBe(fixedDraws);
  });

  it('give each label its own sequence', () => {
    const a = createStream('42', 'country', 'A').double();
    expect(createStream('42', 'country', 'B').double()).not.toBe(a);
    expect(createStream('43', 'country', 'A').double()).not.toBe(a);
    expect(streamSeed('4', '2country')).not.toBe(streamSeed('42', 'country'));
  });
});
