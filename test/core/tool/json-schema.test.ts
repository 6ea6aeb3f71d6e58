import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import config from '../cli/fixtures/demo.config.js';

const address = z.object({ site: z.string().describe('Office site'), floor: z.number().int() });

const logTicketTool = defineTool({
  name: 'log_ticket',
  title: 'Log a ticket',
  description: 'Logs a ticket for the caller.',
  input: z.object({
    summary: z.string().min(3).max(200).describe('One line saying what is wrong'),
    priority: z.enum(['p1', 'p2', 'p3', 'p4']).default('p3').describe('P1 is the most urgent'),
    note: z.string().nullable().describe('An optional first note, or null'),
    category: z.string().optional().describe('Leave out to let triage decide'),
    tags: z.array(z.string()).max(5).default([]),
    requester: z.object({ email: z.email(), name: z.string().nullable() }).optional(),
    channel: z.union([z.literal('chat'), z.literal('email')]),
    from: address,
    to: address,
    impact: z.number().min(1).max(5).nullable().optional(),
  }),
  output: z.object({
    id: z.number().int().describe('The new ticket number'),
    status: z.enum(['new', 'open']),
    agent: z.string().nullable().describe('Assigned agent, null when unassigned'),
    dueAt: z.iso.datetime().optional(),
    location: address,
    alsoAt: address.nullable(),
  }),
  scopes: ['tickets:write:own'],
  handler: () => ({
    id: 1,
    status: 'new' as const,
    agent: null,
    location: { site: 'London', floor: 2 },
    alsoAt: null,
  }),
});

// The desk (in the demo config) defines tickets:write:own; a scope has one owner, so this plugin
// uses it through requires.
const ticketsPlugin = definePlugin({
  id: 'tickets',
  version: '1.0.0',
  requires: ['desk'],
  tools: [logTicketTool],
});

// Both are CommonJS: under NodeNext their default import is the module, whose `default` is the export.
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

