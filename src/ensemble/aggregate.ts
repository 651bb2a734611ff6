// Aggregation while running: every statistic an ensemble reports is a histogram of counts, so memory
// does not grow with the number of runs, quantiles and probabilities are exact (to the bin), and
// merging partial aggregates (from workers or shards) is integer addition — the same bytes in any order.

import { countMoves, MOVE_SERIES } from '../analysis/moves.js';
import { cascadeSize, recognitions } from '../analysis/summary.js';
import { DIMENSIONS, FACTIONS, MAX_RUNG, type SimResult } from '../model/types.js';

/** Continuous series in [0, 1], rounded to 1/RESOLUTION (so bins sit on round values: 0.5 stays 0.5). */
export const CONTINUOUS = [
  ...FACTIONS.map((f) => ({ actor: f, variable: 'power' })),
  ...DIMENSIONS.map((d) => ({ actor: 'regime', variable: d })),
  { actor: 'isk', variable: 'threat' },
  { actor: 'world', variable: 'legitimacy' },
] as const;
/** Count series (0..number of countries): countries at or above a rung. */
export const COUNTS = [
  { variable: 'count_ge_4', k: 4 },
  { variable: 'count_ge_5', k: 5 },
  { variable: 'recognizers', k: MAX_RUNG },
] as const;
export const RESOLUTION = 1000;
export const BINS = RESOLUTION + 1;
const NR = MAX_RUNG + 1;

export interface Aggregate {
  runs: number;
  months: number;
  countries: number;
  /** [(month·countries + country)·7 + rung] */
  rung: Uint32Array;
  /** [(series·months + month)·BINS + bin] */
  continuous: Uint32Array;
  /** [(series·months + month)·(countries + 1) + count] */
  counts: Uint32Array;
  /** first recognizer per country; the last slot counts runs with nobody at rung 6 */
  first: Uint32Array;
  /** month of the first recognition */
  firstMonth: Uint32Array;
  /** cascade size 0..countries−1 */
  cascade: Uint32Array;
  /** first month each country stood at rung ≥ k, [(country·7 + k)·(months + 1) + month]; month =
   * months means never (backtests compare the order in which countries reached rungs) */
  reached: Uint32Array;
  /** runs in which the Taliban hold the UN seat, per month */
  unSeat: Uint32Array;
  /** moves summed over runs, per MOVE_SERIES counter (direction, cause, forced/own, earned); whole
   * numbers held as doubles, exact to 2^53, so many runs of many moves cannot overflow */
  moves: Float64Array;
  /** runs with at least one move, per MOVE_SERIES counter */
  movesRuns: Uint32Array;
  /** continuous bins of the last runs, [(series·months + month)·PENDING + run], not yet counted:
   * folding them in cell by cell keeps the 3.6 MB histogram out of the per-run loop (cache misses
   * there cost more than the rest of the aggregation) */
  pending: Uint16Array;
  /** rung histogram changes of the pending runs, [(month·countries + country)·7 + rung], month ≤ M:
   * a rung holds for months at a time, so a run adds +1 where a stretch starts and −1 after it ends */
  pendingRung: Int32Array;
  pendingRuns: number;
  /** continuous cells made non-zero by flush since the last reset, in the order first counted (a
   * task's aggregate is sent and reset as these cells, not by scanning 1.2 M); `touchedAll` once
   * cells were written otherwise (a merge, an unpack): then every cell is scanned */
  touched: Uint32Array;
  touchedCount: number;
  touchedAll: boolean;
}

const PENDING = 64;

export function createAggregate(months: number, countries: number): Aggregate {
  return {
    runs: 0,
    months,
    countries,
    rung: new Uint32Array(months * countries * NR),
    continuous: new Uint32Array(CONTINUOUS.length * months * BINS),
    counts: new Uint32Array(COUNTS.length * months * (countries + 1)),
    first: new Uint32Array(countries + 1),
    firstMonth: new Uint32Array(months),
    cascade: new Uint32Array(countries),
    reached: new Uint32Array(countries * NR * (months + 1)),
    unSeat: new Uint32Array(months),
    moves: new Float64Array(MOVE_SERIES.length),
    movesRuns: new Uint32Array(MOVE_SERIES.length),
    pending: new Uint16Array(CONTINUOUS.length * months * PENDING),
    pendingRung: new Int32Array((months + 1) * countries * NR),
    pendingRuns: 0,
    touched: new Uint32Array(4096),
    touchedCount: 0,
    touchedAll: false,
  };
}

/** Count the pending runs into the histograms. */
export function flush(a: Aggregate): void {
  flushContinuous(a);
  flushRungs(a);
  a.pendingRung.fill(0);
  a.pendingRuns = 0;
}

