// A progress bar on stderr for long work, drawn only when stderr is a terminal and not --quiet.

import type { Context } from './context.js';

export interface Progress {
  add(n: number): void;
  done(): void;
}

const WIDTH = 30;

export function progress(ctx: Context, total: number, what: string, quiet: boolean): Progress {
  if (!ctx.tty || quiet || total <= 0) return { add() {}, done() {} };
  const t0 = performance.now();
  let count = 0;
  let drawn = 0;
  const draw = () => {
    const filled = Math.round((WIDTH * count) / total);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    ctx.err(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total} ${what} ${secs} s`);
    drawn = performance.now();
  };
  draw();
  return {
    add(n) {
      count += n;
      // at most ten redraws a second
      if (performance.now() - drawn > 100 || count === total) draw();
    },
    done() {
      ctx.err('\r\x1b[2K');
    },
  };
}
