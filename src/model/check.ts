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

const FIELDS = ['drive', 'shock', 'felt', 'power', 'ideal', 'policy'] as const;
const SCALARS = ['threat', 'earned', 'unearned', 'isolation', 'legitimacy'] as const;

export function checkFinite(w: World): void {
  // one sum first, finite whenever every value is (a NaN or an infinity carries into it): the fields
  // are searched only when it is not (and should huge finite values overflow it, the search finds
  // nothing and the check passes, as it should)
  let sum = 0;
  for (const field of SCALARS) sum += w[field];
  for (const field of FIELDS) {
    const a = w[field];
    for (let k = 0; k < a.length; k++) sum += a[k]!;
  }
  if (Number.isFinite(sum)) return;
  for (const field of FIELDS) {
    const a = w[field];
    for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) throw new NonFiniteError(field, w.date);
  }
  for (const field of SCALARS) if (!Number.isFinite(w[field])) throw new NonFiniteError(field, w.date);
}
