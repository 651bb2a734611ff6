// seedrandom's per-algorithm modules are plain CJS without typings; importing one directly keeps the
// model free of seedrandom's Node-only autoseed code path.
declare module 'seedrandom/lib/tychei.js' {
  interface PRNG {
    (): number;
    double(): number;
    int32(): number;
  }
  const tychei: (seed: string) => PRNG;
  export default tychei;
}
