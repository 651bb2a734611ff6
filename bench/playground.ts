// npm run bench:playground: the browser playground in headless Chromium, opened from disk. For each
// build (this tree's, and any older playground/dist given with --baseline DIR, interleaved A B A B):
// the time to the first charts (opened plain, and from a link), the time from a slider's input to every
// chart showing its value, the longest main-thread task during a 20-step drag, and an ensemble of 200
// runs (the runs, the charts). Medians with min–max and the machine's load; ROUNDS (default 5) and
// CLICKS (slider changes a round, default 8) from the environment. Writes its section of
// docs/BENCHMARKS.md (between the playground markers; bench/run.ts keeps it).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/system/chromium.js';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CLICKS = Number(process.env.CLICKS ?? 8);
const args = process.argv.slice(2);
const baseline = args.includes('--baseline') ? resolve(args[args.indexOf('--baseline') + 1]!) : undefined;

execFileSync(process.execPath, ['playground/build.mjs'], { stdio: 'ignore' });
const builds: [string, string][] = [
  ['this tree', resolve('playground/dist')],
  ...(baseline ? ([['baseline', baseline]] as [string, string][]) : []),
];

/** The page's clock at the first animation frame in which every chart shows the runs after `before`
 * and nothing is pending (read in that frame: not after a round trip to this process). */
const settled = async (page: Page, before: number) =>
  (await (
    await page.waitForFunction(
      (n) => {
        const r = document.getElementById('results')!;
        return (
          r.dataset.state === 'ready' &&
          Number(r.dataset.runs) > n &&
          r.getAttribute('aria-busy') === 'false' &&
          performance.now()
        );
      },
      before,
      { timeout: 60_000, polling: 'raf' },
    )
  ).jsonValue()) as number;
const runs = async (page: Page) => Number((await page.getAttribute('#results', 'data-runs')) ?? 0);

/** A new page in a fresh browser, once the browser is quiet: Chromium 156 loads its omnibox popup's
 * WebUI with a browser's first window, ~1 s of CPU (headless too) that would fall on the page's first
 * charts on a 2-core machine and that a user's browser has long done. */
async function freshPage() {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await new Promise((ok) => setTimeout(ok, 1500));
  return { browser, page };
}

async function round(dir: string) {
  const { browser, page } = await freshPage();
  try {
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    // performance.now() counts from the navigation's start
    const first = await settled(page, 0);
    const latency: number[] = [];
    for (let i = 0; i < CLICKS; i++) {
      const before = await runs(page);
      const t0 = await page.evaluate(
        (v) => {
          const r = document.getElementById('decision-rights') as HTMLInputElement;
          r.value = String(v);
          const t = performance.now();
          r.dispatchEvent(new Event('input', { bubbles: true }));
          return t;
        },
        0.2 + 0.1 * (i % 8),
      );
      latency.push((await settled(page, before)) - t0);
    }
    // a link to these settings: its first charts come from the worker (measured below)
    const link = await page.evaluate(() => location.hash);
    // a drag: 20 moves a frame apart, the longest main-thread task from its start to the last chart
    const before = await runs(page);
    await page.evaluate(async () => {
      const tasks: number[] = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) tasks.push(e.duration);
      }).observe({ type: 'longtask' });
      (window as unknown as { tasks: number[] }).tasks = tasks;
      const r = document.getElementById('decision-first-mover') as HTMLInputElement;
      for (let i = 1; i <= 20; i++) {
        r.value = String(i / 10);
        r.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((ok) => requestAnimationFrame(ok));
      }
    });
    await settled(page, before);
    const tasks = await page.evaluate(() => (window as unknown as { tasks: number[] }).tasks);
    // an ensemble of 200 runs: the worker's time for the runs (the page's timing line), and the time
    // from the switch to its charts drawn
    const beforeEnsemble = await runs(page);
    const t0 = await page.evaluate(() => {
      const t = performance.now();
      (document.getElementById('mode-ensemble') as HTMLInputElement).click();
      return t;
    });
    const ensemble = (await settled(page, beforeEnsemble)) - t0;
    const timing = (await page.textContent('#timing')) ?? '';
    const ensembleRuns = 1000 * Number(/^200 runs ([\d.]+) s/.exec(timing)?.[1] ?? Number.NaN);
    return {
      first,
      link,
      latency,
      longest: Math.max(0, ...tasks),
      ensemble,
      ensembleRuns,
    };
  } finally {
    await browser.close();
  }
}

