// npm run test:notebooks-stress: execute the notebooks headless N times (default 50, cycling through the
// four; `-- 12` for fewer) and count the executions that lost an output: a code cell that prints or
// draws but has no output, or a failed execution. Needs jupyter-nbconvert (Debian) like test:system.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const n = Number(process.argv[2] ?? 50);
const names = readdirSync(join(root, 'notebooks')).filter((f) => /^\d.*\.ipynb$/.test(f)).sort();
const env = {
  ...process.env,
  JUPYTER_PATH: join(root, '.jupyter'),
  PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  DENO_DIR: join(root, '.deno-cache'),
  DENO_NO_UPDATE_CHECK: '1',
};
const out = mkdtempSync(join(tmpdir(), 'stancesim-stress-'));
const text = (x) => (Array.isArray(x) ? x.join('') : (x ?? ''));
let lost = 0;
for (let i = 0; i < n; i++) {
  const name = names[i % names.length];
  const target = join(out, `${i}-${name}`);
  const r = spawnSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=180', join('notebooks', name), '--output', target], { cwd: root, env, encoding: 'utf8' });
  let bad = r.status !== 0 ? ['execution failed'] : [];
  if (r.status === 0) {
    const nb = JSON.parse(readFileSync(target, 'utf8'));
    bad = nb.cells
      .filter((c) => c.cell_type === 'code' && /\b(console\.log|table|show)\(/.test(text(c.source)) && (c.outputs ?? []).length === 0)
      .map((c) => text(c.source).split('\n')[0]);
  }
  if (bad.length > 0) lost++;
  console.error(`${i + 1}/${n} ${name}: ${bad.length === 0 ? 'ok' : `lost output: ${bad.join(' | ')}`}`);
}
console.log(`${n} executions, ${lost} with lost output`);
process.exit(lost === 0 ? 0 : 1);
