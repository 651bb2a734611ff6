// The playground's controls: which parameters the page exposes, with their slider ranges. Pure data.

/** `{country}` in a path stands for the country picked in the country list. */
export const COUNTRY = '{country}';

export interface SliderDef {
  id: string;
  /** dotted parameter path (as under `set:`), or 'power' for the faction power slider */
  path: string;
  label: string;
  min: number;
  max: number;
  step: number;
  help: string;
}

export interface ToggleDef {
  id: string;
  path: string;
  label: string;
  help: string;
}

export interface Group {
  legend: string;
  toggles?: ToggleDef[];
  sliders: SliderDef[];
  /** the group's sliders apply to the country picked in this group's list */
  perCountry?: boolean;
}

export const GROUPS: Group[] = [
  {
    legend: 'Taliban factions',
    sliders: [
      {
        id: 'power',
        path: 'power',
        label: 'Haqqani power share at the start',
        min: 0.03,
        max: 0.94,
        step: 0.01,
        help: 'Set by an event at the start month; Kandahar and the swing bloc are renormalized.',
      },
    ],
  },
  {
    legend: 'Competing mechanisms',
    toggles: [
      {
        id: 'reform-enabled',
        path: 'mechanisms.reform_rewarded.enabled',
        label: 'Reform rewarded',
        help: 'engagement earned by reform strengthens the pragmatists',
      },
      {
        id: 'emboldening-enabled',
        path: 'mechanisms.emboldening.enabled',
        label: 'Emboldening',
        help: 'legitimacy given without reform strengthens the hardliners',
      },
      {
        id: 'crackdown-enabled',
        path: 'mechanisms.isolation_crackdown.enabled',
        label: 'Isolation crack-down',
        help: 'Western isolation makes Kandahar crack down harder',
      },
    ],
    sliders: [
      {
        id: 'reform-power',
        path: 'mechanisms.reform_rewarded.power_gain',
        label: 'Reform elasticity: power gain',
        min: 0,
        max: 0.15,
        step: 0.005,
        help: "pragmatists' monthly log-power gain per unit of earned engagement",
      },
      {
        id: 'reform-ideal',
        path: 'mechanisms.reform_rewarded.ideal_gain',
        label: 'Reform elasticity: ideal gain',
        min: 0,
        max: 2,
        step: 0.05,
        help: "how far earned engagement moves the pragmatists' ideals toward reform",
      },
      {
        id: 'emboldening-power',
        path: 'mechanisms.emboldening.power_gain',
        label: 'Emboldening: power gain',
        min: 0,
        max: 0.15,
        step: 0.005,
        help: "Kandahar's monthly log-power gain per unit of unearned engagement",
      },
    ],
  },
  {
    legend: 'Threat and decisions',
    sliders: [
      {
        id: 'threat-mean',
        path: 'threat.mean',
        label: 'ISK threat (long-run mean)',
        min: 0,
        max: 1,
        step: 0.01,
        help: 'long-run ISK threat level with no Taliban counter-terrorism',
      },
      {
        id: 'decision-rights',
        path: 'decision.rights',
        label: "Weight of women's rights",
        min: 0,
        max: 3,
        step: 0.05,
        help: "global weight of the women's-rights deficit in every country's drive (rungs)",
      },
      {
        id: 'decision-security',
        path: 'decision.security',
        label: 'Weight of security',
        min: 0,
        max: 20,
        step: 0.5,
        help: 'global weight of exposure × threat × counter-terrorism cooperation (rungs)',
      },
      {
        id: 'decision-first-mover',
        path: 'decision.first_mover',
        label: 'First-mover cost of recognition',
        min: 0,
        max: 4,
        step: 0.1,
        help: 'extra drive (rungs) formal recognition needs while nobody has recognized',
      },
    ],
  },
  {
    legend: 'One country',
    perCountry: true,
    sliders: [
      {
        id: 'country-review',
        path: `countries.${COUNTRY}.review_rate`,
        label: 'Review rate (per month)',
        min: 0,
        max: 1,
        step: 0.01,
        help: 'probability per month that the country reviews its stance',
      },
      {
        id: 'country-rights',
        path: `countries.${COUNTRY}.rights`,
        label: "Weight on women's rights",
        min: 0,
        max: 1,
        step: 0.01,
        help: "the country's own weight on women's and girls' rights",
      },
      {
        id: 'country-domestic',
        path: `countries.${COUNTRY}.domestic`,
        label: 'Domestic cost',
        min: 0,
        max: 1,
        step: 0.01,
        help: 'domestic political cost of legitimizing the Taliban',
      },
    ],
  },
];

/** A slider's parameter path for the picked country. */
export function pathFor(def: { path: string }, country: string): string {
  return def.path.replace(COUNTRY, country);
}

/** Digits after the decimal point of a step (0.005 → 3). */
export function decimals(step: number): number {
  const text = String(step);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A slider's reading, rounded to its step's decimals (no 0.30000000000000004). */
export function readSlider(text: string, step: number): number {
  return Number(Number(text).toFixed(decimals(step)));
}
