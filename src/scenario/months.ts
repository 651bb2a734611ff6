// The months a scenario may run: from the first month the data observes to LAST_MONTH. Apart from
// data.ts and load.ts (which bring the YAML reader, the schema and the condition compiler), so that
// building a run's input from scenarios already loaded needs neither.

import type { ModelData } from './data.js';

/** The last month a scenario may reach. */
export const LAST_MONTH = '2100-12';

/** The first month of the history: the earliest `stance` row (every country has one then). */
export function firstObservedMonth(data: ModelData): string {
  const s = data.observations.find((o) => o.kind === 'stance');
  return s ? s.date : '2021-08';
}
