// The mutable state of one run, held in typed arrays so a monthly step allocates nothing.

import { POWER_TERMS } from './factions.js';
import type { Stream } from './rng.js';
import { createStream } from './rng.js';
import { formatMonth } from './time.js';
import {
  type CompiledGate,
  DIMENSIONS,
  FACTIONS,
  type ModelInput,
  type ModelParams,
  type RunEvent,
} from './types.js';
import { conditionVariables } from './variables.js';

/** Country (and faction authority) parameters as arrays, derived again when a param event changes them. */
export interface CountryTable {
  ids: string[];
  index: Map<string, number>;
  weight: Float64Array;
  reviewRate: Float64Array;
  security: Float64Array;
  economic: Float64Array;
  humanitarian: Float64Array;
  rights: Float64Array;
  domestic: Float64Array;
  rivals: Int32Array[];
  peers: Int32Array[];
  /** patron index or -1 */
  patron: Int32Array;
  west: Uint8Array;
  p5: Uint8Array;
  /** gates sorted by rung */
  gates: CompiledGate[][];
  totalWeight: number;
  westWeight: number;
  /** faction × dimension authority (read every month by the regime's policy target) */
  authority: Float64Array;
}

export interface World {
  /** the input's parameters until a param event fires; then a private copy (copy-on-write) */
  params: ModelParams;
  ownParams: boolean;
  countries: CountryTable;
  /** absolute month index (see time.ts) and its 'YYYY-MM' */
  month: number;
  date: string;
  rung: Int8Array;
  /** rungs at the start of the month: every country decides on the same snapshot */
  prevRung: Int8Array;
  listed: Uint8Array;
  drive: Float64Array;
  /** event-driven transient push on each country's drive (decays) */
  shock: Float64Array;
  power: Float64Array;
  /** faction × dimension ideals, and the anchors they relax to */
  ideal: Float64Array;
  anchor: Float64Array;
  policy: Float64Array;
  /** remembered flows of engagement earned through gates and given without conditions */
  earned: number;
  unearned: number;
  isolation: number;
  threat: number;
  attacks: number;
  unSeat: number;
  unSanctions: number;
  legitimacy: number;
  vars: Float64Array;
  /** whether each country reviewed its stance this month */
  reviewed: Uint8Array;
  /** this month's named log-power growth terms, faction × POWER_TERMS */
  powerTerms: Float64Array;
  streams: { countries: Stream[]; factions: Stream; regime: Stream; threat: Stream };
  /** see ModelInput.recordDrive */
  recordDrive: boolean;
  log: RunEvent[];
}

const ND = DIMENSIONS.length;

function indices(ids: readonly string[], index: Map<string, number>): Int32Array {
  return Int32Array.from(ids.flatMap((id) => (index.has(id) ? [index.get(id)!] : [])));
}

export function deriveCountries(params: ModelParams, gates: ModelInput['gates']): CountryTable {
  const ids = Object.keys(params.countries);
  const index = new Map(ids.map((id, i) => [id, i]));
  const list = ids.map((id) => params.countries[id]!);
  const column = (f: (c: (typeof list)[number]) => number) => Float64Array.from(list, f);
  const weight = column((c) => c.weight);
  const west = Uint8Array.from(list, (c) => (c.bloc === 'west' ? 1 : 0));
  let westWeight = 0;
  for (let i = 0; i < ids.length; i++) if (west[i]) westWeight += weight[i]!;
  return {
    ids,
    index,
    weight,
    reviewRate: column((c) => c.review_rate),
    security: column((c) => c.security),
    economic: column((c) => c.economic),
    humanitarian: column((c) => c.humanitarian),
    rights: column((c) => c.rights),
    domestic: column((c) => c.domestic),
    rivals: list.map((c) => indices(c.rivals, index)),
    peers: list.map((c) => indices(c.peers, index)),
    patron: Int32Array.from(list, (c) => (c.patron === null ? -1 : (index.get(c.patron) ?? -1))),
    west,
    p5: Uint8Array.from(list, (c) => (c.p5 ? 1 : 0)),
    gates: ids.map((id) => [...(gates[id] ?? [])].sort((a, b) => a.rung - b.rung)),
    totalWeight: weight.reduce((a, b) => a + b, 0),
    westWeight,
    authority: Float64Array.from(
      FACTIONS.flatMap((f) => DIMENSIONS.map((d) => params.factions[f].authority[d])),
    ),
  };
}

// Derived tables per (params, gates): an ensemble of runs over the same input derives them once.
// Inputs are never mutated (param events copy first), so object identity is a safe key.
const derived = new WeakMap<ModelParams, WeakMap<ModelInput['gates'], CountryTable>>();

function countryTable(params: ModelParams, gates: ModelInput['gates']): CountryTable {
  let byGates = derived.get(params);
  if (!byGates) {
    byGates = new WeakMap();
    derived.set(params, byGates);
  }
  let table = byGates.get(gates);
  if (!table) {
    table = deriveCountries(params, gates);
    byGates.set(gates, table);
  }
  return table;
}

export function createWorld(input: ModelInput, month: number): World {
  const params = input.params;
  const countries = countryTable(params, input.gates);
  const n = countries.ids.length;
  const { initial } = input;
  const rung = Int8Array.from(countries.ids, (id) => initial.rung[id] ?? 0);
  const ideal = new Float64Array(FACTIONS.length * ND);
  FACTIONS.forEach((f, i) => {
    DIMENSIONS.forEach((d, j) => {
      ideal[i * ND + j] = params.factions[f].ideal[d];
    });
  });
  return {
    params,
    ownParams: false,
    countries,
    month,
    date: formatMonth(month),
    rung,
    prevRung: rung.slice(),
    listed: Uint8Array.from(countries.ids, (id) => (initial.listed[id] ? 1 : 0)),
    drive: new Float64Array(n),
    shock: new Float64Array(n),
    power: Float64Array.from(FACTIONS, (f) => initial.power[f]),
    ideal,
    anchor: ideal.slice(),
    policy: Float64Array.from(DIMENSIONS, (d) => initial.policy[d]),
    earned: 0,
    unearned: 0,
    isolation: 0,
    threat: initial.threat,
    attacks: 0,
    unSeat: initial.un_seat ? 1 : 0,
    unSanctions: initial.un_sanctions ? 1 : 0,
    legitimacy: 0,
    vars: new Float64Array(conditionVariables(countries.ids).length),
    reviewed: new Uint8Array(n),
    powerTerms: new Float64Array(FACTIONS.length * POWER_TERMS.length),
    streams: {
      countries: countries.ids.map((id) => createStream(input.seed, 'country', id)),
      factions: createStream(input.seed, 'factions'),
      regime: createStream(input.seed, 'regime'),
      threat: createStream(input.seed, 'threat'),
    },
    log: [],
    recordDrive: input.recordDrive !== false,
  };
}
