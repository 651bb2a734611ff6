import type { Argv, CommandModule } from 'yargs';
import {
  type ActorInfo,
  actorsOf,
  conditionVariables,
  describeVariable,
  type Effect,
  FACTIONS,
  type ModelParams,
  RUNGS,
  round6,
} from '../../model/index.js';
import { didYouMean } from '../../scenario/errors.js';
import type { ModelData } from '../../scenario/index.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { json } from '../formats.js';
import { fsReader } from '../io.js';
import { loadModelData, resolveScenario, scenarioLayer } from '../scenarios.js';

interface DescribeArgs {
  actor: string;
  scenario?: string;
  json: boolean;
}

interface Entry {
  path: string;
  value: unknown;
  source: string;
}

/** Leaves of params under `prefix`, each with its source (a scenario override names its file). */
function entries(
  params: ModelParams,
  data: ModelData,
  prefix: string,
  overridden: Set<string>,
  file?: string,
): Entry[] {
  const out: Entry[] = [];
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
      return;
    }
    if (Array.isArray(node) && node.some((x) => typeof x === 'object')) {
      // gates: one entry each, so each shows its own source
      node.forEach((x, i) => {
        out.push({
          path: `${path}.${i}`,
          value: x,
          source: overridden.has(path) ? `scenario ${file}` : (data.sources[`${path}.${i}`] ?? ''),
        });
      });
      return;
    }
    const identity = /^(countries|factions)\.([^.]+)\.(name|bloc|p5|leader)$/.exec(path);
    const own = identity ? data.actorSources[identity[2]!] : data.sources[path];
    const source = overridden.has(path) ? `scenario ${file}` : (own ?? '');
    out.push({ path, value: node, source });
  };
  const root = prefix.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], params);
  walk(root, prefix);
  return out;
}

export function describeCommand(ctx: Context): CommandModule<object, DescribeArgs> {
  return {
    command: 'describe <actor>',
    describe:
      "Show an actor's parameters with their sources (a country id, a faction, 'model' or 'variables')",
    builder: (y) =>
      (y as Argv<object>)
        .positional('actor', {
          type: 'string',
          demandOption: true,
          describe: 'US, CN, PK, … kandahar, haqqani, swing, model, variables, palette',
        })
        .option('scenario', { alias: 's', type: 'string', describe: 'show the values a scenario uses' })
        .option('json', { type: 'boolean', default: false, describe: 'print as JSON' })
        .example('$0 describe IN', "India's interests, peers, rivals and gates, with sources")
        .example('$0 describe haqqani --scenario haqqani-ascendancy', 'the faction as a scenario sets it')
        .example('$0 describe variables', 'what a condition may refer to')
        .example(
          '$0 describe palette',
          'the colours of the rungs and the actors, as every chart uses them',
        ) as Argv<DescribeArgs>,
    handler: async (argv) => {
      const { loadScenario } = await scenarioLayer();
      const data = await loadModelData(ctx);
      const file = argv.scenario ? resolveScenario(ctx, argv.scenario) : undefined;
      const scenario = file ? loadScenario(file, fsReader, data) : undefined;
      const params = scenario?.params ?? data.params;
      const overridden = new Set<string>(Object.keys(scenario?.meta.overrides ?? {}));
      const countries = Object.keys(params.countries);

      if (argv.actor === 'palette') return describePalette(ctx, actorsOf(params), argv.json);

      if (argv.actor === 'variables') {
        const vars = conditionVariables(countries).map((name) => ({
          name,
          meaning: describeVariable(name) ?? '',
        }));
        if (argv.json) return ctx.out(json(vars));
        return ctx.out(`${vars.map((v) => `${v.name.padEnd(16)} ${v.meaning}`).join('\n')}\n`);
      }

      const groups = ['decision', 'regime', 'power', 'mechanisms', 'threat', 'un'];
      let prefixes: string[];
      let title: string;
      if (params.countries[argv.actor]) {
        const c = params.countries[argv.actor]!;
        prefixes = [`countries.${argv.actor}`];
        title = `${argv.actor} — ${c.name} (${c.bloc}${c.p5 ? ', UN Security Council P5' : ''})\n  named in: ${data.actorSources[argv.actor] ?? ''}`;
      } else if ((FACTIONS as readonly string[]).includes(argv.actor)) {
        const f = params.factions[argv.actor as (typeof FACTIONS)[number]];
        prefixes = [`factions.${argv.actor}`];
        title = `${argv.actor} — ${f.name}, led by ${f.leader}\n  named in: ${data.actorSources[argv.actor] ?? ''}`;
      } else if (argv.actor === 'model') {
        prefixes = groups;
        title = 'model — global parameters';
      } else {
        const known = [...countries, ...FACTIONS, 'model', 'variables', 'palette'];
        const close = didYouMean(argv.actor, known);
        throw new UsageError(
          `unknown actor '${argv.actor}'`,
          `${close ? `did you mean '${close}'? ` : ''}known: ${known.join(' ')}`,
        );
      }
      const rows = prefixes.flatMap((p) => entries(params, data, p, overridden, file));
      // what the scenario's events do to the actor later on (the table shows the start)
      const events = (scenario?.meta.events ?? []).flatMap((e) => {
        const changes = e.effects.flatMap((x) => effectOn(x, argv.actor, prefixes));
        return changes.length > 0 ? [{ at: e.at, label: e.label, changes }] : [];
      });
      if (argv.json)
        return ctx.out(json({ actor: argv.actor, parameters: rows, ...(scenario ? { events } : {}) }));
      const width = Math.max(...rows.map((r) => r.path.length));
      const text = rows.map(
        (r) => `  ${r.path.padEnd(width)}  ${JSON.stringify(r.value).padEnd(8)}  ${r.source}`,
      );
      const later =
        events.length === 0
          ? scenario
            ? `\n\n  no event of ${scenario.meta.name} changes ${argv.actor}`
            : ''
          : `\n\n  events of ${scenario!.meta.name} (the values above are at its start, ${scenario!.meta.start}):\n${events
              .map((e) => `  ${e.at}  ${e.label}\n${e.changes.map((c) => `           ${c}`).join('\n')}`)
              .join('\n')}`;
      ctx.out(`${title}\n\n${text.join('\n')}${later}\n`);
    },
  };
}

