import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';

const ownTools = [
  'ask_user',
  'bad_output',
  'chatty',
  'count_up',
  'crash',
  'echo_caller',
  'read_my_tickets',
  'refuse',
  'slow',
  'wait_for_abort',
];

function names(tools: readonly Tool[]): string[] {
  return tools.map((t) => t.name).sort();
}

/** Every node of a JSON Schema document, so a test can look for forbidden keywords anywhere. */
function nodesOf(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(nodesOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(nodesOf)];
}

describe('tools/list over Streamable HTTP', () => {
  let f: FixtureServer;
  let clients: Record<'alice' | 'bob' | 'sam' | 'pat' | 'samOnDesk', Client>;

  beforeAll(async () => {
    f = await startFixtureServer();
    clients = {
      alice: await f.t.connect('desk', tokens.alice),
      bob: await f.t.connect('desk', tokens.bob),
      sam: await f.t.connect('agent', tokens.sam),
      pat: await f.t.connect('agent', tokens.pat),
      samOnDesk: await f.t.connect('desk', tokens.sam),
    };
  });
  afterAll(() => f.t.close());

  it('shows an end user only the :own tools, even when the collection and token grant :all', async () => {
    const { tools } = await clients.alice.listTools();
    expect(names(tools)).toEqual([...ownTools, 'search_kb'].sort());
    expect(names(tools)).not.toContain('read_all_tickets');
    expect(names(tools)).not.toContain('update_ticket');
  });

  it('hides a tool whose scope the token does not carry', async () => {
    const bob = names((await clients.bob.listTools()).tools);
    expect(bob).toEqual(ownTools);
    expect(bob).not.toContain('search_kb');

    const pat = names((await clients.pat.listTools()).tools);
    expect(pat).not.toContain('search_kb');
    expect(pat).toContain('read_all_tickets');
    expect(pat).toContain('update_ticket');
  });

  it('shows an agent every tool the collection grants', async () => {
    const { tools } = await clients.sam.listTools();
    expect(names(tools)).toEqual(
      [...ownTools, 'read_all_tickets', 'search_kb', 'update_ticket'].sort(),
    );
  });

  it('lists per caller on the same shared stateless server', async () => {
    const [alice, sam] = await Promise.all([
      clients.alice.listTools(),
      clients.samOnDesk.listTools(),
    ]);
    expect(names(alice.tools)).not.toContain('update_ticket');
    expect(names(sam.tools)).toContain('update_ticket');
  });

  it('sends title, description and every annotation', async () => {
    const { tools } = await clients.sam.listTools();
    const update = tools.find((t) => t.name === 'update_ticket');
    expect(update).toMatchObject({
      title: 'Update a ticket',
      description: 'Changes a ticket’s priority, status and details.',
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      },
    });
    const mine = tools.find((t) => t.name === 'read_my_tickets');
    expect(mine?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(tools.find((t) => t.name === 'search_kb')?.annotations?.openWorldHint).toBe(true);
  });

  it('sends inlined JSON Schema 2020-12 documents without $ref or type arrays', async () => {
    const { tools } = await clients.sam.listTools();
    const ajv = new Ajv2020({ strict: false });
    for (const tool of tools) {
      for (const schema of [tool.inputSchema, tool.outputSchema]) {
        if (schema === undefined) continue;
        expect(schema.type, tool.name).toBe('object');
        expect(ajv.validateSchema(schema), `${tool.name}: ${ajv.errorsText()}`).toBe(true);
        for (const node of nodesOf(schema)) {
          expect(node, tool.name).not.toHaveProperty('$ref');
          expect(node, tool.name).not.toHaveProperty('$defs');
          expect(Array.isArray(node['type']), tool.name).toBe(false);
        }
      }
    }
    const update = tools.find((t) => t.name === 'update_ticket');
    // No $schema: MCP reads a schema without one as 2020-12, and Gemini refuses the keyword.
    expect(update?.inputSchema).not.toHaveProperty('$schema');
    expect(update?.inputSchema).toMatchObject({
      required: expect.arrayContaining(['id', 'priority', 'status', 'details']),
      properties: {
        status: { enum: ['open', 'pending', 'closed'] },
        details: { type: 'object', required: ['category'] },
      },
    });
    expect(update?.outputSchema).toMatchObject({ properties: { status: { type: 'string' } } });
    const validate = ajv.compile(update?.inputSchema ?? {});
    expect(validate({ id: 1, priority: 2, status: 'open', details: { category: 'network' } })).toBe(
      true,
    );
    expect(validate({ id: 1, priority: 'high', status: 'open', details: {} })).toBe(false);
  });
});
