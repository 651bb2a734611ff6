// Build the browser playground: bundle playground/main.ts (with src/model, src/scenario, src/charts,
// vega, vega-lite and vega-embed) into one minified classic script, with the shipped data files and
// scenarios inlined as text; bundle the model worker (worker.ts) into boot.js, which can start it from a
// Blob URL (a page opened from disk may not start a worker from a file); copy index.html next to them.
// The result opens from file:// as well.
//
//   node playground/build.mjs          → playground/dist/index.html + playground.js

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { shippedFiles } from './shipped.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const out = join(here, 'dist');

/** `import files from 'stancesim:shipped'` → the shipped files as a JSON module. */
const shipped = {
  name: 'stancesim-shipped',
  setup(b) {
    b.onResolve({ filter: /^stancesim:shipped$/ }, (args) => ({ path: args.path, namespace: 'shipped' }));
    b.onLoad({ filter: /.*/, namespace: 'shipped' }, () => {
      const files = shippedFiles();
      return {
        contents: JSON.stringify(files),
        loader: 'json',
        watchFiles: Object.keys(files).map((f) => join(root, f)),
      };
    });
  },
};

/** src/charts/index.ts loads its Node-only renderer (resvg, fonts from disk) lazily: the page never
 * calls it, so the bundle gets a stub instead. */
const nodeOnly = {
  name: 'stancesim-node-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/render\.js$/ }, (args) =>
      relative(join(root, 'src/charts'), args.resolveDir) === ''
        ? { path: 'render.js', namespace: 'node-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({
      contents:
        "const no = () => { throw new Error('rendering charts to files needs Node: use the CLI'); };\n" +
        'export const toSvg = no;\nexport const svgToPngAsync = no;\n',
      loader: 'js',
    }));
  },
};

const common = (quiet) => ({
  absWorkingDir: root,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: quiet ? 'error' : 'warning',
});

export async function buildPlayground({ quiet = false } = {}) {
  const t0 = performance.now();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const worker = await build({
    ...common(quiet),
    entryPoints: [join(here, 'worker.ts')],
    write: false,
    plugins: [shipped],
  });
  const result = await build({
    ...common(quiet),
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'playground.js'),
    plugins: [shipped, nodeOnly],
    metafile: true,
  });
  // the worker's code, kept out of the page script's parse; the page starts it once its first charts
  // are drawn (started at once, it slowed them by ~1 s on two cores)
  writeFileSync(
    join(out, 'boot.js'),
    `self.startStancesimWorker=()=>new Worker(URL.createObjectURL(new Blob([${JSON.stringify(worker.outputFiles[0].text)}],{type:'text/javascript'})));\n`,
  );
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
  const bytes =
    Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0) +
    worker.outputFiles[0].text.length;
  if (!quiet)
    console.error(
      `playground: built ${relative(process.cwd(), out) || '.'}/ (${(bytes / 1e6).toFixed(2)} MB) in ${Math.round(performance.now() - t0)} ms`,
    );
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPlayground();
}
