// A seeded, derivative-free, bounded minimizer for calibration: Nelder–Mead (Nelder & Mead 1965, in the
// formulation of Lagarias et al. 1998) in the unit cube with random restarts. Built for expensive,
// deterministic objectives (each evaluation runs an ensemble under common random numbers): every
// evaluation is counted and traced, and no point is evaluated again when its value is already at hand.

import { checkCount, type Rand } from './stats.js';

export interface OptimizeOptions {
  /** uniforms in (0, 1) for the restart points; the same stream gives the same result */
  rand: Rand;
  /** total objective evaluations over all starts; default 200·n */
  maxEvaluations?: number;
  /** evaluations one start may use before the next start; default: no limit beyond the total */
  startEvaluations?: number;
  /** most restarts after the first start; default: keep restarting until the budget is spent */
  restarts?: number;
  /** edge of the initial simplex in unit-cube coordinates, in (0, 0.5]; default 0.1 */
  initialStep?: number;
  /** a start has converged when every vertex lies within xTol of the best (max norm); default 1e-4 */
  xTol?: number;
  /** …or when the vertex values spread by at most fTol; default 1e-8 */
  fTol?: number;
  /** Gao & Han (2012) coefficients for n ≥ 3 (they equal the standard ones at n = 2); default true */
  adaptive?: boolean;
}

export interface TracePoint {
  /** 1-based evaluation number */
  evaluation: number;
  value: number;
  /** best value up to and including this evaluation */
  best: number;
  x: number[];
}

export interface OptimizeResult {
  best: number[];
  bestValue: number;
  evaluations: number;
  /** every evaluation in order */
  trace: TracePoint[];
  /** starts after the first */
  restarts: number;
}

/** Thrown inside a start when its budget or the total budget runs out. */
const STOP = Symbol('budget spent');

interface Vertex {
  x: number[];
  f: number;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v === b[i]);
}

