// npm run tools: the developer and workshop tools, installed on first use rather than by every
// `npm ci` (a CLI user runs none of them): Biome (lint), the Deno kernel (notebooks), Playwright with
// axe (the browser tests).
// Versions are pinned in package.json "tools"; `npm install --no-save` leaves package.json and the
// lockfile as they are. The scripts that need a tool run this first; it is quick when all are there.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { tools } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const installed = (name) => {
  const file = join(root, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
};
const missing = Object.entries(tools).filter(([name, version]) => installed(name) !== version);
if (missing.length > 0) {
  // all of them in one install: npm removes packages it did not install in the same command
  const specs = Object.entries(tools).map(([name, version]) => `${name}@${version}`);
  process.stderr.write(
    `stancesim: installing the developer tools (${missing.map(([n]) => n).join(', ')} missing): npm install --no-save ${specs.join(' ')}\n`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', ...specs], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    process.stderr.write('stancesim: the tools did not install; run `npm run tools` again once npm can reach its registry\n');
    process.exit(r.status ?? 1);
  }
}
