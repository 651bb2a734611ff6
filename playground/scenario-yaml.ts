// A playground variant → the text of a scenario file that the CLI runs to the same numbers, and the
// command that compares two of them. Pure: no DOM, no I/O. Strings are written plain only when YAML
// cannot read them as anything but that string.

import type { ParamValue, Settings, Variant } from './catalogue.js';

const KEYWORDS = /^(true|false|null|yes|no|on|off|y|n)$/i;
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-/]*$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A string as a YAML scalar: plain when safe, else double-quoted (a JSON string is valid YAML). */
export function yamlString(s: string): string {
  return (PLAIN.test(s) && !KEYWORDS.test(s)) || MONTH.test(s) ? s : JSON.stringify(s);
}

/** A number or boolean as a YAML scalar that reads back as the same value. */
export function yamlValue(v: ParamValue): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} to a scenario file`);
  return String(v);
}

/** A seed: a whole number stays a number (as in the shipped scenarios), anything else a string. */
export function yamlSeed(seed: string): string {
  return /^(0|[1-9]\d*)$/.test(seed) && Number.isSafeInteger(Number(seed)) ? seed : JSON.stringify(seed);
}

/** A literal block scalar (`|`) indented by two spaces. */
function block(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  return `|\n${lines.map((l) => (l === '' ? '' : `  ${l}`)).join('\n')}`;
}

/** The scenario file of a variant. Save it next to the scenario it extends (in scenarios/). */
export function scenarioYaml(v: Variant): string {
  const out: string[] = [
    '# yaml-language-server: $schema=../schema/scenario.schema.json',
    `# Made in the stancesim playground. Save it in scenarios/ (next to ${v.extends}) and run:`,
    `#   npx stancesim run scenarios/${v.name}.yaml`,
    `name: ${yamlString(v.name)}`,
    `extends: ${yamlString(v.extends)}`,
    `question: ${JSON.stringify(v.question)}`,
    `description: ${block(v.description)}`,
    `seed: ${yamlSeed(v.seed)}`,
    `start: ${yamlString(v.start)}`,
    `end: ${yamlString(v.end)}`,
  ];
  const set = Object.entries(v.set);
  if (set.length > 0) {
    out.push('set:');
    for (const [path, value] of set) out.push(`  ${yamlString(path)}: ${yamlValue(value)}`);
  }
  if (v.events.length > 0) {
    out.push('events:');
    for (const e of v.events) {
      out.push(
        `  - at: ${yamlString(e.at)}`,
        `    label: ${JSON.stringify(e.label)}`,
        `    power: { faction: ${yamlString(e.power.faction)}, delta: ${yamlValue(e.power.delta)} }`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** The file name the download suggests. */
export function scenarioFileName(v: Variant): string {
  return `${v.name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.yaml`;
}

/** What the two arms of a side-by-side comparison are called, in it and on its charts. */
export const ARM_NAMES = ['A', 'B'] as const;

/** Whatever turns settings into variants: the page's catalogue, or the engine. */
interface Variants {
  variant(settings: Settings): Variant;
}

/** The settings pinned as A as a scenario file: named apart from B's (compare refuses two of one name). */
export function pinnedVariant(from: Variants, settings: Settings): Variant {
  const variant = from.variant(settings);
  return { ...variant, name: `${variant.name}-a` };
}

/** The command that gives a comparison's numbers from the two downloaded files (in scenarios/). */
export function compareCommand(from: Variants, a: Settings, b: Settings, runs: number): string {
  const files = [pinnedVariant(from, a), from.variant(b)].map((v) => `scenarios/${scenarioFileName(v)}`);
  return `npx stancesim compare ${files.join(' ')} -n ${runs}`;
}
