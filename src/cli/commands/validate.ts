import type { Argv, CommandModule } from 'yargs';
import { type Diagnostic, formatDiagnostics, ScenarioError } from '../../scenario/errors.js';
import type { Context } from '../context.js';
import { json } from '../formats.js';
import { fsReader } from '../io.js';
import { DATA } from '../options.js';
import { loadModelData, scenarioLayer } from '../scenarios.js';

interface ValidateArgs {
  files: string[];
  data?: string;
  json: boolean;
}

/** Thrown after every file was checked, so the exit code says "invalid input" (2). */
export class InvalidFiles extends Error {}

export function validateCommand(ctx: Context): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate <files..>',
    describe: 'Check scenario files: schema, parameter paths and ranges, conditions, dates',
    builder: (y) =>
      (y as Argv<object>)
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
        .option('data', DATA)
        .option('json', { type: 'boolean', default: false, describe: 'print the findings as JSON' })
        .example('$0 validate scenarios/*.yaml', 'check every shipped scenario')
        .example('$0 validate mine.yaml --json', 'machine-readable diagnostics') as Argv<ValidateArgs>,
    handler: async (argv) => {
      const { buildInput, loadScenario } = await scenarioLayer();
      const data = await loadModelData(ctx, argv.data);
      const findings = argv.files.map((file) => {
        try {
          const scenario = loadScenario(file, fsReader, data);
          buildInput(scenario, data);
          return { file, ok: true, name: scenario.meta.name, diagnostics: [] as Diagnostic[] };
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          return { file, ok: false, name: undefined, diagnostics: e.diagnostics };
        }
      });
      if (argv.json) ctx.out(json(findings));
      else {
        for (const f of findings) {
          if (f.ok) ctx.out(`ok    ${f.file} (${f.name})\n`);
          else ctx.err(`${formatDiagnostics(f.diagnostics)}\n`);
        }
      }
      const bad = findings.filter((f) => !f.ok).length;
      if (bad > 0) throw new InvalidFiles(`${bad} of ${findings.length} files invalid`);
    },
  };
}
