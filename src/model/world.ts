// The mutable state of one run, held in typed arrays so a monthly step allocates nothing.

import { reseed, type Stream } from './rng.js';
import { DRIVE_TERMS, POWER_TERMS } from './terms.js';
import { formatMonth } from './time.js';
import {
  CAUSES,
  type CompiledGate,
  clearDecision,
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
  /** the peers' sum of rungs at its highest: peers × MAX_RUNG (0: no peers) */
  peerScale: Float64Array;
  /** patron index or -1 */
  patron: Int32Array;
  /** the countries whose moves are a `peer` cause for each: peers, rivals and patron */
  watched: Int32Array[];
  west: Uint8Array;
  p5: Uint8Array;
  /** gates sorted by rung */
  gates: CompiledGate[][];
  /** the gates' distinct tests (countries sharing a condition share its closure), and for each
   * country the slot of each of its gates' tests */
  gateTests: CompiledGate['test'][];
  gateSlot: Int32Array[];
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
  /** of prevRung too, per country: how far its furthest rival stands above it (0 when none does),
   * and the sum of its peers' rungs (whole numbers, so the drive reads the same values it would sum) */
  rivalGap: Int32Array;
  peerSum: Int32Array;
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
  /** the highest rung the gates as read allow each country (capFor; gateCap adds the listing) */
  openCap: Int8Array;
  /** this month's value of each of the country table's distinct gate tests (1 passes) */
  gateValue: Uint8Array;
  /** the country table the gate tests were last read for (null: none since the reset) */
  gatesReadFor: CountryTable | null;
  listed: Uint8Array;
  drive: Float64Array;
  /** the drives between which each country surely holds (countries.ts surelyHolds), and what they were
   * worked out for (its rung, cap and listing; −1: to work out, as after every noteRungs) */
  holdLo: Float64Array;
  holdHi: Float64Array;
  holdKey: Int32Array;
  /** this month's uniform draw of each country (its move), and whether militants struck it */
  draw: Float64Array;
  struck: Uint8Array;
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
  /** whether anything reads `decisions` or `terms` (the record's likelihood, an explanation): if not,
   * a country none of whose hazards can fire this month is not decided at all, and no country's drive
   * terms are written (stepCountries) */
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
  const sorted = ids.map((id) => [...(gates[id] ?? [])].sort((a, b) => a.rung - b.rung));
  const slots = new Map<CompiledGate['test'], number>();
  for (const list of sorted) for (const g of list) if (!slots.has(g.test)) slots.set(g.test, slots.size);
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
    peerScale: Float64Array.from(peers, (p) => p.length * MAX_RUNG),
    patron,
    watched: ids.map((_, i) =>
      Int32Array.from(new Set([...peers[i]!, ...rivals[i]!, ...(patron[i]! >= 0 ? [patron[i]!] : [])])),
    ),
    west,
    p5: Uint8Array.from(list, (c) => (c.p5 ? 1 : 0)),
    gates: sorted,
    gateTests: [...slots.keys()],
    gateSlot: sorted.map((list) => Int32Array.from(list, (g) => slots.get(g.test)!)),
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

/**
 * The world at the start of a run: `reuse`, a world an earlier run is done with, when it holds as many
 * countries (its arrays then taken over, every value set anew: an ensemble's replications allocate no
 * world), else a new one.
 */
export function createWorld(input: ModelInput, month: number, reuse?: World): World {
  const countries = countryTable(input.params, input.gates);
  const n = countries.ids.length;
  const w = reuse && reuse.rung.length === n ? reuse : allocate(countries, input.params);
  reset(w, input, countries, month);
  return w;
}

/** A world's arrays for the countries, their values left to `reset`. Fields that hold fractions start
 * as NaN, a double: a field V8 first sees holding a whole number is laid out for whole numbers and
 * changes layout at its first fraction, which throws away the code compiled against the old one. */
function allocate(countries: CountryTable, params: ModelParams): World {
  const n = countries.ids.length;
  return {
    params,
    ownParams: false,
    countries,
    month: 0,
    date: '',
    rung: new Int8Array(n),
    prevRung: new Int8Array(n),
    westMean: Number.NaN,
    weightAtOrAbove: new Float64Array(MAX_RUNG + 1),
    rivalGap: new Int32Array(n),
    peerSum: new Int32Array(n),
    lastChange: new Int32Array(n),
    causeAt: new Int32Array(n * NC),
    precursorAt: new Int32Array(n),
    earnedRungs: new Int32Array(n),
    gateOpen: new Int32Array(n),
    gateWasClosed: new Int32Array(n),
    openCap: new Int8Array(n),
    gateValue: new Uint8Array(countries.gateTests.length),
    gatesReadFor: null,
    listed: new Uint8Array(n),
    drive: new Float64Array(n),
    holdLo: new Float64Array(n),
    holdHi: new Float64Array(n),
    holdKey: new Int32Array(n),
    draw: new Float64Array(n),
    struck: new Uint8Array(n),
    decisions: countries.ids.map(newDecision),
    terms: new Float64Array(n * DRIVE_TERMS.length),
    shock: new Float64Array(n),
    felt: new Float64Array(n),
    power: new Float64Array(FACTIONS.length),
    ideal: new Float64Array(FACTIONS.length * ND),
    anchor: new Float64Array(FACTIONS.length * ND),
    policy: new Float64Array(ND),
    prevPolicy: new Float64Array(ND),
    prevThreat: Number.NaN,
    policyDir: 0,
    earned: Number.NaN,
    unearned: Number.NaN,
    flowEarned: Number.NaN,
    flowUnearned: Number.NaN,
    isolation: Number.NaN,
    threat: Number.NaN,
    attacks: 0,
    unSeat: 0,
    unSanctions: 0,
    legitimacy: Number.NaN,
    vars: new Float64Array(conditionVariables(countries.ids).length),
    powerTerms: new Float64Array(FACTIONS.length * POWER_TERMS.length),
    streams: {
      countries: countries.ids.map(() => NO_STREAM),
      factions: NO_STREAM,
      regime: NO_STREAM,
      threat: NO_STREAM,
    },
    forcing: null,
    readsDecisions: true,
    step: 0,
    log: undefined,
    moves: [],
  };
}

/** Never drawn from: `reset` seeds every stream before a run. */
const NO_STREAM: Stream = {
  double: () => Number.NaN,
  normal: () => Number.NaN,
};

/** Every value of `w` as a run of `input` starts at `month`: the one place a world's state begins. */
function reset(w: World, input: ModelInput, countries: CountryTable, month: number): void {
  const { params, initial, seed } = input;
  const ids = countries.ids;
  const n = ids.length;
  w.params = params;
  w.ownParams = false;
  w.countries = countries;
  w.month = month;
  w.date = formatMonth(month);
  // plain loops: every thread compiles this, and closures and iterated array literals made that one
  // of the costliest compiles of its first runs
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    w.rung[i] = initial.rung[id] ?? 0;
    w.listed[i] = initial.listed[id] ? 1 : 0;
    clearDecision(w.decisions[i]!);
    w.openCap[i] = capFor(countries.gates[i]!, 0);
  }
  w.prevRung.set(w.rung);
  w.lastChange.fill(NEVER);
  w.causeAt.fill(NEVER);
  w.precursorAt.fill(NEVER);
  w.earnedRungs.fill(0);
  w.gateOpen.fill(0);
  w.gateWasClosed.fill(0);
  if (w.gateValue.length !== countries.gateTests.length)
    w.gateValue = new Uint8Array(countries.gateTests.length);
  else w.gateValue.fill(0);
  w.gatesReadFor = null;
  w.drive.fill(0);
  w.holdLo.fill(0);
  w.holdHi.fill(0);
  w.draw.fill(0);
  w.terms.fill(0);
  w.shock.fill(0);
  w.felt.fill(0);
  w.vars.fill(0);
  w.powerTerms.fill(0);
  w.struck.fill(0);
  for (let f = 0; f < FACTIONS.length; f++) {
    const faction = FACTIONS[f]!;
    w.power[f] = initial.power[faction];
    const ideal = params.factions[faction].ideal;
    for (let j = 0; j < ND; j++) w.ideal[f * ND + j] = ideal[DIMENSIONS[j]!];
  }
  w.anchor.set(w.ideal);
  for (let j = 0; j < ND; j++) w.policy[j] = initial.policy[DIMENSIONS[j]!];
  w.prevPolicy.set(w.policy);
  w.prevThreat = initial.threat;
  w.policyDir = 0;
  w.earned = 0;
  w.unearned = 0;
  w.flowEarned = 0;
  w.flowUnearned = 0;
  w.isolation = 0;
  w.threat = initial.threat;
  w.attacks = 0;
  w.unSeat = initial.un_seat ? 1 : 0;
  w.unSanctions = initial.un_sanctions ? 1 : 0;
  w.legitimacy = 0;
  const s = w.streams;
  for (let i = 0; i < n; i++) s.countries[i] = reseed(s.countries[i], seed, 'country', ids[i]!);
  s.factions = reseed(s.factions, seed, 'factions');
  s.regime = reseed(s.regime, seed, 'regime');
  s.threat = reseed(s.threat, seed, 'threat');
  w.forcing = null;
  w.readsDecisions = true;
  w.step = 0;
  w.log = [];
  w.moves = [];
  noteRungs(w);
}

