// The browser playground in real headless Chromium, opened from disk (file://): it loads without a
// network, runs the model, draws the charts, reacts to its controls, and its "Download scenario (YAML)"
// runs in the CLI to the numbers the page shows. Not part of `npm test` (needs Chromium); it is skipped
// when the executable is missing (set CHROMIUM_PATH).

import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Headline } from '../../playground/protocol.js';
import type { RunSummary } from '../../src/analysis/summary.js';
import { cli } from '../cli/helpers.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const haveChromium = !chromiumMissing('playground.browser.test');

const page_ = { errors: [] as string[], failed: [] as string[], urls: [] as string[] };

async function runs(page: Page): Promise<number> {
  return Number((await page.getAttribute('#results', 'data-runs')) ?? 0);
}

/** Wait for the run after `before` to finish drawing. */
async function nextRun(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const r = document.getElementById('results');
      return (
        r?.dataset.state === 'ready' && Number(r.dataset.runs) > n && r.getAttribute('aria-busy') === 'false'
      );
    },
    before,
    { timeout: 20_000 },
  );
}

async function headline(page: Page): Promise<Headline> {
  return JSON.parse((await page.getAttribute('#results', 'data-headline')) ?? 'null') as Headline;
}

/** The rows a chart's view shows now (the page's `stancesimPlayground` hook), as JSON. */
const dataOf = (page: Page, kind: string, name: string) =>
  page.evaluate(
    ([k, n]) =>
      JSON.stringify(
        (
          globalThis as unknown as { stancesimPlayground: { data: (k: string, n: string) => object[] } }
        ).stancesimPlayground.data(k!, n!),
      ),
    [kind, name],
  );
/** Each chart's main dataset (src/charts/run.ts RUN_DATASETS). */
const MAIN: Record<string, string> = {
  rungs: 'rungs',
  heatmap: 'segments',
  factions: 'factions',
  policy: 'policy',
  legitimacy: 'counts',
};

