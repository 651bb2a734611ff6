// The files the playground embeds: data/*.yaml, data/events.csv and scenarios/*.yaml, keyed
// 'data/<name>' and 'scenarios/<name>'. Apart from build.mjs so that tests read them without the bundler.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export function shippedFiles() {
  const files = {};
  const take = (dir, keep) => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const path = join(root, dir, name);
      if (keep(name) && statSync(path).isFile()) files[`${dir}/${name}`] = readFileSync(path, 'utf8');
    }
  };
  take('data', (n) => /\.ya?ml$/.test(n) || n === 'events.csv');
  take('scenarios', (n) => /\.ya?ml$/.test(n));
  return files;
}
