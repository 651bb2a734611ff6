// The per-country constant-hazard baseline for a record of monthly rungs: each country moves up, down or
// stays each month with its own fixed probabilities, fitted by maximum likelihood. Its log-likelihood is
// the bar a mechanistic model's likelihood of the same record has to clear (after paying for its
// parameters, e.g. by AIC).

/** The direction of country c's move into month m: sign(observed[c][m] − observed[c][m−1]). */
export function directionsOf(observed: readonly (readonly number[])[], m: number, c: number): -1 | 0 | 1 {
  const row = observed[c];
  if (!row) throw new RangeError(`country index must be in 0..${observed.length - 1}, got ${c}`);
  if (!Number.isInteger(m) || m < 1 || m >= row.length) {
    throw new RangeError(`month must be a whole number in 1..${row.length - 1}, got ${m}`);
  }
  const d = row[m]! - row[m - 1]!;
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

export type ConstantHazard = {
  /** Σ over countries and months of log P(observed direction) at the fitted probabilities */
  loglik: number;
  /** the fitted probabilities of up and of down that are not 0: what the MLE actually uses */
  parameters: number;
  /** the nominal parameter count, 2 per country (up and down; stay is 1 minus them) */
  nominal: number;
  perCountry: { up: number; down: number; loglik: number }[];
};

/** n·log(n / total), with 0·log 0 = 0. */
function term(n: number, total: number): number {
  return n === 0 ? 0 : n * Math.log(n / total);
}

/** Fits the constant-hazard model to observed[country][month] over the moves into months m in
 * [from, to) (each the move from m − 1 to m). The multinomial MLE is up = #ups / #months and
 * down = #downs / #months, and the maximised log-likelihood is Σ n·log(n / #months) over up, down and
 * stay. A country that never moves contributes 0 and uses no parameters. */
export function constantHazard(
  observed: readonly (readonly number[])[],
  from = 1,
  to?: number,
): ConstantHazard {
  if (observed.length === 0) throw new RangeError('constantHazard: no countries');
  const M = observed[0]!.length;
  observed.forEach((row, c) => {
    if (row.length !== M) throw new RangeError(`country ${c} has ${row.length} months, country 0 has ${M}`);
    const bad = row.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`observed[${c}][${bad}] is not finite (${row[bad]})`);
  });
  const end = to ?? M;
  if (!Number.isInteger(end) || end < 2 || end > M) {
    throw new RangeError(`to must be a whole number in 2..${M}, got ${end}`);
  }
  if (!Number.isInteger(from) || from < 1 || from >= end) {
    throw new RangeError(`from must be a whole number in 1..${end - 1}, got ${from}`);
  }
  const months = end - from;
  let loglik = 0;
  let parameters = 0;
  const perCountry = observed.map((_, c) => {
    let ups = 0;
    let downs = 0;
    for (let m = from; m < end; m++) {
      const d = directionsOf(observed, m, c);
      if (d > 0) ups++;
      else if (d < 0) downs++;
    }
    const ll = term(ups, months) + term(downs, months) + term(months - ups - downs, months);
    loglik += ll;
    parameters += (ups > 0 ? 1 : 0) + (downs > 0 ? 1 : 0);
    return { up: ups / months, down: downs / months, loglik: ll };
  });
  return { loglik, parameters, nominal: 2 * observed.length, perCountry };
}
