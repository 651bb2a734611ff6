// npm run test:stress [-- N]: the suite on a busy machine. N times (default 10), `npm test` runs while
// a second full `npm test` runs beside it; counts the runs of the first that failed. No test may depend
// on wall-clock time, so the count must be 0 on any machine that can run the tool.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';

const n = Number(process.argv[2] ?? 10);
const vitest = (tag) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn('npx', ['vitest', 'run', '--reporter=dot'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => {
      out += b;
    });
    p.stderr.on('data', (b) => {
      out += b;
    });
    p.on('close', (code) => resolve({ tag, code, s: (performance.now() - t0) / 1000, out }));
  });

let failed = 0;
for (let i = 1; i <= n; i++) {
  const load = loadavg()[0].toFixed(2);
  const [run] = await Promise.all([vitest('run'), vitest('beside')]);
  if (run.code !== 0) {
    failed++;
    const failures = run.out.split('\n').filter((l) => /FAIL|×|Error/.test(l));
    process.stderr.write(`${failures.slice(0, 20).join('\n')}\n`);
  }
  console.log(`${i}/${n}: ${run.code === 0 ? 'passed' : 'FAILED'} in ${run.s.toFixed(0)} s beside another npm test (load ${load})`);
}
console.log(`${n} runs beside another npm test, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
