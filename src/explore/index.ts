// Experimental designs, global sensitivity analysis and scenario discovery: pure arithmetic on unit-cube
// designs and model outputs the caller computes.

export { fullFactorial, latinHypercube } from './designs.js';
export { type MorrisDesign, type MorrisIndices, morrisDesign, morrisIndices } from './morris.js';
export {
  nelderMead,
  type OptimizeOptions,
  type OptimizeResult,
  type TracePoint,
} from './optimize.js';
export { type Box, type PrimOptions, type PrimResult, type PrimStep, prim, restrictedDims } from './prim.js';
export { type SaltelliDesign, type SobolIndices, saltelliDesign, sobolIndices } from './sobol.js';
export {
  bootstrapIntervals,
  type Interval,
  mean,
  meanInterval,
  pairedDifference,
  percentile,
  type Rand,
  variance,
} from './stats.js';
