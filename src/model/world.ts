// The mutable state of one run, held in typed arrays so a monthly step allocates nothing.

import type { Stream } from './rng.js';
import { createStream } from './rng.js';
import { DRIVE_TERMS, POWER_TERMS } from './terms.js';
import { formatMonth } from './time.js';
import {
  CAUSES,
  type CompiledGate,
  type Decision,
  DIMENSIONS,
  FACTIONS,
  type Forcing,
  MAX_RUNG,
  type ModelInput,
  type ModelParams,
  type Move,
  newDecision,
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
  harboured: Float64Array;
  alignment: Float64Array;
  economic: Float64Array;
  humanitarian: Float64Array;
  migration: Float64Array;
  reserves: Float64Array;
  rights: Float64Array;
  domestic: Float64Array;
  offset: Float64Array;
  rivals: Int32Array[];
  peers: Int32Array[];
  /** patron index or -1 */
  patron: Int32Array;
  /** the countries whose moves are a `peer` cause for each: peers, rivals and patron */
  watched: Int32Array[];
  west: Uint8Array;
  p5: Uint8Array;
  /** gates sorted by rung */
  gates: CompiledGate[][];
  /** jump[from] = the rung a listed jump from `from` reaches, or -1 */
  jump: Int8Array;
  totalWeight: number;
  westWeight: number;
  /** sum of `security` (ISK attacks abroad pick their target in proportion to it) */
  totalSecurity: number;
  /** faction × dimension authority (read every month by the regime's policy target) */
  authority: Float64Array;
}

