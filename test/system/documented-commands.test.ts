// Every documented command runs as written: each command block of README.md, docs/*.md and
// playground/README.md, and every example of every `--help`, run by bash from a scratch copy of the
// repository's scenarios and docs (stancesim on the PATH, as `npm link` puts it), at a test scale
// (STANCESIM_TEST_SCALE shrinks --runs, --samples, --points, --evaluations and --paths, and says so).
// A block that cannot run here (installs, servers, the test suites themselves, a synopsis) is marked
// `<!-- not-run: reason -->` on the line before it; an unmarked line that is not a stancesim command
// fails. Blocks of one file run in order in one workspace, so a later command can read an earlier one's
// output (forecast, then score). In `npm run test:system`: about 100 processes.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliOnPath } from './cli-on-path.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCALE = '0.01';
const DOCS = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
  'playground/README.md',
];

/** A fenced block that holds commands: no language (or a shell's) and a first line a shell would run. */
interface Block {
  line: number;
  lines: { line: number; text: string }[];
  notRun?: string;
}

const COMMAND_START = /^(\$ )?(npx |stancesim |npm |node |jupyter |deno |git |for |[A-Z_]+=)/;

function commandBlocks(markdown: string): Block[] {
  const rows = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < rows.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(rows[i]!);
    if (!fence) continue;
    const body: { line: number; text: string }[] = [];
    let j = i + 1;
    for (; j < rows.length && !rows[j]!.startsWith('```'); j++) body.push({ line: j + 1, text: rows[j]! });
    const language = fence[1]!;
    const first = body.find((b) => b.text.trim() !== '');
    if (
      ['', 'sh', 'bash', 'console', 'shell'].includes(language) &&
      first &&
      COMMAND_START.test(first.text.trim())
    ) {
      const marker = /<!--\s*not-run:\s*(.+?)\s*-->/.exec(rows.slice(Math.max(0, i - 2), i).join('\n'));
      blocks.push({ line: i + 1, lines: body, ...(marker ? { notRun: marker[1]! } : {}) });
    }
    i = j;
  }
  return blocks;
}

/** The shell lines of a block: continuations joined, comments and blank lines dropped. */
function shellLines(block: Block): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  for (const { line, text } of block.lines) {
    const joined = pending ? `${pending.text} ${text.trim()}` : text.trim();
    const start = pending?.line ?? line;
    if (joined.endsWith('\\')) {
      pending = { line: start, text: joined.slice(0, -1).trim() };
      continue;
    }
    pending = undefined;
    const code = joined
      .replace(/^\$ /, '')
      .replace(/\s+#\s.*$/, '')
      .trim();
    if (code !== '' && !code.startsWith('#')) out.push({ line: start, text: code });
  }
  return out;
}

/** A scratch workspace: copies of scenarios/ and docs/ (commands write into them), the data linked. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'stancesim-docs-'));
  cpSync(join(root, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  cpSync(join(root, 'docs'), join(dir, 'docs'), { recursive: true });
  symlinkSync(join(root, 'data'), join(dir, 'data'));
  return {
    dir,
    env: {
      ...process.env,
      PATH: cliOnPath(dir),
      STANCESIM_TEST_SCALE: SCALE,
      STANCESIM_CACHE: join(dir, '.cache'),
    },
  };
}

/** Run a documented line in bash (after the block's earlier assignments); '' when it ran, else why not.
 * Asynchronous: a test that held its worker's event loop for a minute would miss vitest's own
 * messages (it reports "Timeout calling onTaskUpdate" after 60 s). */
function runLine(
  text: string,
  prelude: string[],
  ws: { dir: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  // `npx stancesim` in the repository is the local build: the same as stancesim on the PATH here
  const command = text.replace(/(^|&&\s*|;\s*)npx stancesim /g, '$1stancesim ');
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', [...prelude, command].join('\n')],
      { cwd: ws.dir, env: ws.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) return resolve('');
        const e = err as { code?: number | string; signal?: string };
        const tail = (stderr || stdout).trim().split('\n').slice(-6).join('\n');
        resolve(`exit ${e.code}${e.signal ? ` (${e.signal})` : ''}: ${tail}`);
      },
    );
  });
}

/** The output of the built CLI with these arguments. */
function cliOutput(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [`${root}dist/cli/bin.js`, ...args], { encoding: 'utf8' }, (err, out) =>
      err ? reject(err) : resolve(out),
    ),
  );
}

/** A line that runs stancesim (alone, after `&&`, or in a `for … do` loop). */
const RUNNABLE = /(^|&& |; do )(npx )?stancesim /;
const ASSIGNMENT = /^[A-Z_][A-Z0-9_]*=/;

describe('documented commands run as written', () => {
  it.each(DOCS)('%s', async (doc) => {
    const blocks = commandBlocks(readFileSync(join(root, doc), 'utf8'));
    const ws = workspace();
    const failures: string[] = [];
    let ran = 0;
    for (const block of blocks) {
      if (block.notRun) continue;
      const prelude: string[] = [];
      for (const { line, text } of shellLines(block)) {
        if (ASSIGNMENT.test(text) && !text.includes(' stancesim ')) {
          prelude.push(text);
          continue;
        }
        if (!RUNNABLE.test(text)) {
          failures.push(
            `${doc}:${line}: not a stancesim command: mark the block <!-- not-run: reason --> or make it one\n  ${text}`,
          );
          continue;
        }
        const why = await runLine(text, prelude, ws);
        ran++;
        if (why) failures.push(`${doc}:${line}: ${text}\n  ${why.replaceAll('\n', '\n  ')}`);
      }
    }
    expect(failures).toEqual([]);
    // a file that shows commands runs some of them (a file whose blocks are all marked has none)
    if (blocks.some((b) => !b.notRun)) expect(ran).toBeGreaterThan(0);
  }, 900_000);

  /** What a help example reads that the user is expected to have made first: made the documented way. */
  const BEFORE: Record<string, string[]> = {
    merge: ['for i in 1 2 3 4; do stancesim ensemble baseline -n 1000 --shard $i/4 -o s$i; done'],
    chart: ['stancesim run baseline --no-charts'],
    score: [
      'stancesim forecast baseline --from 2025-06 --to 2027-12 -n 100',
      'cp docs/outcomes-2025.csv outcomes.csv',
    ],
    validate: ['printf "extends: scenarios/baseline.yaml\\nquestion: q?\\ndescription: d\\n" > mine.yaml'],
    backtest: ['printf "extends: scenarios/baseline.yaml\\nquestion: q?\\ndescription: d\\n" > my.yaml'],
  };

  it('every example of every --help', async () => {
    const help = await cliOutput('--help');
    const commands = [...help.matchAll(/^ {2}stancesim (\w+)/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(17);
    const failures: string[] = [];
    let ran = 0;
    for (const command of commands) {
      const text = await cliOutput(command, '--help');
      const examples = text.split(/^Examples:$/m)[1] ?? '';
      for (const m of examples.matchAll(/^ {2}(stancesim .+?)(?: {2,}.*)?$/gm)) {
        const ws = workspace();
        const why = await runLine(m[1]!, BEFORE[command] ?? [], ws);
        ran++;
        if (why) failures.push(`stancesim ${command} --help: ${m[1]}\n  ${why.replaceAll('\n', '\n  ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toBeGreaterThanOrEqual(commands.length);
  }, 900_000);
});
