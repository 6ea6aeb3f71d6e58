import { describe, expect, it } from 'vitest';
import { runCli, useTemporaryDatabaseUrl } from './run-cli.js';

useTemporaryDatabaseUrl();

describe('servicedesk-mcp tools with runtime tools', () => {
  it('lists the runtime tools a plugin has set beside its static ones', async () => {
    const run = await runCli([
      'tools',
      '--collection',
      'watch',
      '--config',
      'test/core/cli/fixtures/dynamic-tools.config.ts',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines.slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'list_monitors',
      'monitor_ping',
      '2',
    ]);
  });
});
