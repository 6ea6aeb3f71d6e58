import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

// oidc-provider prints "Unsupported runtime" on Node 20, which the framework supports; the CLI
// loads it through core/oauth/oidc-provider.ts, which keeps that one line quiet (ADR 0021).
describe('the servicedesk-mcp command on this Node', () => {
  it.each([
    [['help']],
    [['tools', '--config', 'test/core/cli/fixtures/oauth.config.ts', '--collection', 'user']],
  ])('prints no "Unsupported runtime" warning for %j', async (argv) => {
    const { stdout, stderr } = await run(process.execPath, ['bin/servicedesk-mcp.js', ...argv]);
    expect(stdout).not.toBe('');
    expect(stderr).not.toContain('Unsupported runtime');
  });
});
