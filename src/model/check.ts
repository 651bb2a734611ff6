// The last line of defence: every month the state must be finite. Validation refuses the inputs that
// could break it; if one slips through, the run stops with the variable and the month, not a chart of NaN.

import type { World } from './world.js';

export class NonFiniteError extends Error {
  constructor(
    readonly variable: string,
    readonly date: string,
  ) {
    super(`non-finite ${variable} at ${date}`);
    this.name = 'NonFiniteError';
  }
}

/** What the check covers: the state's arrays and numbers that carry from month to month. */
export const FIELDS = ['drive', 'shock', 'felt', 'power', 'ideal', 'policy'] as const;
export const SCALARS = ['threat', 'earned', 'unearned', 'isolation', 'legitimacy'] as const;

/** The sum of a field's values. */
function total(a: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]!;
  return sum;
}

export function checkFinite(w: World): void {
  // one sum first, finite whenever every value is (a NaN or an infinity carries into it): the fields
  // are searched only when it is not (and should huge finite values overflow it, the search finds
  // nothing and the check passes, as it should). The fields are read by name here, not through
  // FIELDS and SCALARS: a lookup by a varying key cost more than the sums (a test holds the lists to
  // these reads)
  const sum =
    w.threat +
    w.earned +
    w.unearned +
    w.isolation +
    w.legitimacy +
    total(w.drive) +
    total(w.shock) +
    total(w.felt) +
    total(w.power) +
    total(w.ideal) +
    total(w.policy);
  if (Number.isFinite(sum)) return;
  for (const field of FIELDS) {
    const a = w[field];
    for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) throw new NonFiniteError(field, w.date);
  }
  for (const field of SCALARS) if (!Number.isFinite(w[field])) throw new NonFiniteError(field, w.date);
}