describe.skipIf(!haveChromium)('the browser playground (headless Chromium, file://)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'playground/build.mjs')], { cwd: root, stdio: 'pipe' });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning')
        page_.errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => page_.errors.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => page_.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on('request', (r) => page_.urls.push(r.url()));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  let first: Headline;

  it('opens from disk, runs the baseline and draws every chart', async () => {
    const url = pathToFileURL(join(root, 'playground/dist/index.html')).href;
    await page.goto(url);
    await nextRun(page, 0);
    first = await headline(page);
    expect(first.at_least_5).toBeGreaterThanOrEqual(0);
    expect(await page.textContent('#hl-rung5')).toBe(
      `${first.at_least_5} of ${Object.keys(first.final_rungs).length}`,
    );
    for (const [kind, name] of Object.entries(MAIN)) {
      expect(JSON.parse(await dataOf(page, kind, name)).length, kind).toBeGreaterThan(10);
      // drawn: a canvas with something on it
      expect(await page.locator(`#chart-${kind} .vega-host canvas`).count(), kind).toBe(1);
    }
    expect(await page.getAttribute('#results', 'data-embeds')).toBe('5');
    // without a link, the first charts are the build's answer to the first request (first.ts)
    expect(await page.getAttribute('#results', 'data-first')).toBe('build');
    expect(await page.inputValue('#scenario')).toBe('baseline.yaml');
    expect(await page.textContent('#question')).toMatch(/Taliban/);
  }, 60_000);

  it('re-runs when the controls move, and the charts change', async () => {
    const rungsBefore = await dataOf(page, 'rungs', 'rungs');
    const legitimacyBefore = await dataOf(page, 'legitimacy', 'counts');
    let before = await runs(page);

    // a real keyboard on one slider: women's-rights weight 1 → 0.2 (16 steps of 0.05)
    await page.focus('#decision-rights');
    for (let i = 0; i < 16; i++) await page.keyboard.press('ArrowLeft');
    await nextRun(page, before);
    expect(await page.textContent('.control:has(#decision-rights) output')).toBe('0.2');

    // a mechanism off and the first-mover cost to 0 in one go (one debounced run)
    before = await runs(page);
    await page.evaluate(() => {
      const cb = document.getElementById('emboldening-enabled') as HTMLInputElement;
      cb.click();
      const fm = document.getElementById('decision-first-mover') as HTMLInputElement;
      fm.value = '0';
      fm.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await nextRun(page, before);

    // a country's slider: Pakistan reviews more often
    before = await runs(page);
    await page.selectOption('#country', 'PK');
    await page.evaluate(() => {
      const r = document.getElementById('country-review') as HTMLInputElement;
      r.value = '0.6';
      r.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await nextRun(page, before);

    const now = await headline(page);
    expect(now).not.toEqual(first);
    expect(await dataOf(page, 'rungs', 'rungs')).not.toBe(rungsBefore);
    expect(await dataOf(page, 'legitimacy', 'counts')).not.toBe(legitimacyBefore);
    // the charts took the new rows through their views: embedded once each, never again
    expect(await page.getAttribute('#results', 'data-embeds')).toBe('5');
    const yaml = await page.textContent('#yaml');
    expect(yaml).toContain('decision.rights: 0.2');
    expect(yaml).toContain('decision.first_mover: 0');
    expect(yaml).toContain('mechanisms.emboldening.enabled: false');
    expect(yaml).toContain('countries.PK.review_rate: 0.6');
    expect(await page.getAttribute('.control:has(#decision-rights)', 'class')).toContain('changed');
  }, 60_000);

  it('coalesces a drag: at most one run an animation frame, and the last value lands', async () => {
    const posts = async () => Number(await page.getAttribute('#results', 'data-posts'));
    const settle = () =>
      page.waitForFunction(
        () => {
          const r = document.getElementById('results')!;
          return r.getAttribute('aria-busy') === 'false' && r.dataset.state === 'ready';
        },
        null,
        { timeout: 20_000 },
      );
    const drag = (values: number[], frames: boolean) =>
      page.evaluate(
        async ([vs, perFrame]) => {
          const r = document.getElementById('decision-first-mover') as HTMLInputElement;
          for (const v of vs as number[]) {
            r.value = String(v);
            r.dispatchEvent(new Event('input', { bubbles: true }));
            if (perFrame) await new Promise((ok) => requestAnimationFrame(ok));
          }
        },
        [values, frames] as const,
      );
    // 20 moves within one frame: one run
    let before = await posts();
    await drag(
      Array.from({ length: 20 }, (_, i) => 0.1 * (i + 1)),
      false,
    );
    await settle();
    expect(await posts()).toBe(before + 1);
    expect(await page.textContent('#yaml')).toContain('decision.first_mover: 2');
    // 12 moves a frame apart: no more runs than frames, and the page ends on the last value
    before = await posts();
    await drag(
      Array.from({ length: 12 }, (_, i) => (3 * i) / 10),
      true,
    );
    await settle();
    const n = (await posts()) - before;
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(12);
    expect(await page.textContent('#yaml')).toContain('decision.first_mover: 3.3');
    expect(await page.textContent('.control:has(#decision-first-mover) output')).toBe('3.3');
    expect(await page.getAttribute('#results', 'data-embeds')).toBe('5');
    // the runs after the first came from the worker, on a page opened from disk
    expect(await page.getAttribute('#results', 'data-worker')).toBe('answered');
  }, 60_000);

  it('downloads a scenario that the CLI runs to the numbers on the page', async () => {
    // the Haqqani share too (an event at the start month), and another seed
    let before = await runs(page);
    await page.evaluate(() => {
      const p = document.getElementById('power') as HTMLInputElement;
      p.value = '0.45';
      p.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.fill('#seed', '4242');
    await nextRun(page, before);
    before = await runs(page);
    const shown = await headline(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const name = download.suggestedFilename();
    expect(name).toBe('baseline-playground.yaml');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toBe(await page.textContent('#yaml'));
    expect(text).toMatch(/^extends: baseline\.yaml$/m);
    expect(text).toMatch(/^seed: 4242$/m);
    expect(text).toMatch(/power: \{ faction: haqqani, delta: 0\.1 \}/);
    expect(await runs(page)).toBe(before); // downloading does not re-run

    // save it where scenarios live (a copy of scenarios/) and run it through the CLI
    const dir = mkdtempSync(join(tmpdir(), 'stancesim-playground-'));
    for (const f of readdirSync(join(root, 'scenarios')))
      copyFileSync(join(root, 'scenarios', f), join(dir, f));
    writeFileSync(join(dir, name), text);
    const { code, out, err } = await cli(
      'run',
      join(dir, name),
      '--no-charts',
      '--json',
      '--out',
      join(dir, 'out'),
    );
    expect(err).not.toMatch(/error/i);
    expect(code).toBe(0);
    const summary = JSON.parse(out) as RunSummary;
    expect(summary.seed).toBe('4242');
    expect(summary.first_recognition).toEqual(shown.first_recognition);
    expect((summary.final.count_by_rung[5] ?? 0) + (summary.final.count_by_rung[6] ?? 0)).toBe(
      shown.at_least_5,
    );
    expect(summary.final.legitimacy).toBe(shown.legitimacy);
    expect(summary.final.power.kandahar).toBe(shown.kandahar_power);
    expect(summary.final.un_seat).toBe(shown.un_seat);
    expect(summary.final.rungs).toEqual(shown.final_rungs);

    // the page in this changed state, with its YAML open
    await page.click('#controls summary:has-text("Scenario YAML")');
    mkdirSync(join(root, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test-artifacts/playground.png'), fullPage: true });
  }, 60_000);

  it('switches scenario and resets', async () => {
    let before = await runs(page);
    await page.selectOption('#scenario', 'isk-surge.yaml');
    await nextRun(page, before);
    expect(await page.inputValue('#start')).toBe('2025-06');
    expect(await page.textContent('#question')).toMatch(/ISK/);
    expect(await page.textContent('#yaml')).not.toMatch(/^set:/m);
    before = await runs(page);
    await page.selectOption('#scenario', 'baseline.yaml');
    await nextRun(page, before);
    expect(await headline(page)).toEqual(first);
  }, 60_000);

  it('shows an invalid period as an error, not a crash', async () => {
    const before = await runs(page);
    await page.fill('#end', '2020-01');
    await page.waitForFunction(() => document.getElementById('results')?.dataset.state === 'error');
    expect(await page.textContent('#error')).toMatch(/end 2020-01 is before start/);
    await page.fill('#end', '2030-12');
    await nextRun(page, before);
    expect(await page.textContent('#error')).toBe('');
  }, 60_000);

  it('plays and steps month by month: the charts grow and their "now" rule moves through their data, never re-embedded', async () => {
    const embeds = await page.getAttribute('#results', 'data-embeds');
    /** The last month every chart's rows reach. */
    const reach = () =>
      page.evaluate(
        (main) =>
          Object.entries(main).map(([kind, name]) =>
            (
              globalThis as unknown as {
                stancesimPlayground: { data: (k: string, n: string) => { date: string; until?: string }[] };
              }
            ).stancesimPlayground
              .data(kind, name)
              // a heatmap cell runs to its `until`
              .map((r) => r.until || r.date)
              .sort()
              .pop(),
          ),
        MAIN,
      );
    const shown = (month: string) =>
      page.waitForFunction(
        (m) => {
          const r = document.getElementById('results')!;
          return r.dataset.month === m && r.dataset.drawn === m && r.getAttribute('aria-busy') === 'false';
        },
        month,
        { timeout: 20_000 },
      );
    await page.click('#to-start');
    await shown('2021-08');
    expect(await reach()).toEqual(Array(5).fill('2021-08'));
    // the keyboard: a button focused, Enter steps a month
    await page.focus('#step');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await shown('2021-10');
    expect(await reach()).toEqual(Array(5).fill('2021-10'));
    expect(await page.textContent('#month-label')).toBe('to 2021-10');
    // every chart's "now" rule at that month
    const now = () => Promise.all(Object.keys(MAIN).map((kind) => dataOf(page, kind, 'now')));
    expect(await now()).toEqual(
      Array(5).fill(JSON.stringify([{ date: '2021-10', next: '2021-11', label: 'Oct 2021' }])),
    );
    // play at 16 months a second, then pause: the month moved on and stays
    await page.selectOption('#speed', '16');
    // play and pause by keyboard too
    await page.focus('#play');
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#play', 'aria-pressed')).toBe('true');
    await page.waitForFunction(() => (document.getElementById('results')!.dataset.month ?? '') > '2022-06');
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#play', 'aria-pressed')).toBe('false');
    const paused = await page.getAttribute('#results', 'data-month');
    await page.waitForTimeout(400);
    expect(await page.getAttribute('#results', 'data-month')).toBe(paused);
    // the whole run again
    await page.click('#to-end');
    await shown('');
    expect(await reach()).toEqual(Array(5).fill('2030-12'));
    expect(await now()).toEqual(Array(5).fill('[]'));
    expect(await page.getAttribute('#results', 'data-embeds')).toBe(embeds);
  }, 60_000);

  it('runs an ensemble in the worker, with the numbers `stancesim ensemble` gives for the same seed and runs', async () => {
    await page.fill('#ensemble-runs', '50');
    await page.dispatchEvent('#ensemble-runs', 'change');
    await page.waitForFunction(
      () => {
        const r = document.getElementById('results')!;
        return r.getAttribute('aria-busy') === 'false' && (r.dataset.headline ?? '').includes('"runs":50');
      },
      null,
      { timeout: 60_000 },
    );
    expect(await page.isChecked('#mode-ensemble')).toBe(true);
    expect(new URL(page.url()).hash).toContain('runs=50');
    expect(await page.isHidden('#chart-rungs')).toBe(true);
    expect(await page.isVisible('#chart-fan-counts')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'stancesim-ensemble-'));
    const r = await cli('ensemble', 'baseline', '-n', '50', '-q', '-o', dir);
    expect(r.code).toBe(0);
    const spec = JSON.parse(readFileSync(join(dir, 'fan-counts.vl.json'), 'utf8'));
    expect(JSON.parse(await dataOf(page, 'fan-counts', 'counts'))).toEqual(spec.datasets.counts);
    const probability = JSON.parse(readFileSync(join(dir, 'probability.vl.json'), 'utf8'));
    expect(JSON.parse(await dataOf(page, 'probability', 'probability'))).toEqual(
      probability.datasets.probability,
    );
    // back to one run
    const before = await runs(page);
    await page.check('#mode-one');
    await nextRun(page, before);
    expect(await page.isVisible('#chart-rungs')).toBe(true);
  }, 90_000);

  it('says when a change moves nothing and shows why from the model; a click on a cell explains that country and month', async () => {
    const set = async (id: string, value: string) => {
      const before = await runs(page);
      await page.evaluate(
        ([i, v]) => {
          const r = document.getElementById(i!) as HTMLInputElement;
          r.value = v!;
          r.dispatchEvent(new Event('input', { bubbles: true }));
        },
        [id, value],
      );
      await nextRun(page, before);
    };
    await set('decision-first-mover', '1');
    // the first-mover cost binds only once a country is near recognition: here, a change that moves nothing
    await set('decision-first-mover', '0.5');
    await page.waitForFunction(() =>
      (document.getElementById('results')!.dataset.explained ?? '').endsWith('2030-12'),
    );
    expect(await page.isVisible('#why')).toBe(true);
    expect(await page.textContent('#why-note')).toMatch(
      /^Nothing in the run moved: the change reached no decision \(decision\.first_mover\)\. Below: why [A-Z][\w ]+ stands where it does in 2030-12/,
    );
    expect(await page.locator('#explain-host canvas').count()).toBe(1);
    // a change that moves the run closes it
    await set('decision-rights', '0.4');
    expect(await page.isHidden('#why')).toBe(true);
    // a click on Germany's row of the heatmap, in the middle of the period
    await page.locator('#chart-heatmap').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-heatmap canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + 140);
    await page.waitForFunction(() =>
      (document.getElementById('results')!.dataset.explained ?? '').startsWith('DE 20'),
    );
    expect(await page.textContent('#why-note')).toMatch(/^Why Germany stands where it does in 20\d\d-\d\d:$/);
    await page.click('#why-close');
    expect(await page.isHidden('#why')).toBe(true);
  }, 60_000);

  it('keeps the settings in the address: the link opens a second page on the same numbers', async () => {
    const before = await runs(page);
    await page.evaluate(() => {
      const r = document.getElementById('decision-rights') as HTMLInputElement;
      r.value = '0.3';
      r.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await nextRun(page, before);
    const url = page.url();
    expect(new URL(url).hash).toContain('decision.rights=0.3');
    const shown = await headline(page);
    const other = await page.context().newPage();
    await other.goto(url);
    await nextRun(other, 0);
    expect(await other.getAttribute('#results', 'data-first')).toBe('worker');
    expect(await headline(other)).toEqual(shown);
    expect(await other.inputValue('#decision-rights')).toBe('0.3');
    // a link pasted into the page that gets something wrong says what, and runs the rest
    await other.goto(url.replace('decision.rights=0.3', 'decision.rigths=0.3'));
    await other.waitForFunction(() => document.getElementById('notice')!.textContent !== '');
    expect(await other.textContent('#notice')).toBe("The link: no parameter 'decision.rigths'.");
    await other.close();
  }, 60_000);

  it('loads a scenario file: an invalid one is refused with its located message, a valid one runs and travels in the link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stancesim-load-'));
    const bad = join(dir, 'bad-what-if.yaml');
    writeFileSync(
      bad,
      'extends: baseline.yaml\nname: bad\nquestion: q?\ndescription: d\nset:\n  decision.rigths: 0.2\n',
    );
    await page.setInputFiles('#load-file', bad);
    await page.waitForFunction(() => document.getElementById('notice')!.textContent !== '');
    expect(await page.textContent('#notice')).toMatch(/^scenarios\/bad-what-if\.yaml:6:3: error: .*rigths/);
    const good = join(dir, 'my-what-if.yaml');
    writeFileSync(
      good,
      'extends: baseline.yaml\nname: my-what-if\nquestion: What if?\ndescription: The US weighs rights at 0.1.\nset:\n  countries.US.rights: 0.1\n',
    );
    const before = await runs(page);
    // by keyboard: Enter on the load button opens the file picker (the input's click; whether headless
    // Chromium then shows its chooser depends on window focus, so the file is set on the input)
    await page.evaluate(() =>
      document.getElementById('load-file')!.addEventListener('click', () => {
        document.body.dataset.picked = 'yes';
      }),
    );
    await page.focus('#load');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.picked === 'yes');
    await page.setInputFiles('#load-file', good);
    await nextRun(page, before);
    expect(await page.textContent('#notice')).toBe('');
    expect(await page.inputValue('#scenario')).toBe('my-what-if.yaml');
    expect(await page.textContent('#yaml')).toMatch(/^extends: my-what-if\.yaml$/m);
    // the link carries the file: a fresh page runs it to the same numbers
    const shown = await headline(page);
    const other = await page.context().newPage();
    await other.goto(page.url());
    await nextRun(other, 0);
    expect(await other.inputValue('#scenario')).toBe('my-what-if.yaml');
    expect(await headline(other)).toEqual(shown);
    await other.close();
    // back to the baseline for the tests after
    const b = await runs(page);
    await page.selectOption('#scenario', 'baseline.yaml');
    await nextRun(page, b);
  }, 60_000);

  it('pins A and shows A against B side by side: the paired differences `stancesim compare` gives for the two downloaded files, by keyboard alone', async () => {
    // keyboard only: the pin button, then a slider moved with the arrow keys
    await page.focus('#pin');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#ab')).toBe(true);
    expect(new URL(page.url()).hash).toMatch(/&a=[\w-]+|^#a=/);
    await page.focus('#decision-rights');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    const rights = await page.inputValue('#decision-rights');
    const ready = () =>
      page.waitForFunction(
        (rights) => {
          const ab = document.getElementById('ab')!;
          return (
            ab.dataset.state === 'ready' &&
            (ab.dataset.differences ?? '').length > 0 &&
            (document.getElementById('ab-note')!.textContent ?? '').includes(`decision.rights ${rights}`)
          );
        },
        rights,
        { timeout: 60_000 },
      );
    await ready();
    const differences = JSON.parse((await page.getAttribute('#ab', 'data-differences'))!);
    expect(differences.length).toBe(5);
    expect(await page.locator('#ab-rows tr').count()).toBe(5);
    expect(await page.textContent('#ab-note')).toMatch(/What differs: decision\.rights: [\d.]+ → [\d.]+\./);
    for (const kind of ['compare', 'compare-differences'])
      expect(await page.locator(`#chart-${kind} canvas`).count(), kind).toBe(1);

    // the two files, downloaded and saved where scenarios live, run by the command the page shows
    const dir = mkdtempSync(join(tmpdir(), 'stancesim-ab-'));
    mkdirSync(join(dir, 'scenarios'));
    for (const f of readdirSync(join(root, 'scenarios')))
      copyFileSync(join(root, 'scenarios', f), join(dir, 'scenarios', f));
    for (const button of ['#download-a', '#download']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      copyFileSync((await download.path())!, join(dir, 'scenarios', download.suggestedFilename()));
    }
    const command = (await page.textContent('#ab-command'))!;
    const args = /^npx stancesim (compare .*?) gives/.exec(command)![1]!.split(' ');
    expect(args.slice(0, 3)).toEqual([
      'compare',
      'scenarios/baseline-playground-a.yaml',
      'scenarios/baseline-playground.yaml',
    ]);
    const r = await cli(
      ...args.map((a) => (a.startsWith('scenarios/') ? join(dir, a) : a)),
      '--no-charts',
      '-q',
      '-o',
      join(dir, 'out'),
    );
    expect(r.code, r.err).toBe(0);
    const numbers = (ds: { reference: string; scenario: string }[]) =>
      ds.map(({ reference: _a, scenario: _b, ...rest }) => rest);
    const cliDoc = JSON.parse(readFileSync(join(dir, 'out', 'compare.json'), 'utf8'));
    expect(numbers(differences)).toEqual(numbers(cliDoc.differences));

    // the link carries A: a second page shows the same comparison
    const other = await page.context().newPage();
    await other.goto(page.url());
    await other.waitForFunction(() => document.getElementById('ab')!.dataset.state === 'ready', null, {
      timeout: 60_000,
    });
    expect(JSON.parse((await other.getAttribute('#ab', 'data-differences'))!)).toEqual(differences);
    await other.close();

    // unpinned by keyboard: the panel and the link's A go
    await page.focus('#unpin');
    await page.keyboard.press('Enter');
    expect(await page.isHidden('#ab')).toBe(true);
    expect(new URL(page.url()).hash).not.toMatch(/[#&]a=/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pin');
    // back to the scenario's settings for the tests after
    const before = await runs(page);
    await page.click('#reset');
    await nextRun(page, before);
  }, 120_000);

  it('fits the screens of a classroom: no sideways scroll, readable text, the charts beside their controls on a projector', async () => {
    const sizes = [
      [390, 844],
      [768, 1024],
      [1024, 768],
      [1920, 1080],
    ] as const;
    for (const [width, height] of sizes) {
      await page.setViewportSize({ width, height });
      // the charts are laid out anew for the column's width
      await page.waitForTimeout(200);
      await page.waitForFunction(
        () => document.getElementById('results')!.getAttribute('aria-busy') === 'false',
      );
      await page.waitForTimeout(800);
      const m = await page.evaluate(() => {
        const controls = [
          ...document.querySelectorAll(
            '#controls label, #controls input, #controls select, #controls button, #controls .help',
          ),
        ];
        const canvas = document.querySelector('#chart-rungs canvas') as HTMLCanvasElement;
        const box = canvas.getBoundingClientRect();
        const slider = document.getElementById('decision-rights')!.getBoundingClientRect();
        return {
          scroll: document.documentElement.scrollWidth - window.innerWidth,
          controlFont: Math.min(...controls.map((e) => Number.parseFloat(getComputedStyle(e).fontSize))),
          // drawn at its own size: the chart's 11 px text stays 11 px (a regression: shrunk to 4.6 px)
          scale: box.width / (canvas.width / devicePixelRatio),
          chartRight: box.right,
          chartTop: box.top,
          sliderLeft: slider.left,
          sliderTop: slider.top,
        };
      });
      expect(m.scroll, `${width}×${height}`).toBeLessThanOrEqual(0);
      expect(m.controlFont, `${width}×${height}`).toBeGreaterThanOrEqual(12);
      expect(m.scale, `${width}×${height}`).toBeGreaterThanOrEqual(0.999);
      // on a tablet and up the chart fits the screen; on a phone its figure may scroll sideways inside the
      // swiped row of charts (the page does not)
      if (width >= 768) expect(m.chartRight, `${width}×${height}`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(root, `test-artifacts/playground-${width}x${height}.png`) });
      if (width === 1024) {
        // a projector: a chart and the sliders on screen together, and they stay so while the charts scroll
        expect(m.chartTop).toBeLessThan(height);
        await page.evaluate(() => window.scrollTo(0, 1500));
        const slider = await page.evaluate(
          () => document.getElementById('controls')!.getBoundingClientRect().top,
        );
        expect(slider).toBeGreaterThanOrEqual(0);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      if (width === 390) expect(m.chartTop, 'a phone: the charts first').toBeLessThan(height);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 90_000);

  it('has no serious or critical accessibility violation (axe) at any of the four sizes, with A pinned and without', async () => {
    await page.click('#pin');
    await page.waitForFunction(() => document.getElementById('ab')!.dataset.state === 'ready', null, {
      timeout: 60_000,
    });
    for (const [width, height] of [
      [390, 844],
      [768, 1024],
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForFunction(
        () => document.getElementById('results')!.getAttribute('aria-busy') === 'false',
      );
      for (const pinned of [true, false]) {
        if (!pinned) await page.click('#unpin');
        const { violations } = await new AxeBuilder({ page }).analyze();
        const bad = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(bad, `${width}×${height}${pinned ? ', A pinned' : ''}`).toEqual([]);
        // the side-by-side table fits a phone too
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          `${width}×${height}`,
        ).toBeLessThanOrEqual(0);
        if (!pinned) await page.click('#pin');
      }
    }
    await page.click('#unpin');
    await page.setViewportSize({ width: 1400, height: 1000 });
  }, 120_000);

  it('made no failed request, no request off disk and no console error', async () => {
    expect(page_.errors).toEqual([]);
    expect(page_.failed).toEqual([]);
    expect(
      page_.urls.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:')),
    ).toEqual([]);
  }, 60_000);

  it('npm run playground serves the same page over http', async () => {
    const server = spawn(process.execPath, [join(root, 'playground/serve.mjs')], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /http:\/\/localhost:\d+\//.exec(text);
          if (m) resolve(m[0]);
        });
        server.on('exit', (c) => reject(new Error(`server exited with ${c}`)));
      });
      const http = await browser.newPage();
      const bad: string[] = [];
      http.on('pageerror', (e) => bad.push(e.message));
      http.on('console', (m) => m.type() === 'error' && bad.push(m.text()));
      await http.goto(url);
      await nextRun(http, 0);
      expect(await headline(http)).toEqual(first);
      expect(bad).toEqual([]);
      expect((await fetch(`${url}index.html`)).status).toBe(200);
      expect((await fetch(`${url}..%2f..%2fpackage.json`)).status).toBe(403);
      expect((await fetch(`${url}nothing.js`)).status).toBe(404);
      await http.close();
    } finally {
      server.kill('SIGTERM');
    }
  }, 60_000);
});
