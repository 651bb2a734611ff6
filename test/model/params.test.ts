// Setting parameters by path: what param events and sweep design points rely on.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../src/model/index.js';
import { params } from './fixture.js';

describe('withOverrides', () => {
  it('returns a new params object with nested paths set and leaves its input alone', () => {
    const p = params();
    const before = structuredClone(p);
    const out = withOverrides(p, [
      { path: 'countries.A.rights', value: 0.25 },
      { path: 'mechanisms.emboldening.enabled', value: false },
      { path: 'un.veto_rung', value: 3 },
    ]);
    expect(p).toEqual(before);
    expect(out.countries.A!.rights).toBe(0.25);
    expect(out.countries.B!.rights).toBe(p.countries.B!.rights);
    expect(out.mechanisms.emboldening.enabled).toBe(false);
    expect(out.un.veto_rung).toBe(3);
    expect(withOverrides(p, [])).toEqual(p);
  });

  it('throws a clear error for a path that does not exist', () => {
    expect(() => withOverrides(params(), [{ path: 'countries.UK.rights', value: 1 }])).toThrow(
      "no parameter 'countries.UK' (setting 'countries.UK.rights')",
    );
    expect(() => withOverrides(params(), [{ path: 'decision.firstmover', value: 1 }])).toThrow(
      "no parameter 'decision.firstmover'",
    );
  });
});
