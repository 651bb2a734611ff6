import { relative } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { Context } from '../context.js';
import { json } from '../formats.js';
import { fsReader } from '../io.js';
import { loadModelData, scenarioLayer, shippedScenarios } from '../scenarios.js';

export function listCommand(ctx: Context): CommandModule<object, { json: boolean }> {
  return {
    command: 'list',
    describe: 'List the shipped scenarios and the question each asks',
    builder: (y) =>
      (y as Argv<object>)
        .option('json', { type: 'boolean', default: false, describe: 'print as JSON' })
        .example('$0 list', 'names and questions')
        .example('$0 list --json', 'for scripts') as Argv<{ json: boolean }>,
    handler: async (argv) => {
      const { loadScenario } = await scenarioLayer();
      const data = await loadModelData(ctx);
      const rows = shippedScenarios(ctx).map((file) => {
        const { meta } = loadScenario(file, fsReader, data);
        return {
          name: meta.name,
          question: meta.question,
          file: relative(ctx.root, file),
          extends: meta.chain.slice(1).map((f) => relative(ctx.root, f)),
        };
      });
      if (argv.json) return ctx.out(json(rows));
      const width = Math.max(...rows.map((r) => r.name.length));
      ctx.out(`${rows.map((r) => `${r.name.padEnd(width)}  ${r.question}`).join('\n')}\n`);
    },
  };
}