/** The visual language: rung colours with their contrasts, and every actor's colour and dash. */
async function describePalette(ctx: Context, actors: ActorInfo[], asJson: boolean): Promise<void> {
  const { RUNG_COLOURS, actorStyles, countriesInOrder } = await import('../../charts/palette.js');
  const { difference } = await import('../../charts/colour.js');
  const styles = actorStyles(actors);
  const visions = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'] as const;
  const rungs = RUNG_COLOURS.map((colour, k) => ({
    rung: k,
    name: RUNGS[k]!,
    colour,
    // CIEDE2000 from the rung below, for each kind of vision
    from_below:
      k === 0
        ? null
        : Object.fromEntries(visions.map((v) => [v, round6(difference(RUNG_COLOURS[k - 1]!, colour, v))])),
  }));
  const list = [...countriesInOrder(actors), ...actors.filter((a) => a.kind === 'faction')].map((a) => ({
    id: a.id,
    name: a.name,
    bloc: a.bloc ?? null,
    ...styles.get(a.id)!,
  }));
  if (asJson) return ctx.out(json({ rungs, actors: list }));
  const dash = (d: number[]) => (d.length === 2 && d[1] === 0 ? 'solid' : d.join(' '));
  ctx.out(
    [
      'rungs (CIEDE2000 from the rung below: normal / deuteranopia / protanopia / tritanopia)',
      ...rungs.map(
        (r) =>
          `  ${r.rung} ${r.name.padEnd(22)} ${r.colour}${r.from_below ? `   ${visions.map((v) => (r.from_below?.[v] ?? 0).toFixed(1)).join(' / ')}` : ''}`,
      ),
      '',
      'actors (colour, dash), in the order every chart lists them',
      ...list.map((a) => `  ${a.id.padEnd(9)} ${a.name.padEnd(30)} ${a.colour}  ${dash(a.dash)}`),
      '',
    ].join('\n'),
  );
}

/** What an event's effect does to the actor (or, for 'model', to the parameters shown), in words. */
function effectOn(x: Effect, actor: string, prefixes: string[]): string[] {
  const signed = (d: number) => `${d >= 0 ? '+' : ''}${round6(d)}`;
  const level = (e: { to?: number; delta?: number }) =>
    e.to !== undefined ? `→ ${e.to}` : signed(e.delta ?? 0);
  switch (x.kind) {
    case 'param': {
      const path = x.path.join('.');
      return prefixes.some((p) => path === p || path.startsWith(`${p}.`))
        ? [`${path} → ${String(x.to)}`]
        : [];
    }
    case 'power':
      return x.faction === actor ? [`power ${signed(x.delta)} (the others renormalized)`] : [];
    case 'ideal':
      return x.faction === actor ? [`ideal ${x.dimension} ${level(x)}`] : [];
    case 'rung':
      return x.country === actor ? [`rung → ${x.to} (${RUNGS[x.to] ?? x.to})`] : [];
    case 'listed':
      return x.country === actor ? [`listed → ${x.to}`] : [];
    case 'drive':
      return x.country === actor ? [`drive ${signed(x.delta)} that month`] : [];
    case 'precursor':
    case 'incident':
    case 'attack':
      return x.country === actor ? [x.kind] : [];
    case 'policy':
      return actor === 'model' ? [`policy ${x.dimension} ${level(x)}`] : [];
    case 'threat':
      return actor === 'model' ? [`ISK threat ${level(x)}`] : [];
  }
}
