// The pre-bundled UMD build of mathjs loads in ~0.2 s instead of ~1 s for the 1262-file ESM graph.
declare module 'mathjs/lib/browser/math.js' {
  import type * as m from 'mathjs';

  const d: typeof m;
  export default d;
}
