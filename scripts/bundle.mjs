// npm run build, after tsc: the CLI's two entry points (the command, and the ensemble's worker thread)
// bundled by esbuild into dist/cli, so a command loads a few files instead of ~450 modules (Vega alone
// ~350: ~200 ms of a cold `run` with charts, ~90 ms bundled). What is imported lazily (each command,
// the chart builders, Vega, Vega-Lite, resvg) stays in chunks of its own, loaded only when used; the
// chunks sit beside bin.js, so the paths the CLI finds from its own file (the package root, the fonts,
// the worker, the code it hashes for the cache) are those of the tsc build. The rest of dist/ is
// tsc's output, for the library's entry points. Kept outside: the native resvg addon and piscina (it
// starts threads from its own files). yargs is inside (~40 files fewer: ~10% of a cold `run
// --no-charts`); its locale files are not, and need not be: the CLI's messages are English
// (main.ts), and yargs' own English strings are in its code. Two of its dependencies are bundled
// otherwise: string-width loads on its first call (lazyStringWidth), escalade is left out
// (noPackageSearch).

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

/**
 * string-width measures columns for yargs' help and cliui's layout, and nothing else the CLI does; but
 * its top level compiles Unicode-property regular expressions (emoji sets among them) and makes an
 * Intl.Segmenter, ~25 ms of every command. Each import of it gets a stand-in that require()s the real
 * module on the first call: esbuild bundles a require()d ES module in a function that runs it then.
 * The same function, the same widths, once it is asked for one.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'real',
      });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let real;
export default function stringWidth(text, options) {
  real ??= require(${JSON.stringify(args.path)}).default;
  return real(text, options);
}`,
      resolveDir: dirname(args.path),
    }));
  },
};

/**
 * yargs guesses a version for itself as it starts (the CLI then sets its own): from the package.json
 * nearest its file, which bundled in dist/cli/ it looks for from the working directory up, reading
 * every directory on the way (16 ms under /tmp; a large home directory costs more). escalade, its only
 * search, finds nothing in the bundle: yargs' guess is "unknown" until the CLI sets the version.
 */
const noPackageSearch = {
  name: 'no-package-search',
  setup(b) {
    b.onResolve({ filter: /^escalade\/sync$/ }, () => ({ path: 'escalade-sync', namespace: 'no-package-search' }));
    b.onLoad({ filter: /.*/, namespace: 'no-package-search' }, () => ({
      contents: 'export default function findUp() { return undefined; }',
    }));
  },
};

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
  plugins: [lazyStringWidth, noPackageSearch],
  legalComments: 'eof',
  logLevel: 'warning',
});
