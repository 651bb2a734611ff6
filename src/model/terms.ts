// Names of the additive terms the model explains: a country's drive and a faction's power growth.
// Kept apart from the submodels so the world's layout and the explanations share one list.

/** The terms of a country's drive, in rungs. Their sum is the drive its move hazards use. */
export const DRIVE_TERMS = [
  'base',
  'security',
  'harboured',
  'alignment',
  'economic',
  'humanitarian',
  'migration',
  'reserves',
  'rivalry',
  'peers',
  'patron',
  'rights',
  'domestic',
  'sanctions',
  'events',
  'offset',
] as const;
export type DriveTerm = (typeof DRIVE_TERMS)[number];

/** Named contributions to a faction's monthly log-power growth (noise and contests come on top). */
export const POWER_TERMS = [
  'consolidation',
  'reform_rewarded',
  'emboldening',
  'isolation_crackdown',
] as const;