/** First charts of a page opened with a link to other settings than the defaults (a fresh browser). */
async function linkOpened(dir: string, hash: string) {
  const { browser, page } = await freshPage();
  try {
    await page.goto(`${pathToFileURL(join(dir, 'index.html')).href}${hash}`);
    return await settled(page, 0);
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!;
const span = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;

const results = new Map(
  builds.map(([name]) => [
    name,
    {
      first: [] as number[],
      linked: [] as number[],
      latency: [] as number[],
      longest: [] as number[],
      ensemble: [] as number[],
      ensembleRuns: [] as number[],
      load: [] as number[],
    },
  ]),
);
for (let r = 0; r < ROUNDS; r++)
  for (const [name, dir] of builds) {
    const load = loadavg()[0]!;
    const x = await round(dir);
    // once the round's browser is closed
    const linked = await linkOpened(dir, x.link);
    const acc = results.get(name)!;
    acc.first.push(x.first);
    acc.linked.push(linked);
    acc.latency.push(...x.latency);
    acc.longest.push(x.longest);
    acc.ensemble.push(x.ensemble);
    acc.ensembleRuns.push(x.ensembleRuns);
    acc.load.push(load);
    console.error(
      `${name} round ${r + 1}: first ${Math.round(x.first)} ms (a link ${Math.round(linked)} ms), latency median ${Math.round(median(x.latency))} ms, longest task ${Math.round(x.longest)} ms, ensemble ${Math.round(x.ensembleRuns)} / ${Math.round(x.ensemble)} ms (load ${load.toFixed(2)})`,
    );
  }

const rows = [...results].map(
  ([name, a]) =>
    `| ${name} | ${Math.round(median(a.first))} ms (${span(a.first)}) | ${Math.round(median(a.linked))} ms (${span(a.linked)}) | ${Math.round(median(a.latency))} ms / ${Math.round(pct(a.latency, 0.95))} ms (${span(a.latency)}) | ${Math.round(median(a.longest))} ms (${span(a.longest)}) | ${Math.round(median(a.ensembleRuns))} ms (${span(a.ensembleRuns)}) / ${Math.round(median(a.ensemble))} ms (${span(a.ensemble)}) | ${median(a.load).toFixed(2)} (${Math.min(...a.load).toFixed(2)}–${Math.max(...a.load).toFixed(2)}) |`,
);
// paired by round (A and B of a round ran one after the other): this tree's figure over the baseline's
const paired = (f: (a: { first: number[]; linked: number[]; latency: number[] }, r: number) => number) => {
  const [a, b] = [results.get('this tree')!, results.get('baseline')!];
  const ratios = Array.from({ length: ROUNDS }, (_, r) => f(a, r) / f(b, r));
  return `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
};
const perRound = (xs: number[], r: number) => median(xs.slice(r * CLICKS, (r + 1) * CLICKS));
const ratios = baseline
  ? [
      '',
      `This tree over the baseline, paired by round (median, min–max over ${ROUNDS} rounds): first charts ${paired((x, r) => x.first[r]!)}, from a link ${paired((x, r) => x.linked[r]!)}, latency median ${paired((x, r) => perRound(x.latency, r))}.`,
    ]
  : [];
const section = [
  '<!-- playground:start -->',
  '## Playground (issue 12)',
  '',
  `Written by \`npm run bench:playground\` (bench/playground.ts): headless Chromium (Debian's), the page opened from disk, ${ROUNDS} rounds${baseline ? ', builds interleaved A B A B' : ''}; a round is a fresh browser (given 1.5 s to load its own omnibox popup first: ~1 s of CPU in Chromium 156, headless too), the first charts, ${CLICKS} slider changes one after another, then a 20-step drag a frame apart, then a switch to an ensemble of 200 runs; then a fresh browser opens a link to the settings after the changes. Times are read in the page, in the first animation frame in which the state holds. *First charts*: from navigation start to all five charts drawn with data (opened without a link, they are the build's answer to the first request, playground/first.ts; from a link, the worker's). *Latency*: from the \`input\` event to every chart showing that value (the page's run counter and state). *Longest task*: the longest main-thread task (PerformanceObserver \`longtask\`) during the drag.`,
  '',
  '| build | first charts, median (min–max) | first charts from a link, median (min–max) | latency median / p95 (min–max) | longest task in a drag, median (min–max) | 200-run ensemble: its runs in the worker / to its charts, median (min–max) | load (1 min), median (min–max) |',
  '|---|---|---|---|---|---|---|',
  ...rows,
  ...ratios,
  '',
  '<!-- playground:end -->',
].join('\n');
console.log(section);
const path = 'docs/BENCHMARKS.md';
const doc = readFileSync(path, 'utf8');
const marked = /<!-- playground:start -->[\s\S]*<!-- playground:end -->/;
writeFileSync(path, marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`);