// Each hot loop of the aggregation is a function of its own, with nothing after the loop: V8 compiles
// a loop that runs long in its first call on its own (OSR), without feedback for the code after it,
// and Node 20's V8 keeps entering that code, to throw it away again, each time the function runs
// before its ordinary compilation is done — once per flush while it lasted (docs/BENCHMARKS.md).

function flushContinuous(a: Aggregate): void {
  // locals, not fields, in the hot loops: stores into typed arrays keep V8 from hoisting field loads
  const { continuous, pending, pendingRuns: runs } = a;
  const cells = CONTINUOUS.length * a.months;
  for (let cell = 0; cell < cells; cell++) {
    const from = cell * PENDING;
    const to = cell * BINS;
    for (let k = 0; k < runs; k++) {
      const i = to + pending[from + k]!;
      if (continuous[i]!++ === 0) touch(a, i);
    }
  }
}

function flushRungs(a: Aggregate): void {
  const { pendingRung, rung, months } = a;
  const width = a.countries * NR;
  for (let j = 0; j < width; j++) {
    let count = 0;
    for (let m = 0, i = j; m < months; m++, i += width) {
      count += pendingRung[i]!;
      rung[i]! += count;
    }
  }
}

function touch(a: Aggregate, i: number): void {
  if (a.touchedAll) return;
  if (a.touchedCount === a.touched.length) {
    const more = new Uint32Array(2 * a.touched.length);
    more.set(a.touched);
    a.touched = more;
  }
  a.touched[a.touchedCount++] = i;
}

let scratch = new Int32Array(0);
/** Zeroed changes of the counts at or above each rung, [month·COUNTS + k], month ≤ M. */
function countScratch(months: number): Int32Array {
  const size = (months + 1) * COUNTS.length;
  if (scratch.length < size) scratch = new Int32Array(size);
  else scratch.fill(0, 0, size);
  return scratch;
}

const moveScratch = new Uint32Array(MOVE_SERIES.length);

const bin = (x: number) => Math.min(RESOLUTION, Math.max(0, Math.round(x * RESOLUTION)));

export function addRun(a: Aggregate, r: SimResult): void {
  const { months: M, countries: C } = a;
  if (r.months.length !== M || r.countries.length !== C)
    throw new RangeError(
      `run shape ${r.months.length}×${r.countries.length} differs from the aggregate's ${M}×${C}`,
    );
  a.runs++;
  const atLeast = countScratch(M);
  addStretches(a, r.rung, atLeast);
  addUnSeat(a, r.un_seat);
  addMoves(a, countMoves(r.moves, moveScratch));
  addCounts(a, atLeast);
  addPending(a, r);
  if (++a.pendingRuns === PENDING) flush(a);
  addFirst(a, r);
}

/** Each country's stretches at one rung: their starts and ends feed the rung histogram and the counts
 * at or above each rung (`atLeast`, their changes by month). */
function addStretches(a: Aggregate, rungs: Int8Array, atLeast: Int32Array): void {
  const { months: M, countries: C, pendingRung, reached } = a;
  const NK = COUNTS.length;
  for (let c = 0; c < C; c++) {
    let start = 0;
    let rung = rungs[c]!;
    let highest = -1;
    for (let m = 1; m <= M; m++) {
      const next = m < M ? rungs[m * C + c]! : -1;
      if (next === rung) continue;
      pendingRung[(start * C + c) * NR + rung]!++;
      pendingRung[(m * C + c) * NR + rung]!--;
      for (let k = 0; k < NK; k++)
        if (rung >= COUNTS[k]!.k) {
          atLeast[start * NK + k]!++;
          atLeast[m * NK + k]!--;
        }
      for (; highest < rung; highest++) reached[(c * NR + highest + 1) * (M + 1) + start]!++;
      start = m;
      rung = next;
    }
    for (let k = highest + 1; k < NR; k++) reached[(c * NR + k) * (M + 1) + M]!++;
  }
}

function addUnSeat(a: Aggregate, seated: Uint8Array): void {
  for (let m = 0; m < a.months; m++) if (seated[m]) a.unSeat[m]!++;
}

function addMoves(a: Aggregate, moves: Uint32Array): void {
  for (let s = 0; s < moves.length; s++)
    if (moves[s]! > 0) {
      a.moves[s]! += moves[s]!;
      a.movesRuns[s]!++;
    }
}

/** The counts at or above each rung, month by month, from their changes. */
function addCounts(a: Aggregate, atLeast: Int32Array): void {
  const { months: M, countries: C, counts } = a;
  const NK = COUNTS.length;
  for (let k = 0; k < NK; k++) {
    let n = 0;
    for (let m = 0; m < M; m++) {
      n += atLeast[m * NK + k]!;
      counts[(k * M + m) * (C + 1) + n]!++;
    }
  }
}

