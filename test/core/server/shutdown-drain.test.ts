import { describe, expect, it } from 'vitest';
import { startFixtureServer, tokens } from '../mcp/support/fixture-server.js';

describe('draining before shutdown (http.shutdownDrainMs)', () => {
  it('fails readiness with "draining" while it still answers calls, then stops', async () => {
    const { t } = await startFixtureServer({ http: { shutdownDrainMs: 3_000 } });
    const client = await t.connect('desk', tokens.bob);
    const before = await fetch(`${t.url}/readyz`);
    expect(before.status).toBe(200);

    const closing = t.server.close();
    const readiness = await fetch(`${t.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: 'draining' });
    // A balancer that has not polled yet still sends calls: they are answered as usual.
    const listed = await client.listTools();
    expect(listed.tools.length).toBeGreaterThan(0);

    await closing;
    await expect(fetch(`${t.url}/readyz`)).rejects.toThrow();
  });

  it('refuses a negative drain at startup, naming the setting', async () => {
    await expect(startFixtureServer({ http: { shutdownDrainMs: -1 } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('http.shutdownDrainMs') as unknown,
    });
  });
});
