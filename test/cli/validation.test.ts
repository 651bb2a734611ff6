// backtest, calibrate, forecast, score and explain end to end.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const FAST = ['--no-charts', '--quiet', '-w', '1'];

describe('validation commands', () => {
  it('backtest prints the model beside persistence and trend, and writes its files', async () => {
    const out = tempDir();
    const r = await cli('backtest', '-n', '20', '-o', out, ...FAST);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/model\s+[\d.]+\s+[\d.]+/);
    expect(r.out).toMatch(/persistence\s+[\d.]+/);
    const doc = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8'));
    expect([doc.start, doc.end, doc.runs]).toEqual(['2021-08', '2025-06', 20]);
    expect(readFileSync(join(out, 'backtest.csv'), 'utf8').split('\n')[0]).toContain(
      'model_mae,persistence_mae,trend_mae',
    );
  }, 60_000);

  it('calibrate writes a scenario that extends the input and runs', async () => {
    const out = tempDir();
    const r = await cli(
      'calibrate',
      'baseline',
      '-p',
      'decision.base=0.5:1.5',
      '-n',
      '8',
      '--evaluations',
      '4',
      '--holdout',
      '12',
      '-o',
      out,
      ...FAST,
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'calibration.json'), 'utf8'));
    expect(doc.trace.length).toBe(4);
    expect([doc.fit_end, doc.end]).toEqual(['2024-06', '2025-06']);
    const yaml = readFileSync(join(out, 'baseline-calibrated.yaml'), 'utf8');
    expect(yaml).toContain(`decision.base: ${doc.params[0].fitted}`);
    expect((await cli('validate', join(out, 'baseline-calibrated.yaml'))).code).toBe(0);
    expect(
      (await cli('run', join(out, 'baseline-calibrated.yaml'), '--no-charts', '-o', tempDir())).code,
    ).toBe(0);
  }, 60_000);

  it('calibrate refuses a list factor and nothing to fit', async () => {
    const r = await cli('calibrate', 'baseline', '-p', 'mechanisms.emboldening.enabled=true,false');
    expect(r.code).toBe(2);
    expect(r.err).toContain('calibration fits ranges');
  });

  it('forecast, then score recorded outcomes beside persistence', async () => {
    const out = tempDir();
    expect(
      (
        await cli(
          'forecast',
          'baseline',
          '--from',
          '2025-06',
          '--to',
          '2026-12',
          '-n',
          '30',
          '-o',
          out,
          ...FAST,
        )
      ).code,
    ).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'forecast.json'), 'utf8'));
    expect(doc.questions.map((q: { id: string }) => q.id)).toContain('RU rung>=6 by 2025-12');
    const outcomes = join(tempDir(), 'outcomes.csv');
    writeFileSync(
      outcomes,
      'id,outcome,note\nRU rung>=6 by 2025-12,1,Russia recognized in July 2025\nUN seat 2025-12,0,\n',
    );
    const r = await cli('score', join(out, 'forecast.json'), outcomes, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.scored.map((x: { id: string }) => x.id)).toEqual(['RU rung>=6 by 2025-12', 'UN seat 2025-12']);
    expect(existsSync(join(out, 'score.json'))).toBe(true);
  }, 60_000);

  it('score names a bad outcome by line and column', async () => {
    const out = tempDir();
    await cli('forecast', 'baseline', '--to', '2025-12', '-n', '5', '-o', out, ...FAST);
    const outcomes = join(tempDir(), 'outcomes.csv');
    writeFileSync(outcomes, 'id,outcome\nUN seat 2025-12,perhaps\n');
    const r = await cli('score', join(out, 'forecast.json'), outcomes);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${outcomes}:2:`);
    expect(r.err).toContain("outcome 'perhaps' is not yes or no");
  }, 60_000);

  it('explain takes a decision apart, and names unknown actors', async () => {
    const r = await cli('explain', 'pk', '--at', '2024-04', '-o', tempDir(), '--no-charts');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Pakistan (PK), 2024-04');
    expect(r.out).toMatch(/= drive\s+[+−][\d.]+/);
    const bad = await cli('explain', 'XX');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown actor 'XX'");
    expect(bad.err).toContain('factions: kandahar, haqqani, swing');
    const early = await cli('explain', 'US', '--at', '2021-08');
    expect(early.err).toContain('not a month with a decision');
  });
});
