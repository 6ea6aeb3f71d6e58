import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentFunctionTools,
  customAgentTools,
  userFunctionTools,
} from '../../examples/servicedesk/servicedesk.config.js';
import { spawnExampleServer, type ExampleServer } from '../helpers/example-server.js';
import {
  installInspectorCli,
  type InspectorCli,
  type InspectorRun,
} from '../helpers/inspector-cli.js';
import { createTempFolder, type TempFolder } from '../helpers/temp-folder.js';

// A client that is not ours: the MCP Inspector's CLI lists and calls the example's tools over
// Streamable HTTP with the demo tokens. `--strict` prints every tool-schema portability finding
// (warnings included) on stderr and exits 6 on an error; each run here must print nothing there.
describe('the MCP Inspector CLI on the example service desk', () => {
  let folder: TempFolder;
  let server: ExampleServer;
  let inspector: InspectorCli;
  const collections = {
    user: { url: '', token: 'demo-user-token' },
    agent: { url: '', token: 'demo-agent-token' },
  };

  beforeAll(async () => {
    folder = createTempFolder('inspector');
    server = spawnExampleServer({
      databaseUrl: folder.file('demo.db'),
      config: 'test/helpers/small-desk.config.ts',
    });
    // The first run downloads Node 22 and the Inspector (about a minute); later runs reuse npm's cache.
    const [started, installed] = await Promise.all([
      server.ready,
      installInspectorCli(folder.path),
    ]);
    inspector = installed;
    expect(inspector.nodeVersion).toMatch(/^v22\./);
    collections.user.url = started.collections.get('User Functions')!;
    collections.agent.url = started.collections.get('Agent Functions')!;
  }, 300_000);

  afterAll(async () => {
    await server?.kill();
    folder?.remove();
  });

  /** Runs one method on a collection with its demo token and reads the JSON it printed. */
  async function inspect(
    collection: keyof typeof collections,
    args: readonly string[],
  ): Promise<InspectorRun & { readonly json: { result: Record<string, unknown> } }> {
    const { url, token } = collections[collection];
    const run = await inspector.run([
      url,
      '--transport',
      'http',
      '--header',
      `Authorization: Bearer ${token}`,
      '--format',
      'json',
      ...args,
    ]);
    const report = `exit ${String(run.exitCode)}, stderr:\n${run.stderr}\nstdout starts:\n${run.stdout.slice(0, 1000)}`;
    expect(run.exitCode, report).toBe(0);
    expect(run.stderr, report).toBe('');
    return { ...run, json: JSON.parse(run.stdout) as { result: Record<string, unknown> } };
  }

  /** Calls a tool through the CLI, each argument as `--tool-arg key=<JSON value>`. */
  async function callTool(
    collection: keyof typeof collections,
    tool: string,
    args: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const pairs = Object.entries(args).flatMap(([key, value]) => [
      '--tool-arg',
      `${key}=${JSON.stringify(value)}`,
    ]);
    const { json } = await inspect(collection, [
      '--method',
      'tools/call',
      '--tool-name',
      tool,
      ...pairs,
    ]);
    expect(json.result['isError'], JSON.stringify(json.result)).toBeUndefined();
    return json.result['structuredContent'] as Record<string, unknown>;
  }

  it.each([
    ['user', [...userFunctionTools]],
    ['agent', [...agentFunctionTools, ...customAgentTools]],
  ] as const)(
    'lists the %s collection’s tools with --strict and no portability finding',
    async (collection, expected) => {
      const { json } = await inspect(collection, ['--method', 'tools/list', '--strict']);
      expect(json).not.toHaveProperty('schemaFindings');
      const tools = json.result['tools'] as { name: string; inputSchema: { type: string } }[];
      expect(tools.map((tool) => tool.name).sort()).toEqual([...expected].sort());
      for (const tool of tools) expect(tool.inputSchema.type).toBe('object');
    },
  );

  it('calls the end user’s tools: search the knowledge base, log a ticket, list my tickets', async () => {
    const kb = await callTool('user', 'search_knowledge_base', { query: 'vpn', limit: 3 });
    expect((kb['articles'] as unknown[]).length).toBeGreaterThan(0);

    // Summary, details and priority only, as an end user says it (issue 16, item 3).
    const created = await callTool('user', 'create_ticket', {
      summary: 'Inspector check: VPN keeps dropping',
      details: 'My VPN keeps dropping; logged through the MCP Inspector CLI.',
      priority: 2,
    });
    expect(created).toMatchObject({
      id: expect.any(Number),
      priority: 2,
      type: 'incident',
      custom_fields: { affected_service: 'VPN and Remote Access' },
    });

    const mine = await callTool('user', 'get_my_tickets', { limit: 100 });
    expect((mine['tickets'] as { id: number }[]).map((ticket) => ticket.id)).toContain(
      created['id'],
    );
  });

  it('calls the agent’s tools: search the queue, then open a ticket found', async () => {
    const found = await callTool('agent', 'search_tickets', { status: ['new', 'open'], limit: 5 });
    const tickets = found['tickets'] as { id: number; status: string }[];
    expect(tickets.length).toBeGreaterThan(0);

    const ticket = await callTool('agent', 'get_ticket', { ticketId: tickets[0]!.id });
    expect(ticket).toMatchObject({ ticket: { id: tickets[0]!.id, status: tickets[0]!.status } });
  });
});