function createAjv(): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Every node of a JSON value, with its path, for checks that must hold everywhere. */
function* walk(node: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${path}/${i}`);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  yield [path, node as Record<string, unknown>];
  for (const [key, value] of Object.entries(node)) yield* walk(value, `${path}/${key}`);
}

function schemasOf(tools: readonly Tool[]): [string, Record<string, unknown>][] {
  return tools.flatMap((tool) => [
    [`${tool.name} input`, tool.inputSchema] as [string, Record<string, unknown>],
    ...(tool.outputSchema
      ? [[`${tool.name} output`, tool.outputSchema] as [string, Record<string, unknown>]]
      : []),
  ]);
}

describe('tool JSON Schemas', () => {
  let t: TestServer;
  let listed: Tool[];
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [...config.plugins, ticketsPlugin],
      collections: [
        defineCollection({
          id: 'all',
          title: 'Everything',
          plugins: ['diagnostics', 'announcements', 'tickets'],
          grant: [
            'diagnostics:read',
            'announcements:read',
            'announcements:write:all',
            'tickets:write:own',
          ],
          auth: 'none',
        }),
      ],
    });
    listed = (await t.clients['all']!.listTools()).tools;
  });
  afterAll(() => t.close());

  it('lists every tool with an input schema (and the demo tools with output schemas)', () => {
    expect(listed.map((tool) => tool.name).sort()).toEqual([
      'get_announcement',
      'list_announcements',
      'log_ticket',
      'ping',
      'post_announcement',
      'whoami',
    ]);
    expect(schemasOf(listed).length).toBeGreaterThan(listed.length);
  });

  it('every input and output schema is a valid JSON Schema 2020-12 object schema', () => {
    const ajv = createAjv();
    for (const [label, schema] of schemasOf(listed)) {
      // No $schema: MCP reads a schema without one as 2020-12, and Gemini refuses the keyword.
      expect('$schema' in schema, label).toBe(false);
      expect(schema['type'], label).toBe('object');
      expect(ajv.validateSchema(schema), `${label}: ${ajv.errorsText()}`).toBe(true);
      expect(() => ajv.compile(schema), label).not.toThrow();
    }
  });

  it('no schema uses $ref, $defs or definitions, anywhere', () => {
    for (const [label, schema] of schemasOf(listed)) {
      for (const [path, node] of walk(schema)) {
        for (const keyword of ['$ref', '$defs', 'definitions', '$dynamicRef'])
          expect(keyword in node, `${label} ${path} has ${keyword}`).toBe(false);
      }
    }
  });

  it('no schema uses a type array; nullable fields become anyOf', () => {
    for (const [label, schema] of schemasOf(listed)) {
      for (const [path, node] of walk(schema))
        expect(Array.isArray(node['type']), `${label} ${path} type`).toBe(false);
    }
    const tool = listed.find((x) => x.name === 'log_ticket')!;
    const input = tool.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(input['note']).toEqual({
      description: 'An optional first note, or null',
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(input['impact']!['anyOf']).toEqual([
      { type: 'number', minimum: 1, maximum: 5 },
      { type: 'null' },
    ]);
    const output = tool.outputSchema!.properties as Record<string, Record<string, unknown>>;
    expect(output['agent']!['anyOf']).toEqual([{ type: 'string' }, { type: 'null' }]);
    // A shared object schema is inlined in each place it is used, also when nullable.
    expect(output['location']!['properties']).toEqual({
      site: { type: 'string', description: 'Office site' },
      floor: expect.objectContaining({ type: 'integer' }),
    });
    expect(output['alsoAt']!['anyOf']).toEqual([
      expect.objectContaining({ type: 'object', properties: output['location']!['properties'] }),
      { type: 'null' },
    ]);
  });

  it('keeps descriptions, enums, defaults, bounds and required fields', () => {
    const tool = listed.find((x) => x.name === 'log_ticket')!;
    const input = tool.inputSchema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(input.properties['summary']).toEqual({
      type: 'string',
      minLength: 3,
      maxLength: 200,
      description: 'One line saying what is wrong',
    });
    expect(input.properties['priority']).toEqual({
      type: 'string',
      enum: ['p1', 'p2', 'p3', 'p4'],
      default: 'p3',
      // Copilot Studio reads enum inputs as plain strings; the words carry the values.
      description: 'P1 is the most urgent. One of: p1, p2, p3, p4.',
    });
    expect(input.properties['tags']).toMatchObject({ type: 'array', maxItems: 5, default: [] });
    expect(input.properties['category']).toEqual({
      type: 'string',
      description: 'Leave out to let triage decide',
    });
    expect(input.properties['from']).toEqual(input.properties['to']);
    // Fields with a default or marked optional are not required of the caller.
    expect([...input.required].sort()).toEqual(['channel', 'from', 'note', 'summary', 'to']);
    expect(tool.outputSchema!['required']).toEqual(
      expect.arrayContaining(['id', 'status', 'agent', 'location', 'alsoAt']),
    );
    expect((tool.outputSchema!.properties as Record<string, unknown>)['status']).toEqual({
      type: 'string',
      enum: ['new', 'open'],
    });
    const ping = listed.find((x) => x.name === 'ping')!;
    expect(
      (ping.inputSchema.properties as Record<string, { description?: string }>)['message']
        ?.description,
    ).toBe('Text to echo back; "pong" when omitted');
  });

  it('the schema accepts and refuses the same arguments as the zod schema', () => {
    const tool = listed.find((x) => x.name === 'log_ticket')!;
    const validate = createAjv().compile(tool.inputSchema);
    const valid = {
      summary: 'VPN keeps dropping',
      note: null,
      channel: 'chat',
      from: { site: 'London', floor: 2 },
      to: { site: 'Leeds', floor: 0 },
      requester: { email: 'alice@example.com', name: null },
      impact: null,
    };
    const invalid = [
      { ...valid, summary: 'no' },
      { ...valid, priority: 'urgent' },
      { ...valid, note: 3 },
      { ...valid, channel: 'phone' },
      { ...valid, from: { site: 'London' } },
      { ...valid, requester: { email: 'not-an-email', name: null } },
      { ...valid, impact: 9 },
      { summary: 'VPN keeps dropping' },
    ];
    expect(validate(valid), JSON.stringify(validate.errors)).toBe(true);
    expect(logTicketTool.input.safeParse(valid).success).toBe(true);
    for (const args of invalid) {
      expect(validate(args), JSON.stringify(args)).toBe(false);
      expect(logTicketTool.input.safeParse(args).success, JSON.stringify(args)).toBe(false);
    }
  });

  it('lists the same frozen schema the registry built at startup', () => {
    const registry = t.server.registries()[0]!;
    const compiled = registry.tools.get('log_ticket')!.listing;
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(compiled.inputSchema)).toBe(true);
    expect(listed.find((x) => x.name === 'log_ticket')).toEqual(
      JSON.parse(JSON.stringify(compiled)),
    );
  });
});
