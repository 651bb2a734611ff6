// The checks a validation chart makes of its document before it draws it: a RangeError that names the
// chart kind and what is wrong, never a chart of NaNs. Shared by backtest, calibration, forecast and
// explain (rolling checks its own scores).

import { MAX_RUNG } from '../model/types.js';

/** x, or a RangeError if it is not a finite number. */
export function finite(kind: string, x: number, what: string): number {
  if (!Number.isFinite(x)) throw new RangeError(`${kind}: ${what} is not a finite number (got ${x})`);
  return x;
}

/** k, or a RangeError if it is not a whole rung 0..6. */
export function wholeRung(kind: string, k: number, what: string): number {
  if (!Number.isInteger(k) || k < 0 || k > MAX_RUNG)
    throw new RangeError(`${kind}: ${what} must be a whole rung from 0 to ${MAX_RUNG} (got ${k})`);
  return k;
}

/** p, or a RangeError if it is not a probability (or share) in 0..1. */
export function share(kind: string, p: number, what: string): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${kind}: ${what} must be a probability in 0..1 (got ${p})`);
  return p;
}
