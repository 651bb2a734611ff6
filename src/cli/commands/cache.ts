// `stancesim cache [info|clear]`: where the cache of compiled scenarios and charts is, what it holds
// and its bound; clear empties it (it fills again as scenarios run).

import type { Argv, CommandModule } from 'yargs';
import type { Context } from '../context.js';
import { json } from '../formats.js';
import { cacheDir, cacheEntries, clearCache, maxEntries } from '../input-cache.js';

interface CacheArgs {
  action: 'info' | 'clear';
  json: boolean;
}

const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`;

export function cacheCommand(ctx: Context): CommandModule<object, CacheArgs> {
  return {
    command: 'cache [action]',
    describe: 'Show or clear the cache of compiled scenarios and charts',
    builder: (y) =>
      (y as Argv<object>)
        .positional('action', {
          choices: ['info', 'clear'] as const,
          default: 'info' as const,
          describe: 'info: where it is, its entries and bound; clear: remove every entry',
        })
        .option('json', { type: 'boolean', default: false, describe: 'print as JSON' })
        .example('$0 cache', 'where the cache is and what it holds')
        .example('$0 cache clear', 'empty it') as Argv<CacheArgs>,
    handler: (argv) => {
      const dir = cacheDir();
      const max = maxEntries();
      if (!dir) {
        if (argv.json) ctx.out(json({ dir: null, entries: 0, bytes: 0, max }));
        else ctx.out('the cache is off (STANCESIM_CACHE=off): scenarios compile on every run\n');
        return;
      }
      if (argv.action === 'clear') {
        const gone = clearCache(dir);
        if (argv.json) ctx.out(json({ dir, removed: gone.entries, bytes: gone.bytes }));
        else
          ctx.out(
            `removed ${gone.entries} ${gone.entries === 1 ? 'entry' : 'entries'} (${kB(gone.bytes)}) from ${dir}\n`,
          );
        return;
      }
      const entries = cacheEntries(dir);
      const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
      if (argv.json) ctx.out(json({ dir, entries: entries.length, bytes, max }));
      else
        ctx.out(
          `${dir}: ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} (${kB(bytes)}), at most ${max} kept (STANCESIM_CACHE_MAX), the least recently used removed first\n`,
        );
    },
  };
}