/** The highest rung a country with `gates` (sorted by rung) may move up to when the gates whose bits
 * are set in `open` are open: below its first closed gate (the binding gate). */
export function capFor(gates: readonly CompiledGate[], open: number): number {
  for (let g = 0; g < gates.length; g++) if (!(open & (1 << g))) return gates[g]!.rung - 1;
  return MAX_RUNG;
}

/** Start a month's decisions: the rungs as they stand are the snapshot every country decides on. Most
 * months nobody moved: the snapshot's sums then stand as they are (a param event that derives a new
 * country table works them out again itself). */
export function snapshotRungs(w: World): void {
  const { rung, prevRung } = w;
  let same = true;
  for (let i = 0; i < rung.length; i++)
    if (prevRung[i] !== rung[i]) {
      prevRung[i] = rung[i]!;
      same = false;
    }
  if (!same) noteRungs(w);
}

/** What decisions read of the snapshot, worked out once a month rather than once a country (the same
 * sums in the same order as each country's would be). Call after changing prevRung. */
export function noteRungs(w: World): void {
  // the holding bands read the rungs' weights, the parameters and the table (setParam notes the rungs)
  w.holdKey.fill(-1);
  const c = w.countries;
  const { weight, west, westWeight, rivals, peers } = c;
  const prev = w.prevRung;
  const at = w.weightAtOrAbove;
  at.fill(0);
  let sum = 0;
  for (let i = 0; i < prev.length; i++) {
    const r = prev[i]!;
    if (west[i]) sum += weight[i]! * r;
    for (let k = 0; k <= r; k++) at[k]! += weight[i]!;
    const rv = rivals[i]!;
    let gap = 0;
    for (let k = 0; k < rv.length; k++) gap = Math.max(gap, prev[rv[k]!]! - r);
    w.rivalGap[i] = gap;
    const pe = peers[i]!;
    let peerSum = 0;
    for (let k = 0; k < pe.length; k++) peerSum += prev[pe[k]!]!;
    w.peerSum[i] = peerSum;
  }
  w.westMean = westWeight === 0 ? 0 : sum / westWeight;
}
