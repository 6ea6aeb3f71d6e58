import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { RemoteServerOptions } from '../../../plugins/external-mcp/index.js';
import { call } from '../../helpers/call-tool.js';
import { everythingServer, type EverythingServer } from './support/everything-server.js';
import { readiness, startOutboundServer } from './support/outbound-server.js';

const patience = { timeout: 15_000, interval: 100 };

function remoteAt(url: string): RemoteServerOptions {
  return {
    id: 'everything',
    prefix: 'ev',
    url,
    tools: ['echo', 'trigger-long-running-operation'],
    scopes: { 'everything:read': 'Use the reference server' },
    timeoutMs: 20_000,
    connectTimeoutMs: 2_000,
  };
}

const names = async (client: Client): Promise<string[]> =>
  (await client.listTools()).tools.map((tool) => tool.name).sort();

describe('a remote that is down, killed and restarted', () => {
  let everything: EverythingServer;
  let t: TestServer;
  let ops: Client;

  beforeAll(async () => {
    // Nothing listens on its port yet: the server must start all the same.
    everything = await everythingServer();
    t = await startOutboundServer({
      plugin: { remotes: [remoteAt(everything.url)] },
      grant: ['everything:read'],
    });
    ops = t.clients['ops']!;
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await everything?.kill();
  });

  it('starts without a remote that is down: its tools are absent, answer as unavailable, and /readyz names it', async () => {
    expect(await names(ops)).toEqual([]);
    const { status, checks } = await readiness(t);
    expect(status).toBe(503);
    expect(checks['external-mcp:everything']!.ok).toBe(false);
    expect(checks['external-mcp:everything']!.detail).toMatch(
      /^unavailable: fetch failed \(ECONNREFUSED\), retrying in \d+s$/,
    );
    // A tool the configuration lists is unavailable, not unknown, though it was never listed.
    const down = await call(ops, 'ev_echo', { message: 'x' });
    expect(down.isError).toBe(true);
    expect(down.text).toMatch(
      /^remote "everything" is unavailable \(since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\); try again later$/,
    );
  });

  it('connects once the remote comes up, with backoff, and imports its tools', async () => {
    await everything.start();
    await vi.waitFor(
      async () =>
        expect(await names(ops)).toEqual(['ev_echo', 'ev_trigger-long-running-operation']),
      patience,
    );
    expect((await call(ops, 'ev_echo', { message: 'up now' })).text).toBe('Echo: up now');
    expect((await readiness(t)).checks['external-mcp:everything']).toEqual({
      ok: true,
      detail: '2 tools',
    });
  });

  it('answers a call whose remote is killed mid-call with an error naming the remote, well before the timeout', async () => {
    const started = Date.now();
    const pending = call(ops, 'ev_trigger-long-running-operation', { duration: 10, steps: 10 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await everything.kill();
    const failed = await pending;
    expect(failed.isError).toBe(true);
    expect(failed.text).toMatch(
      /^remote "everything" could not be reached for trigger-long-running-operation: /,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    await vi.waitFor(async () => expect(await names(ops)).toEqual([]), patience);
    expect((await readiness(t)).checks['external-mcp:everything']!.detail).toMatch(
      /^unavailable: .*retrying in \d+s$/,
    );
  });

  it('comes back when the remote is restarted, on a new session', async () => {
    await everything.start();
    await vi.waitFor(async () => expect(await names(ops)).toContain('ev_echo'), patience);
    expect((await call(ops, 'ev_echo', { message: 'back again' })).text).toBe('Echo: back again');
    expect((await readiness(t)).status).toBe(200);
  });

  it('notices a remote that died while idle and drops its tools', async () => {
    await everything.kill();
    await vi.waitFor(async () => expect(await names(ops)).toEqual([]), patience);
    await everything.start();
    await vi.waitFor(async () => expect(await names(ops)).toContain('ev_echo'), patience);
  });
});
