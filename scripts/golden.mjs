// node scripts/golden.mjs: the baseline's results for its fixed seed, one run and a 200-run ensemble,
// hashed and compared with test/golden.sha256 — on whatever Node runs this script (CI runs it on Node 20
// and on the newest Node the registry offers). The hashes change only with a change of the model, its
// data or the output formats; `node scripts/golden.mjs --write` records new ones (say why in the commit).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = mkdtempSync(join(tmpdir(), 'stancesim-golden-'));
const env = { ...process.env, STANCESIM_CACHE: 'off' };
const cli = (...args) => {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(1);
  }
};
cli('run', 'baseline', '--no-charts', '-q', '-o', join(out, 'run'));
cli('ensemble', 'baseline', '-n', '200', '--workers', '2', '--no-charts', '-q', '-o', join(out, 'ensemble'));
const FILES = ['run/results.csv', 'run/results.json', 'run/summary.json', 'ensemble/ensemble.json'];
const lines = FILES.map((f) => `${createHash('sha256').update(readFileSync(join(out, f))).digest('hex')}  ${f}`);
const golden = join(root, 'test/golden.sha256');
if (process.argv.includes('--write')) {
  writeFileSync(golden, `${lines.join('\n')}\n`);
  console.log(`golden: wrote ${golden} on Node ${process.version}`);
} else {
  const want = readFileSync(golden, 'utf8').trim().split('\n');
  const differ = FILES.filter((_, i) => lines[i] !== want[i]);
  console.log(
    differ.length === 0
      ? `golden: ${FILES.length} files match test/golden.sha256 on Node ${process.version}`
      : `golden: ${differ.join(', ')} differ from test/golden.sha256 on Node ${process.version}`,
  );
  process.exitCode = differ.length === 0 ? 0 : 1;
}
