// Vega-Lite → Vega, with Vega-Lite's messages collected rather than printed. Apart from render.ts, which
// loads it only for a chart whose compiled structure is not in the cache.

import type { Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface CompileMessages {
  warnings: string[];
  errors: string[];
}

/** vega-lite logger that collects messages instead of printing them. */
function collectingLogger(into: CompileMessages) {
  let lvl = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return lvl;
      lvl = l;
      return logger;
    },
    error: (...args: readonly unknown[]) => {
      into.errors.push(args.map(String).join(' '));
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      into.warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Compile to a Vega spec, collecting vega-lite's warnings rather than printing them to the console. */
export function compileSpec(spec: TopLevelSpec): { vega: Spec } & CompileMessages {
  const messages: CompileMessages = { warnings: [], errors: [] };
  // biome-ignore lint/suspicious/noExplicitAny: vega-lite's logger type is vega-util's LoggerInterface
  const out = compile(spec, { logger: collectingLogger(messages) as any });
  return { vega: out.spec, ...messages };
}
