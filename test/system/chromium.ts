// Headless Chromium for the system tests: Debian's package (never a downloaded browser), launched
// with the network look-ups and background services off, so a test sees only the requests a page makes.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/lib/chromium/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
];

/** True when Chromium is missing; says so once, naming the test file. */
export function chromiumMissing(test: string): boolean {
  const missing = !existsSync(CHROMIUM);
  if (missing)
    console.warn(
      `${test}: skipped, no Chromium at ${CHROMIUM} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  return missing;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
