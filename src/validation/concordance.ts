// Harrell's concordance index for first-passage times that may be right-censored (a country that has
// not reached a rung by the end of the record), and the restricted mean first-passage time that turns
// an ensemble's first-passage histogram into one predicted time per country to rank with it.

/** A first-passage time as observed: the month it happened (event) or the last month seen (censored). */
export type Survival = { time: number; event: boolean };

export type Concordance = {
  /** (concordant + tied/2) / comparable; null when no pair is comparable */
  c: number | null;
  comparable: number;
  concordant: number;
  /** comparable pairs whose predicted times are equal, each counted as half concordant */
  tied: number;
};

/** Harrell's C (Harrell, Califf, Pryor, Lee & Rosati 1982, JAMA 247:2543): the share of comparable
 * pairs the predicted times put in the observed order. A pair is comparable when the one with the
 * shorter observed time had the event and its time is strictly shorter than the other's, observed or
 * censored: a censored time says nothing about what came after it, and equal observed times give no
 * order. The pair is concordant when the earlier one's predicted time is smaller (smaller = sooner);
 * equal predictions count 1/2. O(n²), which is nothing for a few dozen countries. */
export function harrellC(observed: readonly Survival[], predicted: readonly number[]): Concordance {
  if (observed.length !== predicted.length) {
    throw new RangeError(
      `harrellC: lengths differ, ${observed.length} observed vs ${predicted.length} predicted`,
    );
  }
  observed.forEach((o, i) => {
    if (!Number.isFinite(o.time))
      throw new RangeError(`harrellC: observed[${i}].time is not finite (${o.time})`);
    if (typeof o.event !== 'boolean') {
      throw new RangeError(`harrellC: observed[${i}].event must be a boolean, got ${o.event}`);
    }
  });
  const bad = predicted.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`harrellC: predicted[${bad}] is not finite (${predicted[bad]})`);

  let comparable = 0;
  let concordant = 0;
  let tied = 0;
  for (let i = 0; i < observed.length; i++) {
    const a = observed[i]!;
    if (!a.event) continue; // only an observed event can be the earlier one of a comparable pair
    for (let j = 0; j < observed.length; j++) {
      if (a.time >= observed[j]!.time) continue;
      comparable++;
      if (predicted[i]! < predicted[j]!) concordant++;
      else if (predicted[i] === predicted[j]) tied++;
    }
  }
  return { c: comparable === 0 ? null : (concordant + tied / 2) / comparable, comparable, concordant, tied };
}

/** The restricted mean first-passage time E[min(T, M)] from the histogram slice hist[from .. from+n) of
 * first-passage months 0..M−1, whose last bin (index n − 1 = M) counts the runs that never got there
 * within the window: "never" is placed at M. The slice must count exactly `runs` runs. */
export function restrictedMeanTime(hist: ArrayLike<number>, from: number, n: number, runs: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number ≥ 1, got ${n}`);
  if (!Number.isInteger(from) || from < 0 || from + n > hist.length) {
    throw new RangeError(`from must be a whole number in 0..${hist.length - n}, got ${from}`);
  }
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be a whole number ≥ 1, got ${runs}`);
  let total = 0;
  let s = 0;
  for (let t = 0; t < n; t++) {
    const h = hist[from + t]!;
    if (!(h >= 0)) throw new RangeError(`hist[${from + t}] must be a count ≥ 0, got ${h}`);
    total += h;
    s += t * h;
  }
  if (total !== runs) throw new RangeError(`the histogram slice counts ${total} runs, not ${runs}`);
  return s / runs;
}
