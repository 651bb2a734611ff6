// Whole runs on the fixture world: the schedule, determinism, common random numbers, a regression pin,
// invariants under many seeds, and the finiteness check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveGates, plainGates } from '../../src/ensemble/input.js';
import { updateVariables } from '../../src/model/aggregates.js';
import { bindingGate, gateCap, LISTED_CAP, surelyHolds, surelyStays } from '../../src/model/countries.js';
import {
  conditionVariables,
  createWorld,
  DIMENSIONS,
  FACTIONS,
  formatMonth,
  MAX_RUNG,
  type ModelInput,
  NonFiniteError,
  parseMonth,
  type SimResult,
  simulate,
  WORLD_VARIABLES,
} from '../../src/model/index.js';
import { shipped } from '../behaviour/fixture.js';
import { input, params } from './fixture.js';

const NF = FACTIONS.length;
const ND = DIMENSIONS.length;

const rungPath = (r: SimResult, c: number) =>
  Array.from({ length: r.months.length }, (_, m) => r.rung[m * r.countries.length + c]!);

/** The fixture with the three faction mechanisms off: nothing the countries do reaches the factions,
 * so power, policy and the ISK threat run on their own streams alone. */
function detached(seed: string, edit?: (inp: ModelInput) => void): ModelInput {
  const inp = input(seed);
  const m = inp.params.mechanisms;
  m.reform_rewarded.enabled = false;
  m.emboldening.enabled = false;
  m.isolation_crackdown.enabled = false;
  edit?.(inp);
  return inp;
}

