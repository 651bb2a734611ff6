import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { cli, shipped, tempDir } from './helpers.js';

function scenario(text: string): string {
  const file = join(tempDir(), 'mine.yaml');
  writeFileSync(file, text);
  return file;
}

const header = `extends: ${packageRoot}scenarios/baseline.yaml\nquestion: q?\ndescription: d\n`;

describe('bad input', () => {
  it('names file, line, column, path, expectation and a hint for a mistyped parameter, and writes nothing', async () => {
    const file = scenario(`${header}set:\n  countries.US.rihgts: 0.9\n`);
    const out = join(tempDir(), 'never');
    const r = await cli('run', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:5:3: error`);
    expect(r.err).toContain('countries.US.rihgts');
    expect(r.err).toContain("did you mean 'countries.US.rights'?");
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an out-of-range value with the expected range', async () => {
    const r = await cli('validate', scenario(`${header}set:\n  countries.US.rights: 1.5\n`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/:5:\d+: error/);
    expect(r.err).toMatch(/0\.\.1|<= ?1|at most 1/);
  });

  it.each([
    ['import("fs")', /import/],
    ['evaluate("1+1") > 0', /evaluate/],
    ['f(x) = x', /function definition|assignment|not allowed/i],
    ['womens_right >= 0.5', /womens_rights/],
    ['cos.constructor("x")', /not allowed|unknown/i],
  ])('refuses the condition %s at load', async (when, message) => {
    const file = scenario(`${header}set:\n  countries.US.gates:\n    - { rung: 4, when: '${when}' }\n`);
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(`${file}:6:`);
  });

  it('says which scenario it could not find, with a suggestion', async () => {
    const r = await cli('run', 'baselin');
    expect(r.code).toBe(2);
    expect(r.err).toContain("scenario 'baselin' not found");
    expect(r.err).toContain("did you mean 'baseline'?");
  });

  it('rejects a malformed --start with a usage error', async () => {
    const r = await cli('run', 'baseline', '--start', '2025-13', '--no-charts', '--out', tempDir());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2025-13/);
  });

  it('treats an unknown command or option as a usage error, with the closest it knows', async () => {
    const command = await cli('rnu', 'baseline');
    expect([command.code, command.err]).toEqual([
      2,
      "stancesim: error: unknown command; did you mean 'run'?\n  hint: run 'stancesim run --help'\n",
    ]);
    const one = await cli('run', 'baseline', '--sed', '3');
    expect([one.code, one.err]).toEqual([
      2,
      'stancesim: error: unknown option --sed\n  hint: did you mean --seed?\n',
    ]);
    const two = await cli('compare', 'a', 'b', '--rnus', '3', '--outt', 'x', '--zzz');
    expect(two.err).toBe(
      'stancesim: error: unknown options --rnus, --outt, --zzz\n  hint: did you mean --rnus → --runs, --outt → --out?\n',
    );
  });

  it('names a word past the positionals as such, not as an option, with where a scenario goes', async () => {
    const scenario = await cli('explain', 'AE', 'baseline');
    expect([scenario.code, scenario.err]).toEqual([
      2,
      "stancesim: error: unexpected argument 'baseline'\n  hint: 'stancesim explain --help' shows the arguments it takes; a scenario goes with --scenario: --scenario baseline\n",
    ]);
    const both = await cli('run', 'baseline', '2025', '--sed', '3');
    expect([both.code, both.err]).toEqual([
      2,
      "stancesim: error: unexpected argument '2025'; unknown option --sed\n  hint: 'stancesim run --help' shows the arguments it takes; did you mean --seed?\n",
    ]);
    // occurrence by occurrence: the same word bare and as an option, in a cluster of letters, as a
    // value; a dashed option once, without the alias yargs adds
    const cases: [string[], string][] = [
      [['x', '--x'], "unexpected argument 'x'; unknown option -x"],
      [['x', '-xyz'], "unexpected argument 'x'; unknown options -x, -y, -z"],
      [['--foo', 'foo'], 'unknown option --foo'],
      [['--sed-x=3', 'sedX'], "unexpected argument 'sedX'; unknown option --sed-x"],
    ];
    for (const [args, message] of cases) {
      const r = await cli('run', 'baseline', ...args);
      expect(r.err.split('\n')[0], args.join(' ')).toBe(`stancesim: error: ${message}`);
    }
  });

  it('refuses a results file that is not one', async () => {
    const r = await cli('chart', join(packageRoot, 'package.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('not a stancesim results file');
  });

  it('validates every shipped scenario', async () => {
    const r = await cli(
      'validate',
      ...['baseline', 'isk-surge', 'reform-before-recognition'].map(
        (n) => `${packageRoot}scenarios/${n}.yaml`,
      ),
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('ok'))).toHaveLength(3);
  });

  it("usage errors are in English whatever the locale (yargs' own messages too), built or not", async () => {
    const german = { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' };
    const p = spawnSync(process.execPath, [`${packageRoot}dist/cli/bin.js`, 'run'], {
      encoding: 'utf8',
      env: { ...process.env, ...german },
    });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('Not enough non-option arguments: got 0, need at least 1');
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
    Object.assign(process.env, german);
    try {
      expect((await cli('run')).err).toContain('Not enough non-option arguments: got 0, need at least 1');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('as a real process (the built CLI): exit code 2, message on stderr, nothing on stdout', () => {
    const p = spawnSync(process.execPath, [`${packageRoot}dist/cli/bin.js`, 'describe', 'USA'], {
      encoding: 'utf8',
    });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr).toContain("unknown actor 'USA'");
    expect(p.stderr).toContain("did you mean 'US'?");
  });
});

describe('describe and list', () => {
  it('shows a country with the source of every parameter', async () => {
    const r = await cli('describe', 'IN');
    expect(r.code).toBe(0);
    expect(r.out).toContain('IN — India');
    expect(r.out).toMatch(/countries\.IN\.rivals\s+\["PK","CN"\]\s+seed 002/);
    for (const line of r.out.split('\n').filter((l) => l.startsWith('  countries.')))
      expect(line).toMatch(/\S+\s+\S+\s+\S.*\S/);
  });

  it('describe palette shows the rung colours with their contrasts and every actor in chart order', async () => {
    const r = await cli('describe', 'palette');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}6 formal recognition {5}#700a14 {3}33\.6 \//m);
    expect(r.out).toMatch(/^ {2}US {8}United States {18}#0072B2 {2}solid$/m);
    expect(r.out).toMatch(/^ {2}kandahar {2}Kandahar circle {16}#D55E00 {2}solid$/m);
    const doc = JSON.parse((await cli('describe', 'palette', '--json')).out);
    expect(doc.rungs).toHaveLength(7);
    expect(doc.actors.map((a: { id: string }) => a.id).slice(0, 3)).toEqual(['US', 'GB', 'DE']);
  });

  it("shows a scenario's overrides as coming from the scenario", async () => {
    const r = await cli('describe', 'IN', '--scenario', 'regional-bandwagon', '--json');
    const rows = JSON.parse(r.out).parameters as { path: string; value: unknown; source: string }[];
    expect(rows.find((p) => p.path === 'countries.IN.review_rate')).toMatchObject({
      value: 0.4,
      source: expect.stringContaining('regional-bandwagon'),
    });
  });

  it("shows what a scenario's events do to the actor later on, and says when none does", async () => {
    const plain = await cli('describe', 'haqqani');
    const r = await cli('describe', 'haqqani', '--scenario', 'haqqani-ascendancy');
    expect(r.out.startsWith(plain.out.trimEnd())).toBe(true);
    expect(r.out.slice(plain.out.trimEnd().length)).toBe(
      [
        '',
        '',
        '  events of haqqani-ascendancy (the values above are at its start, 2025-06):',
        '  2026-02  Haqqanis prevail in a confrontation with the Kandahar circle',
        '           power +0.3 (the others renormalized)',
        '           factions.haqqani.authority.womens_rights → 0.6',
        '           factions.haqqani.authority.inclusivity → 0.6',
        '',
      ].join('\n'),
    );
    const doc = JSON.parse(
      (await cli('describe', 'kandahar', '--scenario', 'haqqani-ascendancy', '--json')).out,
    );
    expect(doc.events).toEqual([
      {
        at: '2026-02',
        label: 'Haqqanis prevail in a confrontation with the Kandahar circle',
        changes: [
          'factions.kandahar.authority.womens_rights → 0.4',
          'factions.kandahar.authority.inclusivity → 0.4',
        ],
      },
    ]);
    expect((await cli('describe', 'US', '--scenario', 'haqqani-ascendancy')).out).toMatch(
      /\n\n {2}no event of haqqani-ascendancy changes US\n$/,
    );
  });

  it('lists the condition variables', async () => {
    const r = await cli('describe', 'variables');
    expect(r.out).toMatch(/^womens_rights\s+regime policy index/m);
    expect(r.out).toMatch(/^rung_US\s+engagement rung of US/m);
  });

  it('lists the shipped scenarios with their questions', async () => {
    const r = await cli('list');
    expect(r.out).toMatch(/^baseline\s+Where does/m);
    // one line per scenario shipped in scenarios/, name then question
    expect(
      r.out
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(shipped());
  });
});