/** The run's continuous series as bins, pending (flush counts them). */
function addPending(a: Aggregate, r: SimResult): void {
  const { months: M, pending } = a;
  const NF = FACTIONS.length;
  const ND = DIMENSIONS.length;
  const k = a.pendingRuns;
  const { power, policy, threat, legitimacy } = r;
  for (let m = 0; m < M; m++) {
    let s = 0;
    for (let f = 0; f < NF; f++) pending[(s++ * M + m) * PENDING + k] = bin(power[m * NF + f]!);
    for (let d = 0; d < ND; d++) pending[(s++ * M + m) * PENDING + k] = bin(policy[m * ND + d]!);
    pending[(s++ * M + m) * PENDING + k] = bin(threat[m]!);
    pending[(s++ * M + m) * PENDING + k] = bin(legitimacy[m]!);
  }
}

/** Who recognized first, when, and how many followed. */
function addFirst(a: Aggregate, r: SimResult): void {
  const order = recognitions(r);
  const first = order[0];
  if (!first) {
    a.first[a.countries]!++;
    return;
  }
  for (const x of order) if (x.month === first.month) a.first[r.countries.indexOf(x.country)]!++;
  a.firstMonth[first.month]!++;
  a.cascade[cascadeSize(order)]!++;
}

const FIELDS = [
  'rung',
  'continuous',
  'counts',
  'first',
  'firstMonth',
  'cascade',
  'reached',
  'unSeat',
  'moves',
  'movesRuns',
] as const;

/** Add `b` into `a` (same shape). */
export function mergeInto(a: Aggregate, b: Aggregate): void {
  if (a.months !== b.months || a.countries !== b.countries)
    throw new RangeError(
      `cannot merge aggregates of shapes ${a.months}×${a.countries} and ${b.months}×${b.countries}`,
    );
  flush(a);
  flush(b);
  a.touchedAll = true;
  a.runs += b.runs;
  for (const f of FIELDS) {
    const x = a[f];
    const y = b[f];
    for (let i = 0; i < x.length; i++) x[i]! += y[i]!;
  }
}

/** What a task sends back: the small histograms whole, the continuous one (3.6 MB, mostly empty)
 * as its non-zero cells, so that thousands of tasks neither copy nor leave behind megabytes each. */
export interface AggregatePart {
  runs: number;
  months: number;
  countries: number;
  rung: Uint32Array;
  counts: Uint32Array;
  first: Uint32Array;
  firstMonth: Uint32Array;
  cascade: Uint32Array;
  reached: Uint32Array;
  unSeat: Uint32Array;
  moves: Float64Array;
  movesRuns: Uint32Array;
  continuousIndex: Uint32Array;
  continuousCount: Uint32Array;
}

/** Every field but the continuous histogram, which a part carries as its non-zero cells. */
const SMALL = FIELDS.filter((f): f is Exclude<(typeof FIELDS)[number], 'continuous'> => f !== 'continuous');

/** Where a part's arrays get their memory: `bytes` from `offset` (a multiple of 8) of `buffer` — a
 * worker thread's slot of shared memory, which the main thread reads the part from and hands back for
 * a later task, or new memory. */
export type Allocate = (bytes: number) => { buffer: ArrayBufferLike; offset: number };
const fresh: Allocate = (bytes) => ({ buffer: new ArrayBuffer(bytes), offset: 0 });

type Kind<T> = { new (b: ArrayBufferLike, at: number, n: number): T; BYTES_PER_ELEMENT: number };

/** n elements of a typed array, in memory from `alloc`. */
export function arrayIn<T extends Uint32Array | Float64Array>(kind: Kind<T>, n: number, alloc = fresh): T {
  const { buffer, offset } = alloc(kind.BYTES_PER_ELEMENT * n);
  return new kind(buffer, offset, n);
}

function copyOf<T extends Uint32Array | Float64Array>(x: T, alloc: Allocate): T {
  const out = arrayIn(x.constructor as Kind<T>, x.length, alloc);
  out.set(x);
  return out;
}

export function partOf(a: Aggregate, alloc: Allocate = fresh): AggregatePart {
  flush(a);
  const { continuous } = a;
  let cells: Uint32Array;
  if (a.touchedAll) {
    const nonZero: number[] = [];
    for (let i = 0; i < continuous.length; i++) if (continuous[i] !== 0) nonZero.push(i);
    cells = Uint32Array.from(nonZero);
  } else cells = a.touched.subarray(0, a.touchedCount);
  const continuousIndex = copyOf(cells, alloc);
  const continuousCount = countsAt(continuous, cells, arrayIn(Uint32Array, cells.length, alloc));
  return {
    runs: a.runs,
    months: a.months,
    countries: a.countries,
    ...(Object.fromEntries(SMALL.map((f) => [f, copyOf(a[f], alloc)])) as Pick<
      AggregatePart,
      (typeof SMALL)[number]
    >),
    continuousIndex,
    continuousCount,
  };
}