/** A month index far before any run: "never". */
export const NEVER = -1e9;
export const NC = CAUSES.length;

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
  /** of prevRung (noteRungs): the Western states' weighted mean rung, and the weight at rung r or
   * above, read by every country's decision */
  westMean: number;
  weightAtOrAbove: Float64Array;
  /** month of each country's last change of rung */
  lastChange: Int32Array;
  /** country × CAUSES: the last month each cause was seen for the country */
  causeAt: Int32Array;
  /** month of the last precursor (delisting, an announced ambassador) */
  precursorAt: Int32Array;
  /** bit r set: the country reached rung r through an earned upgrade (a downgrade withdraws it) */
  earnedRungs: Int32Array;
  /** bit k set: gate k of the country is open this month / has been closed at some month */
  gateOpen: Int32Array;
  gateWasClosed: Int32Array;
  listed: Uint8Array;
  drive: Float64Array;
  /** each country's decision this month: hazards and what they are made of */
  decisions: Decision[];
  /** country × DRIVE_TERMS: the drive terms the decision used this month */
  terms: Float64Array;
  /** event- and incident-driven transient push on each country's drive (decays) */
  shock: Float64Array;
  /** ISK threat felt by each country after an attack on it (decays) */
  felt: Float64Array;
  power: Float64Array;
  /** faction × dimension ideals, and the anchors they relax to */
  ideal: Float64Array;
  anchor: Float64Array;
  policy: Float64Array;
  /** policy and threat at the start of the month (a jump is a cause) */
  prevPolicy: Float64Array;
  prevThreat: number;
  /** direction of the last policy jump (+1 reform, -1 crackdown): a cause only of moves that way */
  policyDir: number;
  /** remembered flows of engagement earned through gates and given without conditions (signed:
   * downgrades withdraw) and this month's inflows, forced moves included */
  earned: number;
  unearned: number;
  flowEarned: number;
  flowUnearned: number;
  isolation: number;
  threat: number;
  attacks: number;
  unSeat: number;
  unSanctions: number;
  legitimacy: number;
  vars: Float64Array;
  /** this month's named log-power growth terms, faction × POWER_TERMS */
  powerTerms: Float64Array;
  streams: { countries: Stream[]; factions: Stream; regime: Stream; threat: Stream };
  /** the record the run is held to, if any (likelihood of the record) */
  forcing: Forcing | null;
  /** whether anything reads `decisions` (the record's likelihood, an explanation): if not, a country
   * none of whose hazards can fire this month is not decided at all (stepCountries) */
  readsDecisions: boolean;
  /** run month index (0 = the start month) */
  step: number;
  /** what happened, in words; none in an ensemble's replications, which never read it */
  log: RunEvent[] | undefined;
  moves: Move[];
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
  const security = column((c) => c.security);
  const west = Uint8Array.from(list, (c) => (c.bloc === 'west' ? 1 : 0));
  let westWeight = 0;
  for (let i = 0; i < ids.length; i++) if (west[i]) westWeight += weight[i]!;
  const rivals = list.map((c) => indices(c.rivals, index));
  const peers = list.map((c) => indices(c.peers, index));
  const patron = Int32Array.from(list, (c) => (c.patron === null ? -1 : (index.get(c.patron) ?? -1)));
  const jump = new Int8Array(8).fill(-1);
  for (const j of params.decision.jumps) jump[j.from] = j.to;
  return {
    ids,
    index,
    weight,
    reviewRate: column((c) => c.review_rate),
    security,
    harboured: column((c) => c.harboured),
    alignment: column((c) => c.alignment),
    economic: column((c) => c.economic),
    humanitarian: column((c) => c.humanitarian),
    migration: column((c) => c.migration),
    reserves: column((c) => c.reserves),
    rights: column((c) => c.rights),
    domestic: column((c) => c.domestic),
    offset: column((c) => c.offset),
    rivals,
    peers,
    patron,
    watched: ids.map((_, i) =>
      Int32Array.from(new Set([...peers[i]!, ...rivals[i]!, ...(patron[i]! >= 0 ? [patron[i]!] : [])])),
    ),
    west,
    p5: Uint8Array.from(list, (c) => (c.p5 ? 1 : 0)),
    gates: ids.map((id) => [...(gates[id] ?? [])].sort((a, b) => a.rung - b.rung)),
    jump,
    totalWeight: weight.reduce((a, b) => a + b, 0),
    westWeight,
    totalSecurity: security.reduce((a, b) => a + b, 0),
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
  const policy = Float64Array.from(DIMENSIONS, (d) => initial.policy[d]);
  const w: World = {
    params,
    ownParams: false,
    countries,
    month,
    date: formatMonth(month),
    rung,
    prevRung: rung.slice(),
    westMean: 0,
    weightAtOrAbove: new Float64Array(MAX_RUNG + 1),
    lastChange: new Int32Array(n).fill(NEVER),
    causeAt: new Int32Array(n * NC).fill(NEVER),
    precursorAt: new Int32Array(n).fill(NEVER),
    earnedRungs: new Int32Array(n),
    gateOpen: new Int32Array(n),
    gateWasClosed: new Int32Array(n),
    listed: Uint8Array.from(countries.ids, (id) => (initial.listed[id] ? 1 : 0)),
    drive: new Float64Array(n),
    decisions: countries.ids.map(newDecision),
    terms: new Float64Array(n * DRIVE_TERMS.length),
    shock: new Float64Array(n),
    felt: new Float64Array(n),
    power: Float64Array.from(FACTIONS, (f) => initial.power[f]),
    ideal,
    anchor: ideal.slice(),
    policy,
    prevPolicy: policy.slice(),
    prevThreat: initial.threat,
    policyDir: 0,
    earned: 0,
    unearned: 0,
    flowEarned: 0,
    flowUnearned: 0,
    isolation: 0,
    threat: initial.threat,
    attacks: 0,
    unSeat: initial.un_seat ? 1 : 0,
    unSanctions: initial.un_sanctions ? 1 : 0,
    legitimacy: 0,
    vars: new Float64Array(conditionVariables(countries.ids).length),
    powerTerms: new Float64Array(FACTIONS.length * POWER_TERMS.length),
    streams: {
      countries: countries.ids.map((id) => createStream(input.seed, 'country', id)),
      factions: createStream(input.seed, 'factions'),
      regime: createStream(input.seed, 'regime'),
      threat: createStream(input.seed, 'threat'),
    },
    forcing: null,
    readsDecisions: true,
    step: 0,
    log: [],
    moves: [],
  };
  noteRungs(w);
  return w;
}

/** Start a month's decisions: the rungs as they stand are the snapshot every country decides on. */
export function snapshotRungs(w: World): void {
  w.prevRung.set(w.rung);
  noteRungs(w);
}

/** What every decision reads of the snapshot, worked out once a month rather than once a country
 * (the same sums in the same order as each country's would be). Call after changing prevRung. */
export function noteRungs(w: World): void {
  const { weight, west, westWeight } = w.countries;
  const at = w.weightAtOrAbove;
  at.fill(0);
  let sum = 0;
  for (let i = 0; i < w.prevRung.length; i++) {
    const r = w.prevRung[i]!;
    if (west[i]) sum += weight[i]! * r;
    for (let k = 0; k <= r; k++) at[k]! += weight[i]!;
  }
  w.westMean = westWeight === 0 ? 0 : sum / westWeight;
}
