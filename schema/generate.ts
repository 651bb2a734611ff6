// Writes schema/scenario.schema.json from the zod schema in src/scenario/schema.ts (`npm run schema`).
// test/scenario/schema.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../src/scenario/schema.js';

const out = new URL('./scenario.schema.json', import.meta.url);
writeFileSync(out, scenarioJsonSchemaText());
console.log(`wrote ${out.pathname}`);