/** Minimizes `f` over [0, 1]^n from `start`, then from random restart points, and returns the best point
 * seen. Bounds: trial points are clamped into the cube (projection). Only reflection and expansion can
 * leave it — contractions and shrinks are convex combinations of points inside — and a clamped step lands
 * on the face, so a minimum on the boundary is reached exactly. The price is that the simplex can flatten
 * against a face; convergence then ends the start and a restart gives a fresh, full simplex.
 *
 * A start ends when the simplex has shrunk below `xTol` or its values spread by at most `fTol` (either
 * one: a flat stretch of a step-like ensemble objective is not worth shrinking into), or when it has used
 * `startEvaluations`. Restart points are independent uniforms from `rand` rather than a Latin hypercube,
 * because the number of restarts is not known in advance (it depends on how fast each start converges). */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  opts: OptimizeOptions,
): OptimizeResult {
  const n = start.length;
  if (n === 0) throw new RangeError('start must have at least one coordinate');
  start.forEach((v, i) => {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`start[${i}] must be in [0, 1], got ${v}`);
  });
  const maxEvaluations = opts.maxEvaluations ?? 200 * n;
  checkCount(maxEvaluations, 1, 'maxEvaluations');
  const startEvaluations = opts.startEvaluations ?? maxEvaluations;
  checkCount(startEvaluations, 1, 'startEvaluations');
  const maxRestarts = opts.restarts ?? Number.POSITIVE_INFINITY;
  if (maxRestarts !== Number.POSITIVE_INFINITY) checkCount(maxRestarts, 0, 'restarts');
  const step = opts.initialStep ?? 0.1;
  if (!(step > 0 && step <= 0.5)) throw new RangeError(`initialStep must be in (0, 0.5], got ${step}`);
  const xTol = opts.xTol ?? 1e-4;
  const fTol = opts.fTol ?? 1e-8;
  if (!(xTol >= 0)) throw new RangeError(`xTol must be >= 0, got ${xTol}`);
  if (!(fTol >= 0)) throw new RangeError(`fTol must be >= 0, got ${fTol}`);

  // Reflection, expansion, contraction, shrink. Gao & Han's choice keeps expansion and shrink from
  // degrading in higher dimensions; at n = 1 their shrink factor would be 0, so n ≤ 2 keeps 1, 2, ½, ½.
  const adaptive = (opts.adaptive ?? true) && n >= 3;
  const rho = 1;
  const chi = adaptive ? 1 + 2 / n : 2;
  const psi = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = adaptive ? 1 - 1 / n : 0.5;

  const trace: TracePoint[] = [];
  let best: Vertex = { x: [...start], f: Number.POSITIVE_INFINITY };
  let startUsed = 0;
  let last: Vertex | undefined;

  const evaluate = (x: number[]): Vertex => {
    // Clamping can map a trial onto the point just evaluated (an expansion clamped back onto its
    // reflection); the objective is deterministic, so reuse the value.
    if (last && same(last.x, x)) return { x, f: last.f };
    if (trace.length >= maxEvaluations || startUsed >= startEvaluations) throw STOP;
    const v = f([...x]); // a copy, so an objective that writes to its argument cannot move a vertex
    if (Number.isNaN(v)) throw new RangeError(`objective returned NaN at [${x.join(', ')}]`);
    startUsed++;
    last = { x, f: v };
    if (v < best.f) best = last;
    trace.push({ evaluation: trace.length + 1, value: v, best: best.f, x: [...x] });
    return last;
  };

  /** One Nelder–Mead run from x0; returns when converged, or throws STOP. */
  const run = (x0: number[]): void => {
    // Axis steps of length `step`, turned inward where the +step side would leave the cube, so no
    // initial vertex is clamped and the simplex starts full-dimensional.
    const simplex: Vertex[] = [evaluate(x0)];
    for (let j = 0; j < n; j++) {
      const v = x0[j]!;
      simplex.push(evaluate(x0.with(j, v + step <= 1 ? v + step : v - step)));
    }
    // A clamped trial can land on a vertex (reflecting away from a vertex on a face): reuse its value.
    const trial = (x: number[]): Vertex => simplex.find((s) => same(s.x, x)) ?? evaluate(x);
    for (;;) {
      simplex.sort((a, b) => a.f - b.f);
      const lo = simplex[0]!;
      const worst = simplex[n]!;
      let size = 0;
      for (const s of simplex)
        for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(s.x[j]! - lo.x[j]!));
      if (size <= xTol || worst.f - lo.f <= fTol) return;

      const c = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j]! += simplex[i]!.x[j]! / n;
      const along = (t: number): number[] => c.map((cj, j) => clamp01(cj + t * (cj - worst.x[j]!)));

      const r = trial(along(rho));
      let next: Vertex | undefined;
      if (r.f < lo.f) {
        const e = trial(along(rho * chi));
        next = e.f < r.f ? e : r;
      } else if (r.f < simplex[n - 1]!.f) {
        next = r;
      } else if (r.f < worst.f) {
        // Outside contraction, between the centroid and the (clamped) reflection.
        const oc = trial(c.map((cj, j) => cj + psi * (r.x[j]! - cj)));
        if (oc.f <= r.f) next = oc;
      } else {
        const ic = trial(along(-psi));
        if (ic.f < worst.f) next = ic;
      }
      if (next) {
        simplex[n] = next;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = trial(simplex[i]!.x.map((v, j) => lo.x[j]! + sigma * (v - lo.x[j]!)));
        }
      }
    }
  };

  let restarts = 0;
  let x0 = [...start];
  for (;;) {
    startUsed = 0;
    try {
      run(x0);
    } catch (e) {
      if (e !== STOP) throw e;
    }
    if (trace.length >= maxEvaluations || restarts >= maxRestarts) break;
    restarts++;
    // rand should give (0, 1); the clamp keeps a stray 0 or 1 from a looser stream legal all the same.
    x0 = Array.from({ length: n }, () => clamp01(opts.rand()));
  }
  return { best: [...best.x], bestValue: best.f, evaluations: trace.length, trace, restarts };
}
