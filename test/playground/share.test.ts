// A link to the playground restores the page: the settings go into the URL fragment and come back the
// same, a loaded scenario file travels whole, and what a fragment gets wrong is named, the rest kept.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../playground/catalogue.js';
import { Playground } from '../../playground/engine.js';
import { hashToSettings, settingsToHash } from '../../playground/share.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { ScenarioError } from '../../src/scenario/index.js';

let pg: Playground;
beforeAll(() => {
  pg = new Playground(shippedFiles());
});

const MINE = `extends: baseline.yaml
name: my-what-if
question: What if the US cared little about women's rights?
description: The US weighs women's rights at 0.1.
set:
  countries.US.rights: 0.1
`;

describe('the URL fragment', () => {
  it('writes only what differs from the scenario, and reads it back to the same settings', () => {
    const base = pg.defaults('baseline.yaml');
    expect(settingsToHash(pg, base)).toBe('#scenario=baseline.yaml');
    let s: Settings = { ...base, seed: '4242', power: 0.45 };
    s = pg.withValue(s, 'decision.rights', 0.2);
    s = pg.withValue(s, 'mechanisms.emboldening.enabled', false);
    const hash = settingsToHash(pg, s);
    expect(hash).toBe(
      '#scenario=baseline.yaml&seed=4242&power=0.45&decision.rights=0.2&mechanisms.emboldening.enabled=false',
    );
    expect(hashToSettings(pg, hash)).toEqual({ settings: s, problems: [] });
    // the same numbers: the settings run to the same headline
    expect(pg.run(hashToSettings(pg, hash).settings!).summary).toEqual(pg.run(s).summary);
    expect(hashToSettings(pg, '')).toEqual({ settings: null, problems: [] });
  });

  it('carries the settings pinned as A beside the page’s (side by side)', () => {
    const a = pg.withValue(pg.defaults('baseline.yaml'), 'decision.rights', 0.2);
    const b = { ...pg.defaults('isk-surge.yaml'), runs: 300 };
    const hash = settingsToHash(pg, b, a);
    expect(hash).toMatch(/^#scenario=isk-surge.yaml&runs=300&a=[\w-]+$/);
    expect(hashToSettings(pg, hash)).toEqual({ settings: b, pinned: a, problems: [] });
    // what the pinned part gets wrong is named as A's, the rest kept
    const bad = settingsToHash(pg, b, { ...a, set: {} }).replace(/a=[\w-]+/, 'a=%%%');
    expect(hashToSettings(pg, bad)).toEqual({
      settings: b,
      problems: ['A (the pinned settings): it is not the base64url a link writes'],
    });
    const typo = `#scenario=baseline.yaml&a=${btoa('decision.rigths=1').replace(/=+$/, '')}`;
    expect(hashToSettings(pg, typo).problems).toEqual([
      "A (the pinned settings): no parameter 'decision.rigths'",
    ]);
  });

  it('names what it cannot use and keeps the rest', () => {
    const { settings, problems } = hashToSettings(
      pg,
      '#scenario=isk-surge.yaml&decision.rigths=0.2&decision.rights=lots&mechanisms.emboldening.enabled=maybe&power=2&decision.peers=0.7',
    );
    expect(problems).toEqual([
      'power=2: expected a share from 0.03 to 0.94',
      "no parameter 'decision.rigths'",
      'decision.rights=lots: expected a number',
      'mechanisms.emboldening.enabled=maybe: expected true or false',
    ]);
    expect(settings!.scenario).toBe('isk-surge.yaml');
    expect(settings!.set).toEqual({ 'decision.peers': 0.7 });
    expect(hashToSettings(pg, '#scenario=nope.yaml').problems[0]).toMatch(
      /^no scenario 'nope.yaml' \(shipped: baseline.yaml, /,
    );
  });

  it('carries a loaded scenario file whole, and a second page loads it from the link', () => {
    pg.load('my-what-if.yaml', MINE);
    const s = pg.withValue(pg.defaults('my-what-if.yaml'), 'decision.first_mover', 0.5);
    expect(s.loaded).toEqual({ file: 'my-what-if.yaml', text: MINE });
    const hash = settingsToHash(pg, s);
    expect(hash).toMatch(/^#file=my-what-if.yaml&yaml=[\w-]+&decision.first_mover=0.5$/);
    const other = new Playground(shippedFiles());
    const back = hashToSettings(other, hash);
    expect(back.problems).toEqual([]);
    expect(back.settings).toEqual(s);
    expect(other.scenarios.map((x) => x.file)).toContain('my-what-if.yaml');
    expect(other.run(back.settings!).summary).toEqual(pg.run(s).summary);
  });
});

describe('loading a scenario file', () => {
  it('refuses an invalid file with the scenario layer’s located message, and changes nothing', () => {
    const before = pg.scenarios.length;
    const bad =
      'extends: baseline.yaml\nname: bad\nquestion: q?\ndescription: d\nset:\n  decision.rigths: 0.2\n';
    let error: unknown;
    try {
      pg.load('bad.yaml', bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const [d] = (error as ScenarioError).diagnostics;
    expect(d!.file).toBe('scenarios/bad.yaml');
    expect(d!.line).toBe(6);
    expect(d!.message).toMatch(/rigths/);
    expect(pg.scenarios).toHaveLength(before);
    expect(() => pg.load('baseline.yaml', MINE)).toThrow(/name of a shipped scenario/);
    expect(() => pg.load('../x.yaml', MINE)).toThrow(/not a scenario file name/);
    // a link with a bad file names it and falls back to the first scenario
    const { settings, problems } = hashToSettings(pg, `#file=bad.yaml&yaml=${btoa(bad)}`);
    expect(settings!.scenario).toBe('baseline.yaml');
    expect(problems[0]).toMatch(/^the scenario file in the link \(bad.yaml\) cannot be loaded: /);
  });
});
