// The chart lint over every chart kind in the registries, drawn from real documents: the shipped baseline
// run, ensemble, comparison, backtest, forecast and explanations are made here by the CLI (small N); the
// slow studies and fits come from test/fixtures/charts (made by its make.sh). A report author gets
// charts that fit the page, with nothing overlapping, cut off, too small or off-palette.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildChart,
  buildEnsembleChart,
  buildStudyCharts,
  buildValidationCharts,
  CHART_KINDS,
  ENSEMBLE_CHART_KINDS,
  STUDY_CHART_KINDS,
  VALIDATION_CHART_KINDS,
} from '../../src/charts/index.js';
import { actorStyles, RUNG_COLOURS } from '../../src/charts/palette.js';
import type { ResultsDoc } from '../../src/model/results.js';
import { RUNGS } from '../../src/model/types.js';
import { cli, tempDir } from '../cli/helpers.js';
import { lintChart } from './lint.js';

/** Every kind, by registry: a new kind fails the test below until it is linted here. */
const KINDS = [...CHART_KINDS, ...ENSEMBLE_CHART_KINDS, ...STUDY_CHART_KINDS, ...VALIDATION_CHART_KINDS];

const FIXTURES = new URL('../fixtures/charts/', import.meta.url);
const fixture = (name: string) => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));

interface Case {
  name: string;
  kind: string;
  spec: TopLevelSpec;
}
const cases: Case[] = [];
let colours = new Map<string, string>();

beforeAll(async () => {
  const dir = tempDir();
  const made = (sub: string, file: string) => JSON.parse(readFileSync(join(dir, sub, file), 'utf8'));
  const commands = [
    ['run', 'baseline', '-o', join(dir, 'run')],
    ['ensemble', 'baseline', '-n', '12', '-w', '1', '-o', join(dir, 'ens')],
    ['compare', 'baseline', 'reform-before-recognition', '--start', '2025-06', '-n', '12', '-w', '1'],
    ['backtest', 'baseline', '-n', '12', '-w', '1', '--paths', '20', '-o', join(dir, 'bt')],
    ['forecast', 'baseline', '--from', '2025-06', '--to', '2027-12', '-n', '12', '-w', '1'],
    ['explain', 'PK', '--at', '2024-04', '-o', join(dir, 'ex')],
    ['explain', 'kandahar', '--at', '2025-05', '-o', join(dir, 'exk')],
  ];
  commands[2]!.push('-o', join(dir, 'cmp'));
  commands[4]!.push('-o', join(dir, 'fc'));
  for (const argv of commands) {
    const r = await cli(...argv, '--no-charts', ...(argv[0] === 'explain' ? [] : ['-q']));
    if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.err}`);
  }
  const run: ResultsDoc = made('run', 'results.json');
  const add = (name: string, charts: { kind: string; spec: TopLevelSpec }[]) =>
    cases.push(...charts.map((c) => ({ name, ...c })));
  add(
    'run baseline',
    CHART_KINDS.map((kind) => ({ kind, spec: buildChart(kind, run) })),
  );
  const ens = made('ens', 'ensemble.json');
  add(
    'ensemble baseline',
    ENSEMBLE_CHART_KINDS.map((kind) => ({ kind, spec: buildEnsembleChart(kind, ens) })),
  );
  add('compare', buildStudyCharts(made('cmp', 'compare.json')));
  add('morris', buildStudyCharts(fixture('sensitivity-morris.json')));
  add('sobol', buildStudyCharts(fixture('sensitivity-sobol.json')));
  add('discover', buildStudyCharts(fixture('discover.json')));
  add('backtest', buildValidationCharts(made('bt', 'backtest.json')));
  add('calibration', buildValidationCharts(fixture('calibration.json')));
  add('rolling', buildValidationCharts(fixture('rolling.json')));
  add('forecast', buildValidationCharts(made('fc', 'forecast.json')));
  add('explain country', buildValidationCharts(made('ex', 'explain.json')));
  add('explain faction', buildValidationCharts(made('exk', 'explain.json')));
  // the visual language: each country's colour by name, each rung's by name
  const names = new Map(run.actors.map((a) => [a.id, a.name]));
  colours = new Map([...actorStyles(run.actors)].map(([id, s]) => [names.get(id)!, s.colour]));
  for (const [i, r] of RUNGS.entries()) colours.set(r, RUNG_COLOURS[i]!);
}, 60_000);

describe('chart lint over every kind', () => {
  it('covers every kind in the registries', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(KINDS));
  });

  it('finds nothing in any chart', async () => {
    const findings: string[] = [];
    for (const c of cases)
      for (const f of (await lintChart(c.spec, { colours, svg: false })).findings)
        findings.push(`${c.name} / ${c.kind}: ${f}`);
    expect(findings).toEqual([]);
  }, 60_000);
});
