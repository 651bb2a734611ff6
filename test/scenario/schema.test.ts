import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText, scenarioSchema } from '../../src/scenario/index.js';

// biome-ignore lint/suspicious/noExplicitAny: assertions walk the generated JSON Schema freely
type Json = Record<string, any>;

describe('schema/scenario.schema.json', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  const js = scenarioJsonSchema() as Json;

  it('is strict, requires question and description, and carries ranges', () => {
    expect(js.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(js.additionalProperties).toBe(false);
    expect(js.required).toEqual(['question', 'description']);
    expect(js.properties.start.pattern).toBe('^\\d{4}-(0[1-9]|1[0-2])$');
    const event = js.properties.events.items;
    expect(event.required).toEqual(['at', 'label']);
    expect(event.additionalProperties).toBe(false);
    expect(event.properties.rung.anyOf[0].properties.to).toEqual({ type: 'integer', minimum: 0, maximum: 6 });
    expect(event.properties.policy.anyOf[0].oneOf).toEqual([{ required: ['to'] }, { required: ['delta'] }]);
  });

  it('lists every parameter under set: exact names for global ones, patterns per country', () => {
    const set = js.properties.set;
    expect(set.additionalProperties).toBe(false);
    expect(set.properties['decision.hazard_width']).toMatchObject({ type: 'number', exclusiveMinimum: 0 });
    expect(set.properties['decision.temperature']).toBeUndefined();
    expect(set.properties['mechanisms.emboldening.enabled']).toEqual({ type: 'boolean' });
    expect(set.properties['factions.kandahar.ideal.womens_rights']).toMatchObject({ minimum: 0, maximum: 1 });
    const match = (path: string) =>
      Object.entries(set.patternProperties as Json).filter(([p]) => new RegExp(p).test(path));
    expect(match('countries.US.rights')).toHaveLength(1);
    expect(match('countries.US.rights')[0]![1]).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(match('countries.US.gates')[0]![1].items.properties.rung).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 6,
    });
    expect(match('countries.US.rihgts')).toHaveLength(0);
    expect(match('countries.USA.rights.x')).toHaveLength(0);
    // an event's set takes numbers and booleans only
    const eventSet = js.properties.events.items.properties.set;
    expect(Object.keys(eventSet.properties)).toContain('decision.base');
    expect(Object.keys(eventSet.properties)).not.toContain('factions.kandahar.name');
    expect(
      Object.entries(eventSet.patternProperties as Json).some(([p]) =>
        new RegExp(p).test('countries.US.gates'),
      ),
    ).toBe(false);
    expect(
      Object.entries(eventSet.patternProperties as Json).some(([p]) =>
        new RegExp(p).test('countries.US.review_rate'),
      ),
    ).toBe(true);
  });

  it('the zod schema itself rejects unknown keys and out-of-range values', () => {
    expect(scenarioSchema.safeParse({ question: 'q', description: 'd' }).success).toBe(true);
    expect(scenarioSchema.safeParse({ question: 'q', description: 'd', extra: 1 }).success).toBe(false);
    expect(
      scenarioSchema.safeParse({
        question: 'q',
        description: 'd',
        events: [{ at: '2026-01', label: 'x', rung: { country: 'US', to: 7 } }],
      }).success,
    ).toBe(false);
  });
});
