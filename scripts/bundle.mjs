// npm run build, after tsc: the CLI's two entry points (the command, and the ensemble's worker thread)
// bundled by esbuild into dist/cli, so a command loads a few files instead of ~450 modules (Vega alone
// ~350: ~200 ms of a cold `run` with charts, ~90 ms bundled). What is imported lazily (each command,
// the chart builders, Vega, Vega-Lite, resvg) stays in chunks of its own, loaded only when used; the
// chunks sit beside bin.js, so the paths the CLI finds from its own file (the package root, the fonts,
// the worker, the code it hashes for the cache) are those of the tsc build. The rest of dist/ is
// tsc's output, for the library's entry points. Kept outside: the native resvg addon and piscina (it
// starts threads from its own files). yargs is inside (~40 files fewer: ~10% of a cold `run
// --no-charts`); its locale files are not, and need not be: the CLI's messages are English
// (main.ts), and yargs' own English strings are in its code.

import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'dist', 'cli');

// chunks of an earlier bundle (their names carry a content hash)
for (const f of readdirSync(out)) if (/-[A-Z0-9]{8}\.js$/.test(f)) rmSync(join(out, f));
// tsc's maps of the two entry files no longer match them
for (const f of ['bin.js.map', 'worker.js.map']) rmSync(join(out, f), { force: true });

await build({
  absWorkingDir: root,
  entryPoints: ['src/cli/bin.ts', 'src/cli/worker.ts'],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@resvg/resvg-js', 'piscina'],
  // CommonJS dependencies (yaml) call require(), which an ES module has to be given
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
