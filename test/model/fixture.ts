// A small synthetic world for model tests: four countries in three blocs, gates on the first two.
// Alpha and Beta (west) watch each other and are gated on women's rights; Gamma (great power, aligned
// against the West) and Delta (neighbour, listed, exposed to militants the Taliban harbour) are rivals.
import type { CompiledGate, CountryParams, ModelInput, ModelParams } from '../../src/model/index.js';

const country = (over: Partial<CountryParams>): CountryParams => ({
  name: 'X',
  bloc: 'west',
  weight: 1,
  p5: false,
  review_rate: 0.5,
  security: 0.5,
  harboured: 0,
  alignment: 0,
  migration: 0,
  reserves: 0,
  economic: 0.5,
  humanitarian: 0.3,
  rights: 0.5,
  domestic: 0.5,
  offset: 0,
  rivals: [],
  peers: [],
  patron: null,
  gates: [],
  ...over,
});

export function params(): ModelParams {
  return {
    countries: {
      A: country({
        name: 'Alpha',
        p5: true,
        rights: 0.9,
        domestic: 0.8,
        reserves: 0.4,
        peers: ['B'],
        gates: [{ rung: 4, when: 'womens_rights >= 0.3' }],
      }),
      B: country({
        name: 'Beta',
        rights: 0.7,
        migration: 0.2,
        peers: ['A'],
        patron: 'A',
        gates: [{ rung: 3, when: 'womens_rights >= 0.2' }],
      }),
      C: country({
        name: 'Gamma',
        bloc: 'great_power',
        p5: true,
        security: 0.9,
        alignment: 0.8,
        economic: 0.9,
        rights: 0.05,
        domestic: 0.05,
        rivals: ['D'],
      }),
      D: country({
        name: 'Delta',
        bloc: 'neighbour',
        security: 0.8,
        harboured: 0.6,
        migration: 0.5,
        economic: 0.7,
        rights: 0.1,
        domestic: 0.1,
        rivals: ['C'],
        patron: 'C',
      }),
    },
    decision: {
      base: 2.5,
      security: 14,
      harboured: 2,
      alignment: 1.5,
      economic: 3,
      humanitarian: 2,
      migration: 1,
      reserves: 0.5,
      rivalry: 4,
      peers: 2,
      patron: 1.5,
      rights: 4.5,
      domestic: 3,
      listing: 0.5,
      un_sanctions: 0.3,
      inertia: 0.4,
      hazard_width: 1,
      uncaused: 0.2,
      cause_window: 3,
      policy_shift: 0.03,
      threat_shock: 0.1,
      precursor_boost: 2,
      precursor_window: 12,
      first_mover_ambassador: 0.3,
      first_mover: 1.5,
      tipping_share: 0.33,
      withdraw_cost: 1.5,
      jumps: [{ from: 4, to: 6 }],
      shock_persistence: 0.85,
      delist_rung: 4,
      delist_drive: 4.5,
    },
    factions: {
      kandahar: {
        name: 'Kandahar',
        leader: 'K',
        power: 0.5,
        ideal: { womens_rights: 0.05, ct_cooperation: 0.35, inclusivity: 0.1 },
        authority: { womens_rights: 0.9, ct_cooperation: 0.4, inclusivity: 0.7 },
      },
      haqqani: {
        name: 'Haqqani',
        leader: 'H',
        power: 0.35,
        ideal: { womens_rights: 0.4, ct_cooperation: 0.45, inclusivity: 0.3 },
        authority: { womens_rights: 0.2, ct_cooperation: 0.7, inclusivity: 0.4 },
      },
      swing: {
        name: 'Swing',
        leader: 'S',
        power: 0.15,
        ideal: { womens_rights: 0.3, ct_cooperation: 0.5, inclusivity: 0.3 },
        authority: { womens_rights: 0.3, ct_cooperation: 0.5, inclusivity: 0.4 },
      },
    },
    regime: { tighten: 0.3, loosen: 0.05, noise: 0.01, anchor: 0.05 },
    power: {
      consolidation_threshold: 0.55,
      consolidation_rate: 0.008,
      noise: 0.02,
      contest_rate: 0.02,
      contest_exponent: 2,
      contest_loss: 0.2,
      floor: 0.03,
    },
    mechanisms: {
      memory: 0.9,
      reform_rewarded: { enabled: true, power_gain: 0.05, ideal_gain: 0.5 },
      emboldening: { enabled: true, power_gain: 0.05, ideal_shift: 0.5 },
      isolation_crackdown: { enabled: true, threshold: 2, power_gain: 0.01, ideal_shift: 0.02 },
    },
    threat: {
      mean: 0.6,
      reversion: 0.1,
      volatility: 0.03,
      suppression: 0.5,
      attack_rate: 0.08,
      attack_jump: 0.08,
    },
    dyads: { incident_rate: 0.06, incident_shock: 1 },
    un: { credentials_share: 0.5, p3_block_below: 4, veto_rung: 6 },
  };
}

/** Gates as the scenario layer would compile them, for `womens_rights` (condition variable 0). */
export function gates(p: ModelParams): Record<string, CompiledGate[]> {
  return Object.fromEntries(
    Object.entries(p.countries).map(([id, c]) => [
      id,
      c.gates.map((g) => {
        const threshold = Number(/>= ([\d.]+)/.exec(g.when)![1]);
        return {
          ...g,
          program: {
            op: 'cmp',
            fn: 'largerEq',
            a: { op: 'var', index: 0 },
            b: { op: 'num', value: threshold },
          } as const,
          test: (v: Float64Array) => v[0]! >= threshold,
        };
      }),
    ]),
  );
}

export function input(seed = '42', over: Partial<ModelInput> = {}): ModelInput {
  const p = params();
  return {
    scenario: 'fixture',
    seed,
    start: '2021-08',
    end: '2030-12',
    params: p,
    initial: {
      rung: { A: 2, B: 1, C: 4, D: 3 },
      listed: { A: false, B: false, C: false, D: true },
      power: { kandahar: 0.5, haqqani: 0.35, swing: 0.15 },
      policy: { womens_rights: 0.15, ct_cooperation: 0.3, inclusivity: 0.1 },
      threat: 0.5,
      un_seat: false,
      un_sanctions: true,
    },
    events: [],
    gates: gates(p),
    ...over,
  };
}
