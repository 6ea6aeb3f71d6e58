import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createServer,
  defineCollection,
  definePlugin,
  defineTool,
  fromJsonSchema,
  type AnyToolDefinition,
  type ServerConfig,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

function configWithTool(tool: AnyToolDefinition): ServerConfig {
  return {
    plugins: [
      definePlugin({
        id: 'tickets',
        version: '1.0.0',
        scopes: { 'tickets:read': 'Read tickets' },
        tools: [tool],
      }),
    ],
    collections: [],
  };
}

type TreeNode = { name: string; children: TreeNode[] };
const treeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({ name: z.string(), children: z.array(treeNode) }),
);
const category = z.object({
  name: z.string(),
  get subcategories() {
    return z.array(category);
  },
});

function toolWith(schemas: {
  input: AnyToolDefinition['input'];
  output?: AnyToolDefinition['output'];
}): AnyToolDefinition {
  // Built as AnyToolDefinition: defineTool's types already refuse a non-object input, so the
  // runtime check is for definitions that bypass them (plain JavaScript, casts).
  const tool: AnyToolDefinition = {
    ...echoTool('odd_tool', ['tickets:read']),
    input: schemas.input,
    output: schemas.output,
  };
  return tool;
}

describe('tool startup checks', () => {
  it.each([
    ['Bad Name', 'a space'],
    ['x'.repeat(65), '65 characters'],
    ['', 'an empty name'],
    ['get.ticket', 'a dot'],
    ['tickets/get', 'a slash'],
    ['résumé', 'non-ASCII letters'],
  ])('TOOL_INVALID_NAME for %j (%s), naming the tool, the plugin and the rule', async (name) => {
    const error = await expectStartupError(
      configWithTool(echoTool(name, ['tickets:read'])),
      'TOOL_INVALID_NAME',
    );
    expect(error.message).toContain(`tool "${name}" of plugin "tickets"`);
    expect(error.message).toContain('/^[A-Za-z0-9_-]{1,64}$/');
    expect(error.message).toMatch(/snake_case, at most 64 characters/);
  });

  it('accepts a 64-character snake_case name', async () => {
    const folder = createTempFolder('tool-name');
    try {
      const name = `get_${'x'.repeat(60)}`;
      expect(name).toHaveLength(64);
      const server = await createServer(
        {
          ...configWithTool(echoTool(name, ['tickets:read'])),
          collections: [
            defineCollection({
              id: 'agent',
              title: 'Agent',
              plugins: ['tickets'],
              grant: ['tickets:read'],
            }),
          ],
          log: { level: 'silent' },
          databaseUrl: folder.file(),
        },
        { env: {} },
      );
      expect([...server.registries()[0]!.tools.keys()]).toEqual([name]);
      await server.close();
    } finally {
      folder.remove();
    }
  });

  it('TOOL_INVALID_DEFINITION for a recursive z.lazy input schema', async () => {
    const error = await expectStartupError(
      configWithTool(toolWith({ input: z.object({ root: treeNode }) })),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "tickets"');
    expect(error.message).toMatch(/input schema that cannot be expressed as inline JSON Schema/);
    expect(error.message).toMatch(
      /use plain objects, arrays, strings, numbers, booleans and enums/,
    );
  });

  it('TOOL_INVALID_DEFINITION for a recursive output schema (getter recursion)', async () => {
    const error = await expectStartupError(
      configWithTool(toolWith({ input: z.object({}), output: category })),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "tickets"');
    expect(error.message).toMatch(/output schema that cannot be expressed as inline JSON Schema/);
  });

  it.each([
    ['a string', z.string()],
    ['an array', z.array(z.object({ id: z.number() }))],
    ['a union of objects', z.union([z.object({ a: z.string() }), z.object({ b: z.string() })])],
  ])('TOOL_INVALID_DEFINITION for a non-object input schema (%s)', async (_kind, input) => {
    const error = await expectStartupError(
      configWithTool(toolWith({ input })),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "tickets"');
    expect(error.message).toMatch(/must have a z\.object\(\.\.\.\) input schema/);
  });

  it('TOOL_INVALID_DEFINITION for a field JSON Schema cannot express (a Date)', async () => {
    const error = await expectStartupError(
      configWithTool(toolWith({ input: z.object({ due: z.date() }) })),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "tickets"');
    expect(error.message).toMatch(/Date cannot be represented/);
  });

  it('TOOL_INVALID_DEFINITION for a tool without a description', async () => {
    const error = await expectStartupError(
      configWithTool({ ...echoTool('silent', ['tickets:read']), description: '  ' }),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "silent" of plugin "tickets" needs a description');
  });

  it('TOOL_INVALID_DEFINITION for a tool added in setup, naming the plugin that added it', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          definePlugin({
            id: 'runbooks',
            version: '1.0.0',
            scopes: { 'tickets:read': 'Read tickets' },
            setup: (ctx) => ctx.addTool(toolWith({ input: z.object({ steps: treeNode }) })),
          }),
        ],
        collections: [],
      },
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "runbooks"');
  });

  it('TOOL_INVALID_DEFINITION for a raw JSON Schema that does not compile', async () => {
    const error = await expectStartupError(
      configWithTool(
        toolWith({
          input: fromJsonSchema({ type: 'object', properties: { host: { type: 'strin' } } }),
        }),
      ),
      'TOOL_INVALID_DEFINITION',
    );
    expect(error.message).toContain('tool "odd_tool" of plugin "tickets"');
    expect(error.message).toMatch(/JSON Schema Ajv cannot compile/);
  });

  it('fromJsonSchema refuses a schema whose top is not an object', () => {
    expect(() => fromJsonSchema({ type: 'string' })).toThrow(
      /TOOL_INVALID_DEFINITION: fromJsonSchema needs a schema with type "object"/,
    );
  });

  it('TOOL_DUPLICATE_NAME for two plugins in one collection defining the same tool', async () => {
    const plugin = (id: string) =>
      definePlugin({
        id,
        version: '1.0.0',
        scopes: { [`${id}:read`]: 'Read' },
        tools: [echoTool('search', [`${id}:read`])],
      });
    const error = await expectStartupError(
      {
        plugins: [plugin('kb'), plugin('tickets')],
        collections: [
          defineCollection({
            id: 'agent',
            title: 'Agent',
            plugins: ['kb', 'tickets'],
            grant: ['kb:read', 'tickets:read'],
          }),
        ],
      },
      'TOOL_DUPLICATE_NAME',
    );
    expect(error.message).toContain('collection "agent"');
    expect(error.message).toContain('tool "search" is defined by plugin "kb" and plugin "tickets"');
    expect(error.message).toMatch(/rename one or list only one of the plugins/);
  });

  it('allows the same tool name in two collections that each list one of the plugins', async () => {
    const folder = createTempFolder('tool-dup');
    const plugin = (id: string) =>
      definePlugin({
        id,
        version: '1.0.0',
        scopes: { [`${id}:read`]: 'Read' },
        tools: [echoTool('search', [`${id}:read`])],
      });
    try {
      const server = await createServer(
        {
          plugins: [plugin('kb'), plugin('tickets')],
          collections: [
            defineCollection({ id: 'kb', title: 'KB', plugins: ['kb'], grant: ['kb:read'] }),
            defineCollection({
              id: 'tickets',
              title: 'Tickets',
              plugins: ['tickets'],
              grant: ['tickets:read'],
            }),
          ],
          log: { level: 'silent' },
          databaseUrl: folder.file(),
        },
        { env: {} },
      );
      const owners = server
        .registries()
        .map((r) => [r.collection.id, r.tools.get('search')?.pluginId]);
      expect(owners).toEqual([
        ['kb', 'kb'],
        ['tickets', 'tickets'],
      ]);
      await server.close();
    } finally {
      folder.remove();
    }
  });

  it('defineTool freezes the definition', () => {
    const tool = defineTool({
      name: 'frozen',
      title: 'Frozen',
      description: 'd',
      input: z.object({}),
      scopes: ['a:read'],
      handler: () => 'ok',
    });
    expect(Object.isFrozen(tool)).toBe(true);
    expect(Object.isFrozen(tool.scopes)).toBe(true);
    expect(tool.kind).toBe('tool');
  });
});
