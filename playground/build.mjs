// Build the browser playground. The page script (main.ts) holds the controls and the Vega runtime, a
// catalogue of the scenarios and the answer to its first request (first.ts: the charts it opens on,
// made here); the model worker (worker.ts) holds the engine, the chart specs, Vega-Lite and Vega's
// parser, and starts from a snapshot of the engine made here (the shipped data and scenarios parsed,
// their gates compiled) and of the charts' structures the page has. The worker's code goes into
// boot.js, loaded first, which starts it from a Blob URL (a page opened from disk may not start a
// worker from a file); the scenario loader's into loader.js, which hands it to the worker; index.html
// is copied beside them. The result opens from file:// as well.
//
//   node playground/build.mjs   → playground/dist/index.html, boot.js, loader.js, playground.js

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { shippedFiles } from './shipped.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const out = join(here, 'dist');

/** `import x from 'stancesim:<name>'` → `modules[name]`, read by JSON.parse (parsed faster than the
 * same data as a literal). */
const virtual = (modules) => ({
  name: 'stancesim-virtual',
  setup(b) {
    b.onResolve({ filter: /^stancesim:/ }, (args) => ({ path: args.path.slice(10), namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(modules[args.path]))});`,
      loader: 'js',
    }));
  },
});

/** In the worker, the engine's scenario loader (loader.ts) is loader-lazy.ts: a script of its own. */
const lazyLoader = {
  name: 'stancesim-lazy-loader',
  setup(b) {
    b.onResolve({ filter: /^\.\/loader\.js$/ }, (args) =>
      args.importer === join(here, 'engine.ts') ? { path: join(here, 'loader-lazy.ts') } : undefined,
    );
  },
};

/** The engine's snapshot, made by the engine itself (engine.ts, bundled for Node and run here). */
async function snapshot(quiet) {
  const entry = join(out, '.snapshot.mjs');
  await build({
    stdin: {
      contents:
        "export { Playground } from './engine.ts'; export { Answers } from './answer.ts'; export { firstRequest } from './first.ts';",
      resolveDir: here,
      loader: 'ts',
    },
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile: entry,
    logLevel: quiet ? 'error' : 'warning',
  });
  try {
    const { Playground, Answers, firstRequest } = await import(pathToFileURL(entry).href);
    const pg = new Playground(shippedFiles());
    const snap = pg.snapshot();
    // the page's first request answered here: the page draws it at once, and the worker starts
    // knowing the structures of those charts (the page has them)
    const request = firstRequest(snap.catalogue);
    const replies = [];
    const answers = new Answers(pg, (r) => replies.push(r));
    await answers.answer(request);
    return { snap, first: { request, replies }, charts: answers.compilerSeed() };
  } finally {
    rmSync(entry);
  }
}

/** What the page script must not carry (the engine and its parsers, the Vega-Lite compiler), and what
 * the worker leaves to the loader's script (the parsers). */
const NOT_ON_THE_PAGE = [
  /^playground\/(engine|answer|compile|side-by-side)\.ts$/,
  /^src\/(scenario|ensemble|validation|analysis)\//,
  /^node_modules\/(vega-lite|vega-embed|mathjs|yaml|zod)\//,
];
const NOT_IN_THE_WORKER = [
  /^node_modules\/(mathjs|yaml|zod)\//,
  /^src\/scenario\/(load|data|conditions|source)\.ts$/,
];

/** Throws, naming them, when a build has inputs that match `rules`. */
function refuse(result, rules, what) {
  const found = Object.keys(result.metafile.inputs).filter((i) => rules.some((re) => re.test(i)));
  if (found.length > 0) throw new Error(`${what} must not carry: ${found.slice(0, 5).join(', ')}`);
}

/** src/charts/index.ts loads its Node-only renderer (Vega to SVG, resvg, fonts from disk) lazily:
 * neither the page nor the worker calls it, so the bundles get a stub instead. */
const nodeOnly = {
  name: 'stancesim-node-only',
  setup(b) {
    b.onResolve({ filter: /^\.\/(render|png)\.js$/ }, (args) =>
      relative(join(root, 'src/charts'), args.resolveDir) === ''
        ? { path: args.path, namespace: 'node-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({
      contents:
        "const no = () => { throw new Error('rendering charts to files needs Node: use the CLI'); };\n" +
        'export const memoryStore = no;\nexport const toSvg = no;\nexport const svgToPngAsync = no;\n',
      loader: 'js',
    }));
  },
};

/** Vega-Lite takes four helpers from 'vega', which are vega-util's: in the worker, not the whole of
 * Vega (the worker's own code takes Vega's parser from it). */
const vegaLiteUtil = {
  name: 'stancesim-vega-lite-util',
  setup(b) {
    b.onResolve({ filter: /^vega$/ }, (args) =>
      relative(root, args.importer).startsWith('node_modules/vega-lite/')
        ? b.resolve('vega-util', { kind: args.kind, resolveDir: args.resolveDir })
        : undefined,
    );
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
  const { snap, first, charts } = await snapshot(quiet);
  const worker = await build({
    ...common(quiet),
    entryPoints: [join(here, 'worker.ts')],
    write: false,
    metafile: true,
    plugins: [virtual({ snapshot: snap, charts }), nodeOnly, lazyLoader, vegaLiteUtil],
  });
  refuse(worker, NOT_IN_THE_WORKER, 'the worker');
  const loader = await build({
    ...common(quiet),
    stdin: {
      contents: "import * as loader from './loader.ts'; self.stancesimLoader = loader;",
      resolveDir: here,
      loader: 'ts',
    },
    write: false,
  });
  const page = await build({
    ...common(quiet),
    entryPoints: [join(here, 'main.ts')],
    outfile: join(out, 'playground.js'),
    plugins: [virtual({ catalogue: snap.catalogue, first }), nodeOnly],
    metafile: true,
  });
  refuse(page, NOT_ON_THE_PAGE, 'the page script');
  // the worker starts at once, before the page's own script is parsed: the two start side by side;
  // the loader's code (loader-lazy.ts) is handed to it next, before any request
  const text = (b) => b.outputFiles[0].text;
  writeFileSync(
    join(out, 'boot.js'),
    `self.stancesimWorker=new Worker(URL.createObjectURL(new Blob([${JSON.stringify(text(worker))}],{type:'text/javascript'})));\n`,
  );
  writeFileSync(
    join(out, 'loader.js'),
    `self.stancesimWorker.postMessage({kind:'loader',code:${JSON.stringify(text(loader))}});\n`,
  );
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
  const mb = (b) => `${(text(b).length / 1e6).toFixed(2)} MB`;
  if (!quiet)
    console.error(
      `playground: built ${relative(process.cwd(), out) || '.'}/ (page ${(Object.values(page.metafile.outputs)[0].bytes / 1e6).toFixed(2)} MB, worker ${mb(worker)}, loader ${mb(loader)}) in ${Math.round(performance.now() - t0)} ms`,
    );
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildPlayground();
}
