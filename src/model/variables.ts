// The world-state variables a condition may read. The model writes them into a Float64Array each month;
// compiled conditions read them by index, so evaluating a gate allocates nothing.

export const WORLD_VARIABLES = {
  womens_rights: "regime policy index: women's and girls' rights (0..1)",
  ct_cooperation: 'regime policy index: counter-terrorism cooperation (0..1)',
  inclusivity: 'regime policy index: inclusive governance (0..1)',
  isk_threat: 'ISK threat level (0..1)',
  power_kandahar: 'power share of the Kandahar faction',
  power_haqqani: 'power share of the Haqqani faction',
  power_swing: 'power share of the swing/pragmatist bloc',
  legitimacy: 'weighted mean rung of all countries / 6 (0..1)',
  recognizers: 'number of countries at rung 6 (formal recognition)',
  ambassadors: 'number of countries at rung 5 or above',
  presence: 'number of countries at rung 4 or above',
  un_seat: '1 if the Taliban hold the UN seat, else 0',
  year: 'calendar year of the month being simulated',
} as const;

export type WorldVariable = keyof typeof WORLD_VARIABLES;

/** All variable names, in index order: world variables, then rung_<ID>, then listed_<ID>. */
export function conditionVariables(countryIds: readonly string[]): string[] {
  return [
    ...Object.keys(WORLD_VARIABLES),
    ...countryIds.map((id) => `rung_${id}`),
    ...countryIds.map((id) => `listed_${id}`),
  ];
}

/** Description of any condition variable, for help texts and `describe`. */
export function describeVariable(name: string): string | undefined {
  if (name in WORLD_VARIABLES) return WORLD_VARIABLES[name as WorldVariable];
  if (name.startsWith('rung_')) return `engagement rung of ${name.slice(5)} (0..6)`;
  if (name.startsWith('listed_')) return `1 if ${name.slice(7)} lists the Taliban as terrorist, else 0`;
  return undefined;
}
