// The one line on moves that `run` and `ensemble` print.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { printEnsemble } from '../../src/cli/commands/ensemble-output.js';
import { printSummary } from '../../src/cli/commands/summary-text.js';
import type { Context } from '../../src/cli/context.js';
import { addRun, createAggregate, ensembleDoc } from '../../src/ensemble/index.js';
import { actorsOf, monthRange, simulate } from '../../src/model/index.js';
import { input } from '../model/fixture.js';

const base = input('text', { end: '2024-12' });
const months = monthRange(base.start, base.end);
const countries = Object.keys(base.params.countries);

function capture(): { ctx: Context; text: () => string } {
  let out = '';
  return {
    ctx: {
      out: (t) => {
        out += t;
      },
      err: () => {},
      tty: false,
      root: '.',
    },
    text: () => out,
  };
}

describe('moves in the terminal summary', () => {
  it('run: the moves up and down by cause, forced and earned', () => {
    const s = summarize(simulate({ ...base, seed: 'text/0' }), 'q');
    const { ctx, text } = capture();
    printSummary(ctx, s);
    const line = text()
      .split('\n')
      .find((l) => l.startsWith('  moves: '));
    expect(line).toBeDefined();
    expect(line).toContain(`moves: ${s.moves.total} — up ${s.moves.up}`);
    expect(line).toContain(`down ${s.moves.down}`);
    expect(line).toContain(`${s.moves.forced} forced by events, ${s.moves.earned} earned`);
  });

  it('ensemble: moves per run, downgrades by cause, and the share of runs with a downgrade', () => {
    const a = createAggregate(months.length, countries.length);
    for (let r = 0; r < 20; r++) addRun(a, simulate({ ...base, seed: `text/${r}` }));
    const doc = ensembleDoc(a, {
      scenario: 'fixture',
      question: 'q',
      seed: 'text',
      months,
      countries,
      actors: actorsOf(base.params),
    });
    const { ctx, text } = capture();
    printEnsemble(ctx, doc, false);
    const line = text()
      .split('\n')
      .find((l) => l.startsWith('  moves per run: '));
    expect(line).toBeDefined();
    expect(line).toContain(`moves per run: ${doc.moves.total.per_run.toFixed(1)} (up `);
    expect(line).toContain(`a downgrade in ${(100 * doc.moves.down.share).toFixed(1)}% of runs`);
    expect(line).not.toContain('none');
    const json = capture();
    printEnsemble(json.ctx, doc, true);
    const headline = JSON.parse(json.text());
    expect(headline.moves_per_run).toEqual({
      total: doc.moves.total.per_run,
      up: doc.moves.up.per_run,
      down: doc.moves.down.per_run,
    });
    expect(headline.p_any_downgrade).toBe(doc.moves.down.share);
  });
});
