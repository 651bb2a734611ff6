// A report in a real headless Chromium, opened from file:// with the network unreachable: every chart
// is drawn (SVG), nothing is requested but the file itself, nothing logs an error, tooltips and the
// export menu work. Not part of `npm test` (Chromium is a system package): `npm run test:system`.
// Chromium: CHROMIUM_PATH, or /usr/lib/chromium/chromium (Debian: apt-get install chromium).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { cli, tempDir } from '../cli/helpers.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const missing = chromiumMissing('report.browser.test');

/** The printable width of A4 portrait with the report's 15 mm margins, in CSS px (96 per inch). */
const A4_CONTENT_WIDTH = ((210 - 2 * 15) / 25.4) * 96;

/** Resolves when every chart of the page is drawn. */
async function chartsDrawn(page: import('playwright-core').Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const charts = [...document.querySelectorAll('.vega-chart')];
      return charts.length > 0 && charts.every((el) => el.querySelector('svg, canvas') !== null);
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForSelector('body[data-charts="done"]', { timeout: 10_000 });
}

describe.skipIf(missing)('report in a browser', () => {
  const file = join(tempDir(), 'report.html');
  beforeAll(async () => {
    const r = await cli(
      'report',
      'baseline',
      'isk-surge',
      '--start',
      '2025-06',
      '--runs',
      '40',
      '--workers',
      '1',
      '--quiet',
      '-o',
      file,
    );
    expect(r.code, r.err).toBe(0);
  }, 120_000);

  it('draws every chart offline, requests nothing, logs no error', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(pathToFileURL(file).href);
      await chartsDrawn(page);
      const charts = await page.$$eval('.vega-chart', (els) =>
        els.map((el) => ({ drawn: el.querySelector('svg') !== null, text: el.textContent ?? '' })),
      );
      expect(charts).toHaveLength(7 + 7 + 2);
      expect(charts.filter((c) => !c.drawn || c.text.includes('could not be drawn'))).toEqual([]);

      // each chart can be saved as SVG and PNG, and offers nothing that leaves the page
      const actions = await page.$$eval('.vega-chart', (els) =>
        els.map((el) => [...el.querySelectorAll('.vega-actions a')].map((a) => a.textContent)),
      );
      for (const a of actions) expect(a).toEqual(['Save as SVG', 'Save as PNG']);

      // a tooltip on hover: the first-recognizer bars carry one
      const bar = page.locator('.vega-chart[data-kind="first-recognizer"] svg .mark-rect path').first();
      await bar.scrollIntoViewIfNeeded();
      await bar.hover();
      await page.waitForSelector('#vg-tooltip-element.visible', { timeout: 5_000 });

      mkdirSync(join(packageRoot, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(packageRoot, 'test-artifacts', 'report.png'), fullPage: true });

      expect(requests.filter((url) => !/^(file|data|blob):/.test(url))).toEqual([]);
      expect(requests.filter((url) => url.startsWith('file:'))).toEqual([pathToFileURL(file).href]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('prints to A4 portrait with every chart whole inside the page box', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: Math.floor(A4_CONTENT_WIDTH), height: 1000 } });
      await page.emulateMedia({ media: 'print' });
      await page.goto(pathToFileURL(file).href);
      await chartsDrawn(page);
      const boxes = await page.$$eval('.vega-chart', (els) =>
        els.map((el) => {
          const svg = el.querySelector('svg')!.getBoundingClientRect();
          const figure = el.closest('figure')!;
          return {
            kind: el.getAttribute('data-kind'),
            left: svg.left,
            right: svg.right,
            // a chart wider than its figure would be cut off or scroll
            overflow: figure.scrollWidth - figure.clientWidth,
          };
        }),
      );
      expect(boxes).toHaveLength(16);
      const outside = boxes.filter((b) => b.left < 0 || b.right > A4_CONTENT_WIDTH || b.overflow > 0);
      expect(outside).toEqual([]);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      mkdirSync(join(packageRoot, 'test-artifacts'), { recursive: true });
      writeFileSync(join(packageRoot, 'test-artifacts', 'report-a4.pdf'), pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  }, 120_000);
});
