// seedrandom's per-algorithm modules are plain CJS without typings: the tests check the model's
// streams (src/model/rng.ts) against seedrandom's own tychei.
declare module 'seedrandom/lib/tychei.js' {
  interface PRNG {
    (): number;
    double(): number;
    int32(): number;
  }
  const tychei: (seed: string) => PRNG;
  export default tychei;
}
