// A report in a real headless Chromium, opened from file:// with the network unreachable: every chart
// is drawn (SVG), nothing is requested but the file itself, nothing logs an error, tooltips and the
// export menu work. Not part of `npm test` (Chromium is a system package): `npm run test:system`.
// Chromium: CHROMIUM_PATH, or /usr/lib/chromium/chromium (Debian: apt-get install chromium).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { cli, tempDir } from '../cli/helpers.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const missing = chromiumMissing('report.browser.test');

describe.skipIf(missing)('report in a browser', () => {
  it('draws every chart offline, requests nothing, logs no error', async () => {
    const file = join(tempDir(), 'report.html');
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
      await page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('.vega-chart')];
          return charts.length > 0 && charts.every((el) => el.querySelector('svg, canvas') !== null);
        },
        undefined,
        { timeout: 60_000 },
      );
      await page.waitForSelector('body[data-charts="done"]', { timeout: 10_000 });
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
});
