// yargs would render the whole help text as every command starts (src/cli/main.ts withoutHelpCache):
// a command that runs renders none, and --help still prints a command's own help.

import { describe, expect, it, vi } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { buildCli } from '../../src/cli/main.js';

const ctx = { out: () => {}, err: () => {}, tty: false, root: packageRoot };
type Usage = { help(): string };
const usageOf = (y: unknown) =>
  (y as { getInternalMethods(): { getUsageInstance(): Usage } }).getInternalMethods().getUsageInstance();

describe('help text', () => {
  it('is not rendered for a command that runs', async () => {
    const y = buildCli(['list'], ctx);
    const help = vi.spyOn(usageOf(y), 'help');
    await y.parseAsync();
    expect(help).not.toHaveBeenCalled();
  });

  it("is rendered when asked for, with the command's own options", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await buildCli(['ensemble', '--help'], ctx).parseAsync();
      const text = log.mock.calls.map((c) => c.join(' ')).join('\n');
      expect(text).toContain('stancesim ensemble <scenario>');
      expect(text).toContain('--shard');
    } finally {
      log.mockRestore();
    }
  });
});