function countsAt(continuous: Uint32Array, cells: Uint32Array, out: Uint32Array): Uint32Array {
  for (let j = 0; j < cells.length; j++) out[j] = continuous[cells[j]!]!;
  return out;
}

/** Add a task's part into `a` (same shape). */
export function mergePart(a: Aggregate, p: AggregatePart): void {
  if (a.months !== p.months || a.countries !== p.countries)
    throw new RangeError(
      `cannot merge aggregates of shapes ${a.months}×${a.countries} and ${p.months}×${p.countries}`,
    );
  flush(a);
  a.touchedAll = true;
  a.runs += p.runs;
  for (const f of SMALL) {
    const x = a[f];
    const y = p[f];
    for (let i = 0; i < x.length; i++) x[i]! += y[i]!;
  }
  for (let j = 0; j < p.continuousIndex.length; j++)
    a.continuous[p.continuousIndex[j]!]! += p.continuousCount[j]!;
}

/** Zero an aggregate for reuse (a thread keeps one per shape instead of allocating 4 MB a task). */
export function resetAggregate(a: Aggregate): void {
  a.runs = 0;
  for (const f of SMALL) a[f].fill(0);
  if (a.touchedAll) a.continuous.fill(0);
  else zeroAt(a.continuous, a.touched, a.touchedCount);
  a.touchedCount = 0;
  a.touchedAll = false;
  a.pendingRung.fill(0);
  a.pendingRuns = 0;
}

function zeroAt(x: Uint32Array, cells: Uint32Array, n: number): void {
  for (let j = 0; j < n; j++) x[cells[j]!] = 0;
}

/** Counts as JSON-friendly numbers: a run of n zeros is written −n (histograms are mostly zeros). */
export function packCounts(x: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; ) {
    if (x[i] === 0) {
      let j = i;
      while (j < x.length && x[j] === 0) j++;
      out.push(i - j);
      i = j;
    } else out.push(x[i++]!);
  }
  return out;
}

export function unpackCounts(packed: readonly number[], length: number): Uint32Array {
  return unpackInto(packed, new Uint32Array(length));
}

/** Unpack into `out` (its length is the expected one); a count must fit its cells. */
export function unpackInto<T extends Uint32Array | Float64Array>(packed: readonly number[], out: T): T {
  const { length } = out;
  const max = out instanceof Uint32Array ? 0xffffffff : Number.MAX_SAFE_INTEGER;
  let i = 0;
  for (const v of packed) {
    if (!Number.isInteger(v)) throw new RangeError(`packed counts: ${v} is not an integer`);
    if (v > max) throw new RangeError(`packed counts: ${v} is too large`);
    if (v < 0) i -= v;
    else out[i++] = v;
    if (i > length) throw new RangeError(`packed counts overflow the expected length ${length}`);
  }
  if (i !== length) throw new RangeError(`packed counts cover ${i} of ${length} cells`);
  return out;
}

export interface PackedAggregate {
  runs: number;
  months: number;
  countries: number;
  rung: number[];
  continuous: number[];
  counts: number[];
  first: number[];
  firstMonth: number[];
  cascade: number[];
  reached: number[];
  unSeat: number[];
  moves: number[];
  movesRuns: number[];
}

export function packAggregate(a: Aggregate): PackedAggregate {
  flush(a);
  return {
    runs: a.runs,
    months: a.months,
    countries: a.countries,
    ...(Object.fromEntries(FIELDS.map((f) => [f, packCounts(a[f])])) as Record<
      (typeof FIELDS)[number],
      number[]
    >),
  };
}

export function unpackAggregate(p: PackedAggregate): Aggregate {
  const a = createAggregate(p.months, p.countries);
  a.runs = p.runs;
  a.touchedAll = true;
  for (const f of FIELDS) {
    if (!Array.isArray(p[f])) throw new RangeError(`packed aggregate: no '${f}' counts`);
    unpackInto(p[f], a[f]);
  }
  return a;
}

/** The q-quantile of a histogram over `total` observations: the smallest bin whose cumulative count
 * reaches ⌈q·total⌉ (the inverse empirical CDF). */
export function histogramQuantile(
  h: Uint32Array,
  from: number,
  width: number,
  total: number,
  q: number,
): number {
  const rank = Math.max(1, Math.ceil(q * total));
  let cum = 0;
  for (let b = 0; b < width; b++) {
    cum += h[from + b]!;
    if (cum >= rank) return b;
  }
  return width - 1;
}
