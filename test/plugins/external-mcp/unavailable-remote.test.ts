import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import { parsePrometheus, valueOf } from '../../helpers/prometheus-text.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { auditRows } from './support/audit-rows.js';
import {
  everythingRemote,
  readerToken,
  startWithEverything,
  type EverythingSetup,
} from './support/everything-setup.js';
import type { EverythingServer } from './support/everything-server.js';

const patience = { timeout: 15_000, interval: 100 };

const names = async (client: Client): Promise<string[]> =>
  (await client.listTools()).tools.map((tool) => tool.name).sort();

/** The text of "remote … is unavailable (since <time>)", with the time it names. */
const unavailable =
  /^remote "Everything reference server" is unavailable \(since (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\); try again later$/;

async function notFound(pending: Promise<unknown>): Promise<McpError> {
  const error = await pending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}

// The engine matters for the audit row, the session kind for the path a call takes (the SDK
// server when stateful, our direct path when stateless); one run each covers both.
describe.each([
  { ...testEngines[0]!, session: 'stateless' as const },
  { ...testEngines[1]!, session: 'stateful' as const },
])('a remote that goes down ($engine, $session)', ({ createDatabase, session }) => {
  let setup: EverythingSetup;
  let everything: EverythingServer;
  let database: FreshDatabase;
  let t: TestServer;
  let sam: Client;
  let reader: Client;

  beforeAll(async () => {
    setup = await startWithEverything(createDatabase, {
      remote: (url) => everythingRemote(url, ['echo', 'get-sum'], { connectTimeoutMs: 2_000 }),
      collection: { session },
    });
    ({ everything, database, t } = setup);
    sam = t.clients['ops']!;
    reader = await t.connect('ops', readerToken.token);
  }, 30_000);

  afterAll(() => setup?.close());

  it('serves its tools while it is up', async () => {
    expect(await names(sam)).toEqual(['ev_echo', 'ev_get-sum']);
    expect((await call(sam, 'ev_echo', { message: 'up' })).text).toBe('Echo: up');
  });

  it('answers a call to one of its tools with "unavailable since", not "not found", and audits it', async () => {
    const killedAt = Date.now();
    await everything.kill();
    await vi.waitFor(async () => expect(await names(sam)).toEqual([]), patience);

    const first = await call(sam, 'ev_echo', { message: 'anyone there?' });
    expect(first.isError).toBe(true);
    expect(first.text).toMatch(unavailable);
    const since = Date.parse(unavailable.exec(first.text)![1]!);
    expect(since).toBeGreaterThanOrEqual(Math.floor(killedAt / 1000) * 1000);
    expect(since).toBeLessThanOrEqual(Date.now());

    // Failed reconnections (every 400 ms at most here) do not move the time it went down.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await call(sam, 'ev_get-sum', { a: 1, b: 2 })).text).toBe(first.text);
    expect((await call(reader, 'ev_echo', { message: 'x' })).text).toBe(first.text);

    await vi.waitFor(async () => {
      const rows = (await auditRows(database.url)).filter(
        (row) => row.error_code === 'TOOL_UNAVAILABLE',
      );
      expect(rows).toContainEqual(
        expect.objectContaining({
          tool: 'ev_echo',
          user_id: 'sam@helpdesk.example',
          outcome: 'tool_error',
          collection_id: 'ops',
        }),
      );
      expect(rows).toHaveLength(3);
    }, patience);
  });

  it('still answers "not found" to a caller without the tool’s scopes, and for a tool it never had', async () => {
    const forbidden = await notFound(reader.callTool({ name: 'ev_get-sum', arguments: {} }));
    expect(forbidden.code).toBe(-32602);
    expect(forbidden.message).toMatch(/^MCP error -32602: Tool ev_get-sum not found: /);
    const unknown = await notFound(sam.callTool({ name: 'ev_nope', arguments: {} }));
    expect(unknown.message).toMatch(/^MCP error -32602: Tool ev_nope not found: /);
  });

  it('shows the remote down on /metrics', async () => {
    expect(await remoteStates()).toEqual({ connecting: 0, up: 0, down: 1, closed: 0 });
  });

  it('serves its tools again once it is back', async () => {
    await everything.start();
    await vi.waitFor(async () => expect(await names(sam)).toContain('ev_echo'), patience);
    expect((await call(sam, 'ev_echo', { message: 'back' })).text).toBe('Echo: back');
    expect(await remoteStates()).toEqual({ connecting: 0, up: 1, down: 0, closed: 0 });
  });

  /** The remote's state series, by state. */
  async function remoteStates(): Promise<Record<string, number | undefined>> {
    const samples = parsePrometheus(await (await fetch(`${t.url}/metrics`)).text());
    return Object.fromEntries(
      ['connecting', 'up', 'down', 'closed'].map((state) => [
        state,
        valueOf(samples, 'servicedesk_external_mcp_remote_state', { remote: 'everything', state }),
      ]),
    );
  }
});
