// PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), peeling only, as used for scenario
// discovery in the EMA Workbench: shrink a box around the cases of interest a small slice at a time and
// record the coverage–density trade-off along the way.

export interface Box {
  lo: number[];
  hi: number[];
}

export interface PrimStep {
  step: number;
  /** cases of interest in the box / all cases of interest (0 when there are none) */
  coverage: number;
  /** cases of interest in the box / points in the box */
  density: number;
  /** points in the box */
  n: number;
  box: Box;
}

export interface PrimResult {
  /** step 0 is the box around all the data; each later step is one peel */
  trajectory: PrimStep[];
  /** index into trajectory of the suggested box: the densest step with coverage ≥ 0.5 (the earliest
   * such step on ties), or the last step if no step reaches that coverage */
  chosen: number;
}

export interface PrimOptions {
  /** share of the box's points each peel of a continuous factor removes; default 0.05 */
  alpha?: number;
  /** stop before the box would hold fewer than this share of all points; default 0.05 */
  minMass?: number;
  /** per factor: true for factors with few distinct values, peeled one whole value at a time */
  discrete?: boolean[];
}

/** The coverage a box must keep to be chosen. */
const MIN_COVERAGE = 0.5;

interface Peel {
  box: Box;
  keep: number[];
  hits: number;
}

/** The candidate peels of factor d, low end first: a continuous peel moves the limit to the value with
 * ⌊alpha·m⌋ (at least one) of the box's m points beyond it, keeping ties with that value; a discrete peel
 * drops the lowest or highest value present. Peels that would remove nothing are left out. */
function peels(
  x: readonly number[][],
  y: readonly boolean[],
  inBox: readonly number[],
  box: Box,
  d: number,
  alpha: number,
  discrete: boolean,
): Peel[] {
  const values = inBox.map((p) => x[p]![d]!).sort((a, b) => a - b);
  const m = values.length;
  const first = values[0]!;
  const last = values[m - 1]!;
  const q = Math.max(1, Math.floor(alpha * m));
  const lo = discrete ? (values.find((v) => v > first) ?? first) : (values[q] ?? last);
  const hi = discrete ? (values.findLast((v) => v < last) ?? last) : (values[m - 1 - q] ?? first);
  const out: Peel[] = [];
  const low = inBox.filter((p) => x[p]![d]! >= lo);
  if (low.length < m)
    out.push({ box: { lo: box.lo.with(d, lo), hi: box.hi }, keep: low, hits: count(y, low) });
  const high = inBox.filter((p) => x[p]![d]! <= hi);
  if (high.length < m)
    out.push({ box: { lo: box.lo, hi: box.hi.with(d, hi) }, keep: high, hits: count(y, high) });
  return out;
}

function count(y: readonly boolean[], idx: readonly number[]): number {
  let c = 0;
  for (const p of idx) if (y[p]) c++;
  return c;
}

/** Whether peel a beats b: higher density, then more points kept. Densities are compared by
 * cross-multiplying integer counts, so the choice never hinges on rounding. */
function better(a: Peel, b: Peel | undefined): boolean {
  if (b === undefined) return true;
  const diff = a.hits * b.keep.length - b.hits * a.keep.length;
  return diff > 0 || (diff === 0 && a.keep.length > b.keep.length);
}

function checkInput(x: readonly number[][], y: readonly boolean[], opts: PrimOptions): number {
  if (x.length === 0) throw new RangeError('prim needs at least one point, got n = 0');
  if (y.length !== x.length) throw new RangeError(`y has ${y.length} values but x has ${x.length} rows`);
  const k = x[0]!.length;
  if (k === 0) throw new RangeError('prim needs at least one factor, got rows of length 0');
  x.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`x[${i}] has ${row.length} factors, x[0] has ${k}`);
    const bad = row.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`x[${i}][${bad}] is not finite (${row[bad]})`);
  });
  const { alpha = 0.05, minMass = 0.05, discrete } = opts;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(minMass >= 0 && minMass <= 1)) throw new RangeError(`minMass must be in [0, 1], got ${minMass}`);
  if (discrete && discrete.length !== k) {
    throw new RangeError(`discrete has ${discrete.length} entries but x has ${k} factors`);
  }
  return k;
}

/** Peel a box around the points x (rows of factor values) where y is true. At each step every factor's
 * low and high peel is tried and the one giving the highest density kept (ties: more points kept, then
 * the lower factor index, then low before high). Peeling stops when the best peel does not raise the
 * density or would leave fewer than minMass of all points in the box. */
export function prim(x: readonly number[][], y: readonly boolean[], opts: PrimOptions = {}): PrimResult {
  const k = checkInput(x, y, opts);
  const { alpha = 0.05, minMass = 0.05, discrete = [] } = opts;
  const cases = count(
    y,
    y.map((_, i) => i),
  );
  let cur: Peel = {
    box: {
      lo: Array.from({ length: k }, (_, d) => x.reduce((m, r) => Math.min(m, r[d]!), Infinity)),
      hi: Array.from({ length: k }, (_, d) => x.reduce((m, r) => Math.max(m, r[d]!), -Infinity)),
    },
    keep: x.map((_, i) => i),
    hits: cases,
  };
  const record = (step: number): PrimStep => ({
    step,
    coverage: cases === 0 ? 0 : cur.hits / cases,
    density: cur.hits / cur.keep.length,
    n: cur.keep.length,
    box: cur.box,
  });
  const trajectory = [record(0)];
  for (;;) {
    let best: Peel | undefined;
    // Enumerating factors in order, low before high, and replacing only on a strict win gives the
    // documented tie-breaks.
    for (let d = 0; d < k; d++) {
      for (const p of peels(x, y, cur.keep, cur.box, d, alpha, discrete[d] ?? false)) {
        if (better(p, best)) best = p;
      }
    }
    if (!best || best.hits * cur.keep.length <= cur.hits * best.keep.length) break;
    if (best.keep.length < minMass * x.length) break;
    cur = best;
    trajectory.push(record(trajectory.length));
  }
  let chosen = trajectory.length - 1;
  let bestDensity = -1;
  for (const s of trajectory) {
    if (s.coverage >= MIN_COVERAGE && s.density > bestDensity) {
      bestDensity = s.density;
      chosen = s.step;
    }
  }
  return { trajectory, chosen };
}

/** The factors a box restricts compared with the full box (trajectory[0].box), so a report can list only
 * the limits that matter. */
export function restrictedDims(box: Box, full: Box): number[] {
  return box.lo.flatMap((lo, d) => (lo > full.lo[d]! || box.hi[d]! < full.hi[d]! ? [d] : []));
}
