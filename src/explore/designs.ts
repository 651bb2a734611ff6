// Space-filling and factorial designs in the unit cube. Callers map a unit value u to a factor value with
// the factor's inverse CDF (or lo + u·(hi − lo) for a uniform range).

import { checkCount, permutation, type Rand } from './stats.js';

/** n points in [0, 1)^k; each column has exactly one point in every stratum [j/n, (j+1)/n), at a
 * uniform position within it, with strata matched across columns by independent random permutations
 * (McKay, Beckman & Conover 1979). */
export function latinHypercube(n: number, k: number, rand: Rand): number[][] {
  checkCount(n, 1, 'n');
  checkCount(k, 1, 'k');
  const rows = Array.from({ length: n }, () => new Array<number>(k));
  for (let c = 0; c < k; c++) {
    const strata = permutation(n, rand);
    for (let i = 0; i < n; i++) {
      const j = strata[i]!;
      const v = (j + rand()) / n;
      // (j + u)/n rounds up to the next stratum's edge when u is within an ulp of 1; keep it inside.
      rows[i]![c] = v < (j + 1) / n ? v : (j + 0.5) / n;
    }
  }
  return rows;
}

/** Every combination of level indices, row-major with the last factor varying fastest:
 * levels [2, 3] → [0,0], [0,1], [0,2], [1,0], [1,1], [1,2]. */
export function fullFactorial(levels: readonly number[]): number[][] {
  levels.forEach((l, i) => {
    checkCount(l, 1, `levels[${i}]`);
  });
  let rows: number[][] = [[]];
  for (const l of levels) rows = rows.flatMap((r) => Array.from({ length: l }, (_, i) => [...r, i]));
  return rows;
}