describe('simulate', () => {
  it('runs every month from start to end inclusive, starting from the initial state', () => {
    const r = simulate(input());
    expect(r.months.length).toBe(113);
    expect(r.months[0]).toBe('2021-08');
    expect(r.months.at(-1)).toBe('2030-12');
    expect(Array.from(r.rung.slice(0, 4))).toEqual([2, 1, 4, 3]);
    expect(Array.from(r.listed.slice(0, 4))).toEqual([0, 0, 0, 1]);
    expect(Array.from(r.power.slice(0, 3))).toEqual([0.5, 0.35, 0.15]);
    expect(r.drive[3]).toBeCloseTo(6.724166666666667, 12); // Delta's drive, worked out in submodels.test
  });

  // A regression pin: any change to the equations or the draws moves these, and must do so on purpose.
  it('gives these exact values for the fixture under seed 42', () => {
    const r = simulate(input('42'));
    expect(Array.from(r.rung.slice(-4))).toEqual([1, 2, 6, 6]);
    expect(Array.from(r.listed.slice(-4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.power.slice(-3), (x) => x.toFixed(12))).toEqual([
      '0.869997556300',
      '0.068138641971',
      '0.061863801729',
    ]);
    expect(r.drive.at(-1)!.toFixed(12)).toBe('7.688829609177');
    const move = (date: string, country: string, from: number, to: number, cause: string) => ({
      date,
      country,
      from,
      to,
      cause,
      forced: false,
      earned: false,
    });
    expect(r.moves).toEqual([
      move('2021-09', 'C', 4, 6, 'none'), // the listed jump, at the uncaused pace
      move('2021-10', 'D', 3, 4, 'peer'), // its rival C moved
      move('2022-01', 'B', 1, 2, 'none'),
      move('2022-02', 'A', 2, 1, 'peer'), // a downgrade needs a cause: B moved last month
      move('2025-08', 'D', 4, 6, 'precursor'), // the month after it delisted
    ]);
    expect(r.log.find((e) => e.what.includes('terrorist list'))).toEqual({
      date: '2025-07',
      actor: 'D',
      what: 'removes the Taliban from its terrorist list',
    });
  });

  it('gives identical results for the same seed and different ones for another', () => {
    const a = simulate(input('7'));
    const b = simulate(input('7'));
    expect(b).toEqual(a); // every trajectory, the moves and the log
    const c = simulate(input('8'));
    expect(Array.from(c.policy)).not.toEqual(Array.from(a.policy));
    expect(Array.from(c.threat)).not.toEqual(Array.from(a.threat));
  });

  it('keeps invariants under many seeds, with a forced rung: the ladder, shares, moves one rung at a time', () => {
    const ids = ['A', 'B', 'C', 'D'];
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 112 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: MAX_RUNG }),
        (seed, month, country, to) => {
          const inp = input(seed);
          const at = formatMonth(parseMonth(inp.start) + month);
          inp.events = [{ at, label: 'forced', effects: [{ kind: 'rung', country: ids[country]!, to }] }];
          const r = simulate(inp);
          const n = r.countries.length;
          const jumps = new Set(inp.params.decision.jumps.map((j) => `${j.from}>${j.to}`));
          // the fixture's gates read womens_rights >= t at or above their rung
          const threshold = (id: string, rung: number) =>
            Math.max(
              -1,
              ...inp.params.countries[id]!.gates.filter((g) => g.rung <= rung).map((g) =>
                Number(/>= ([\d.]+)/.exec(g.when)![1]),
              ),
            );
          const broken: string[] = [];
          // the moves replay the rung trajectories exactly
          const replay = Int8Array.from(r.rung.slice(0, n));
          let k = 0;
          for (let m = 0; m < r.months.length; m++) {
            while (k < r.moves.length && r.moves[k]!.date === r.months[m]) {
              const mv = r.moves[k++]!;
              const c = r.countries.indexOf(mv.country);
              if (replay[c] !== mv.from) broken.push(`${mv.date} ${mv.country}: from ${mv.from}`);
              replay[c] = mv.to;
              const up = mv.to > mv.from;
              if (mv.forced) {
                if (mv.cause !== 'event' || mv.date !== at || mv.country !== ids[country])
                  broken.push(`${mv.date}: stray forced move ${JSON.stringify(mv)}`);
                continue;
              }
              if (!up && mv.cause === 'none') broken.push(`${mv.date}: uncaused downgrade of ${mv.country}`);
              if (Math.abs(mv.to - mv.from) !== 1 && !(up && jumps.has(`${mv.from}>${mv.to}`)))
                broken.push(`${mv.date}: ${mv.country} ${mv.from} -> ${mv.to}`);
              // policy recorded at month m is what the gates read when the country moved
              if (up && r.policy[m * ND]! < threshold(mv.country, mv.to))
                broken.push(`${mv.date}: ${mv.country} climbed through a closed gate to ${mv.to}`);
              // listing (as it stood at the start of the month) caps the move at 4
              if (up && mv.to > 4 && r.listed[(m - 1) * n + c])
                broken.push(`${mv.date}: listed ${mv.country} to ${mv.to}`);
            }
            for (let c = 0; c < n; c++)
              if (replay[c] !== r.rung[m * n + c]) broken.push(`${r.months[m]}: ${r.countries[c]} replay`);
            let sum = 0;
            for (let f = 0; f < NF; f++) {
              const p = r.power[m * NF + f]!;
              if (p < inp.params.power.floor - 1e-12) broken.push(`${m}: share ${p} below floor`);
              sum += p;
            }
            if (Math.abs(sum - 1) > 1e-12) broken.push(`${m}: shares sum to ${sum}`);
            for (let d = 0; d < ND; d++) {
              const y = r.policy[m * ND + d]!;
              if (!(y >= 0 && y <= 1)) broken.push(`${m}: policy ${y}`);
            }
            if (!(r.threat[m]! >= 0 && r.threat[m]! <= 1)) broken.push(`${m}: threat ${r.threat[m]}`);
            for (let c = 0; c < n; c++) {
              const rung = r.rung[m * n + c]!;
              if (!(rung >= 0 && rung <= MAX_RUNG)) broken.push(`${m}: rung ${rung}`);
            }
          }
          expect(broken).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('never gives a downgrade without a cause, nor an incident to a country not exposed, over many seeds', () => {
    let downs = 0;
    for (let s = 0; s < 40; s++) {
      const r = simulate(input(`down/${s}`));
      for (const mv of r.moves) {
        if (mv.to < mv.from) {
          downs++;
          expect(mv.cause).not.toBe('none');
        }
      }
      for (const e of r.log) if (e.what.includes('militants')) expect(e.actor).toBe('D');
    }
    expect(downs).toBeGreaterThan(0); // the invariant was exercised
  });

  it('never lets a country climb through a gate that stays closed', () => {
    const inp = input('3');
    inp.gates.C = [{ rung: 5, when: 'false', program: { op: 'bool', value: false }, test: () => false }];
    inp.params.countries.C!.review_rate = 1;
    const r = simulate(inp);
    const c = r.countries.indexOf('C');
    expect(Math.max(...rungPath(r, c))).toBe(4);
    // and without the gate the same country does climb past it
    expect(Math.max(...rungPath(simulate(input('3')), c))).toBeGreaterThan(4);
  });

  it("decides on the month's snapshot: the cap from the gates as read, the shared sums as each country's own", () => {
    let months = 0;
    let capped = 0;
    // one input changes the countries' weights mid-run (a param event derives a new country table)
    const reweighed = input('7', {
      events: [
        {
          at: '2024-01',
          label: 'reweighed',
          effects: [{ kind: 'param', path: ['countries', 'C', 'weight'], to: 3 }],
        },
      ],
    });
    for (const inp of [...['1', '2', '3', '4', '5', '6'].map((seed) => input(seed)), reweighed]) {
      simulate(inp, (w) => {
        months++;
        const c = w.countries;
        let west = 0;
        for (let i = 0; i < c.ids.length; i++) {
          const gate = bindingGate(w, i);
          const cap = gate ? gate.rung - 1 : MAX_RUNG;
          expect(gateCap(w, i)).toBe(w.listed[i] ? Math.min(cap, LISTED_CAP) : cap);
          if (gate) capped++;
          if (c.west[i]) west += c.weight[i]! * w.prevRung[i]!;
          // the neighbours' sums the drive reads
          let gap = 0;
          for (const r of c.rivals[i]!) gap = Math.max(gap, w.prevRung[r]! - w.prevRung[i]!);
          expect(w.rivalGap[i]).toBe(gap);
          let peerSum = 0;
          for (const p of c.peers[i]!) peerSum += w.prevRung[p]!;
          expect(w.peerSum[i]).toBe(peerSum);
        }
        expect(w.westMean).toBe(west / c.westWeight);
        for (let r = 0; r <= MAX_RUNG; r++) {
          let at = 0;
          for (let k = 0; k < c.ids.length; k++) if (w.prevRung[k]! >= r) at += c.weight[k]!;
          expect(w.weightAtOrAbove[r]).toBe(at);
        }
      });
    }
    expect(months).toBeGreaterThan(100);
    expect(capped).toBeGreaterThan(0);
  });

  it('skips the decision of a country that surely holds or stays only when nothing reads it, to the same run', () => {
    // wherever surelyHolds says so, every hazard decide() works out is 0; wherever surelyStays says
    // so, the month's draw is at or above their sum: no move
    let held = 0;
    let stayed = 0;
    let decided = 0;
    const inputs = [
      ...['1', '2', '3'].map((seed) => input(seed)),
      ...['baseline', 'reform-before-recognition', 'western-isolation', 'china-recognizes'].flatMap((name) =>
        ['4', '5'].map((seed) => ({ ...shipped(name), seed })),
      ),
    ];
    for (const inp of inputs) {
      // both read the listing, which a delisting changes within the step: judged where it did not
      let listed: Uint8Array | undefined;
      const read = simulate(inp, (w) => {
        const before = listed;
        listed = w.listed.slice();
        for (let i = 0; i < w.countries.ids.length; i++) {
          if (before?.[i] !== w.listed[i]) continue;
          decided++;
          const d = w.decisions[i]!;
          const drive = w.drive[i]!;
          if (surelyHolds(w, i, drive)) {
            held++;
            expect([d.hazardUp, d.hazardDown, d.hazardDelist]).toEqual([0, 0, 0]);
          } else if (surelyStays(w, i, drive, w.draw[i]!)) {
            stayed++;
            expect(w.draw[i]).toBeGreaterThanOrEqual(d.hazardDelist + d.hazardUp + d.hazardDown);
          }
        }
      });
      // no reader: the countries that surely hold or stay are not decided, and the run is the same
      const unread = simulate(inp);
      expect(unread).toEqual(read);
    }
    expect(held / decided).toBeGreaterThan(0.5);
    expect(stayed).toBeGreaterThan(0);
    expect(held + stayed).toBeLessThan(decided);
  });

  it('starts a reused world as a new one, whatever the world held (every field scrambled)', () => {
    const inp = input('7');
    const month = parseMonth(inp.start);
    const fresh = createWorld(inp, month);
    const used = createWorld(input('8'), month);
    // every value a run could leave behind, and a copy of the parameters a param event would make
    for (const [key, value] of Object.entries(used) as [keyof typeof used, unknown][]) {
      if (ArrayBuffer.isView(value)) (value as Float64Array).fill(7);
      else if (typeof value === 'number') (used as unknown as Record<string, number>)[key] = 7;
      else if (typeof value === 'boolean') (used as unknown as Record<string, boolean>)[key] = !value;
    }
    for (const d of used.decisions as unknown as Record<string, number | boolean>[])
      for (const key of Object.keys(d)) d[key] = typeof d[key] === 'boolean' ? !d[key] : 7;
    used.streams.factions.double();
    used.params = structuredClone(used.params);
    used.log = undefined;
    used.moves.push({ date: 'x', country: 'A', from: 0, to: 1, cause: 'none', forced: false, earned: false });
    used.forcing = { rung: new Int8Array(1), listed: new Uint8Array(1), hazards: new Float64Array(1) };
    const again = createWorld(inp, month, used);
    expect(again).toBe(used);
    expect(again).toEqual(fresh);
    expect(again.params).toBe(inp.params);
  });

  it('reads a condition that countries share once a month, to the same runs as one closure per gate', () => {
    const base = shipped('baseline');
    const all = Object.values(base.gates).flat();
    const shared = new Set(all.map((g) => g.test)).size;
    expect(shared).toBeLessThan(all.length); // the scenario layer compiles each distinct condition once
    // crossing to a worker, the closures are rebuilt one per distinct program too
    const live = Object.values(liveGates(plainGates(base.gates))).flat();
    expect(new Set(live.map((g) => g.test)).size).toBe(shared);
    const own = Object.fromEntries(
      Object.entries(base.gates).map(([id, list]) => [
        id,
        list.map((g) => ({ ...g, test: (v: Float64Array) => g.test(v) })),
      ]),
    );
    for (const seed of ['1', '2']) {
      const inp = { ...base, seed };
      expect(simulate({ ...inp, gates: own })).toEqual(simulate(inp));
    }
  });

  it('runs replications in the last one’s world, each the same as a fresh run but its log', () => {
    // a param event makes the world's own copy of the parameters; the next run must not see it
    const changed = input('p', {
      events: [
        { at: '2022-01', label: 'shift', effects: [{ kind: 'param', path: ['decision', 'base'], to: 2 }] },
      ],
    });
    let into = simulate(input('a'));
    for (const inp of [input('b'), changed, input('c'), { ...shipped('baseline'), end: '2023-12' }]) {
      into = simulate(inp, undefined, undefined, into);
      expect(into).toEqual({ ...simulate(inp), log: [] });
    }
  });

  it('writes a run into the arrays of a result of the same shape, the same as a fresh one but its log', () => {
    const into = simulate(input('a'));
    const { rung, drive, power, legitimacy } = into;
    const again = simulate(input('b'), undefined, undefined, into);
    expect(again).toBe(into);
    expect(again.rung).toBe(rung);
    expect(again.drive).toBe(drive);
    expect(again.power).toBe(power);
    expect(again.legitimacy).toBe(legitimacy);
    // the same run, without its log (replications keep none)
    const fresh = simulate(input('b'));
    expect(fresh.log.length).toBeGreaterThan(0);
    expect(again).toEqual({ ...fresh, log: [] });
    // another period: a new result
    const other = simulate({ ...input('b'), end: '2022-06' }, undefined, undefined, into);
    expect(other).not.toBe(into);
    expect(other.months.at(-1)).toBe('2022-06');
  });

  it('applies scheduled events at their month', () => {
    const r = simulate(
      input('1', {
        events: [
          { at: '2022-01', label: 'forced', effects: [{ kind: 'rung', country: 'A', to: 6 }] },
          { at: '2022-01', label: 'purge', effects: [{ kind: 'power', faction: 'haqqani', delta: -0.2 }] },
          { at: '2023-01', label: 'surge', effects: [{ kind: 'threat', to: 1 }] },
        ],
      }),
    );
    const quiet = simulate(input('1'));
    const m = r.months.indexOf('2022-01');
    expect(r.moves).toContainEqual({
      date: '2022-01',
      country: 'A',
      from: quiet.rung[(m - 1) * 4]!,
      to: 6,
      cause: 'event',
      forced: true,
      earned: false,
    });
    expect(r.rung[m * 4]).toBeGreaterThanOrEqual(5); // forced to 6, may step down at most one that month
    expect(r.power[m * NF + 1]!).toBeLessThan(quiet.power[m * NF + 1]! - 0.1);
    expect(r.power.slice(0, m * NF)).toEqual(quiet.power.slice(0, m * NF));
    expect(r.log.some((e) => e.date === '2022-01' && e.what === 'purge')).toBe(true);
    const t = r.months.indexOf('2023-01');
    expect(r.threat[t]!).toBeGreaterThan(0.8);
  });
});

describe('common random numbers', () => {
  it('a new country does not change the others: each draws from its own stream', () => {
    const base = input('5');
    const more = input('5');
    // an inert newcomer (weight 0, no exposure, never reviews): it draws from its own stream, and if
    // adding it shifted anyone else's draws their paths would change
    more.params.countries.E = {
      ...more.params.countries.D!,
      name: 'Epsilon',
      weight: 0,
      security: 0,
      harboured: 0,
      review_rate: 0,
      rivals: [],
      patron: null,
    };
    more.initial.rung.E = 0;
    more.gates.E = [];
    const a = simulate(base);
    const b = simulate(more);
    for (let m = 0; m < a.months.length; m++) {
      expect(Array.from(b.rung.slice(m * 5, m * 5 + 4))).toEqual(Array.from(a.rung.slice(m * 4, m * 4 + 4)));
    }
    expect(b.power).toEqual(a.power);
    expect(b.log.filter((e) => e.actor !== 'E')).toEqual(a.log);
  });

  it('a change to one country moves that country, not the factions, the regime, the threat or the others’ draws', () => {
    // with the mechanisms off, nothing a country does reaches the factions; Alpha caring little for
    // rights must change Alpha's path but none of the draws of the other streams
    for (const seed of ['5', '6', '11']) {
      const a = simulate(detached(seed));
      const b = simulate(
        detached(seed, (inp) => {
          inp.params.countries.A!.rights = 0.1;
        }),
      );
      expect(rungPath(b, 0)).not.toEqual(rungPath(a, 0));
      expect(b.power).toEqual(a.power);
      expect(b.policy).toEqual(a.policy);
      expect(b.threat).toEqual(a.threat);
      expect(b.attacks).toEqual(a.attacks);
      // Delta's own draws decide its incidents: the same months, whatever Alpha does
      const struck = (r: SimResult) => r.log.filter((e) => e.what.includes('militants'));
      expect(struck(b)).toEqual(struck(a));
    }
  });

  it('switching a mechanism off changes the factions, and only through the flows', () => {
    const on = simulate(input('9'));
    const off = simulate(detached('9'));
    expect(off.power).not.toEqual(on.power);
    // with no flows to react to, the mechanisms change nothing
    const still = input('9');
    for (const c of Object.values(still.params.countries)) c.review_rate = 0;
    still.params.mechanisms.isolation_crackdown.enabled = false;
    const quietOff = detached('9', (inp) => {
      for (const c of Object.values(inp.params.countries)) c.review_rate = 0;
    });
    expect(simulate(still).power).toEqual(simulate(quietOff).power);
  });
});

describe('non-finite state', () => {
  it('stops the run with the variable and the month', () => {
    const bad = input('1');
    bad.params.decision.base = Number.NaN;
    expect(() => simulate(bad)).toThrow(new NonFiniteError('drive', '2021-08'));
    const memory = input('1');
    memory.params.mechanisms.memory = Number.NaN;
    expect(() => simulate(memory)).toThrow('non-finite earned at 2021-09');
    const noise = input('1');
    noise.params.power.noise = Number.POSITIVE_INFINITY;
    expect(() => simulate(noise)).toThrow(NonFiniteError);
  });
});

describe('condition variables', () => {
  it('are written in the order conditionVariables names them', () => {
    const inp = input();
    const w = createWorld(inp, 24259);
    w.legitimacy = 0.25;
    updateVariables(w);
    const names = conditionVariables(w.countries.ids);
    const get = (name: string) => w.vars[names.indexOf(name)];
    expect(get('womens_rights')).toBe(0.15);
    expect(get('ct_cooperation')).toBe(0.3);
    expect(get('inclusivity')).toBe(0.1);
    expect(get('isk_threat')).toBe(0.5);
    expect(get('power_haqqani')).toBe(0.35);
    expect(get('legitimacy')).toBe(0.25);
    expect(get('presence')).toBe(1);
    expect(get('year')).toBe(2021);
    expect(get('rung_C')).toBe(4);
    expect(get('listed_D')).toBe(1);
    expect(names.length).toBe(Object.keys(WORLD_VARIABLES).length + 2 * 4);
  });
});

describe('parameters', () => {
  it('the fixture is valid input for a run', () => {
    expect(Object.keys(params().countries)).toEqual(['A', 'B', 'C', 'D']);
  });
});
