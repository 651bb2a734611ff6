// The page's catalogue (made at build time, no model on the page) says what the engine says: every
// control's value in every shipped scenario, the observed power at each start month, the defaults; and
// the worker's engine, started from its snapshot, runs to the bytes of one built from the files.

import { beforeAll, describe, expect, it } from 'vitest';
import { Catalogue, POWER_FACTION } from '../../playground/catalogue.js';
import { COUNTRY, GROUPS } from '../../playground/controls.js';
import { Playground, paramAt } from '../../playground/engine.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { formatMonth, parseMonth } from '../../src/model/time.js';

let pg: Playground;
let cat: Catalogue;

beforeAll(() => {
  pg = new Playground(shippedFiles());
  // as the page has it: through JSON (build.mjs inlines it)
  cat = new Catalogue(JSON.parse(JSON.stringify(pg.catalogue.data)));
});

describe('the catalogue', () => {
  it("holds every control's value in every shipped scenario, as the scenario layer loads it", () => {
    const countries = Object.keys(pg.data.params.countries);
    const paths = GROUPS.flatMap((g) => [...(g.toggles ?? []), ...g.sliders])
      .filter((c) => c.path !== 'power')
      .flatMap((c) =>
        c.path.includes(COUNTRY) ? countries.map((id) => c.path.replace(COUNTRY, id)) : [c.path],
      );
    expect(paths.length).toBeGreaterThan(60);
    expect(cat.scenarios.map((s) => s.file)).toEqual(pg.scenarios.map((s) => s.file));
    expect(cat.scenarios[0]!.file).toBe('baseline.yaml');
    for (const { file } of cat.scenarios) {
      const { meta, params } = pg.base(file);
      const settings = cat.defaults(file);
      expect(settings).toEqual({
        scenario: file,
        seed: meta.seed,
        start: meta.start,
        end: meta.end,
        set: {},
      });
      for (const path of paths)
        expect(cat.value(settings, path), `${file} ${path}`).toBe(paramAt(params, path));
    }
    // a scenario that changes parameters: its own values, not the data's
    const reform = pg.base('reform-before-recognition.yaml').params;
    const differs = paths.filter((p) => paramAt(reform, p) !== paramAt(pg.data.params, p));
    expect(differs.length).toBeGreaterThan(0);
  });

  it('gives the observed power share at every start month, and after the record the last one', () => {
    for (const file of ['baseline.yaml', 'haqqani-ascendancy.yaml']) {
      const first = parseMonth(cat.firstMonth);
      for (const m of [first, first + 7, first + 30, first + 47, first + 200]) {
        const s = { ...cat.defaults(file), start: formatMonth(m) };
        expect(cat.observedPower(s), `${file} ${s.start}`).toBe(pg.observedPower(s)[POWER_FACTION]);
      }
      const floor = pg.base(file).params.power.floor;
      expect(cat.powerRange(cat.defaults(file))).toEqual([floor, 1 - 2 * floor]);
    }
  });

  it('refuses a parameter it does not have, and a change back to the scenario’s value is no change', () => {
    const s = cat.defaults('baseline.yaml');
    expect(() => cat.value(s, 'decision.rigths')).toThrow("no parameter 'decision.rigths'");
    const original = cat.value(s, 'decision.rights');
    expect(cat.withValue(cat.withValue(s, 'decision.rights', 0.2), 'decision.rights', original)).toEqual(s);
    expect(cat.countryName('DE')).toBe('Germany');
    expect(cat.countryId('Germany')).toBe('DE');
  });
});

describe('the snapshot the worker starts from', () => {
  it('runs, explains and loads as the engine built from the files', () => {
    const snapshot = JSON.parse(JSON.stringify(pg.snapshot()));
    const worker = new Playground(snapshot.files, snapshot);
    for (const settings of [
      worker.defaults('baseline.yaml'),
      {
        ...worker.withValue(worker.defaults('isk-surge.yaml'), 'decision.rights', 0.4),
        power: 0.5,
        seed: '7',
      },
    ]) {
      expect(worker.run(settings).doc).toEqual(pg.run(settings).doc);
      expect(worker.explain(settings, 'PK', '2029-06')).toEqual(pg.explain(settings, 'PK', '2029-06'));
    }
    const mine =
      'extends: baseline.yaml\nname: mine\nquestion: q?\ndescription: d\nset:\n  decision.rights: 0.3\n';
    expect(worker.load('mine.yaml', mine)).toEqual(pg.load('mine.yaml', mine));
    expect(worker.run(worker.defaults('mine.yaml')).doc).toEqual(pg.run(pg.defaults('mine.yaml')).doc);
  });
});
