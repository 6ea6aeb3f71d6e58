import type { PluginNames } from './plugin-names.js';

/** Where the generated files import the framework and the plugin from. */
export interface TemplateImports {
  /** From the plugin's own folder, e.g. `servicedesk-mcp` or `../../core/index.js`. */
  readonly frameworkFromPlugin: string;
  /** From the plugin's `tools/` folder. */
  readonly frameworkFromTool: string;
  /** From the test's folder. */
  readonly frameworkFromTest: string;
  /** The testing kit from the test's folder, e.g. `servicedesk-mcp/testing`. */
  readonly testingFromTest: string;
  /** The plugin's entry from the test's folder, e.g. `../../../plugins/parts-catalogue/index.js`. */
  readonly pluginFromTest: string;
}

/** Why the plugin's scopes have the extents they have, as comment lines of the template. */
function scopeComment(n: PluginNames): string {
  const lines =
    n.data === 'staff'
      ? [
          'Staff-only data: the default role policy never lets an end user hold an `:all` scope,',
          'whatever a collection grants; agents, admins and service accounts may.',
        ]
      : [
          'End users may hold a plain read like this one under the default role policy, but never',
          'an `:all` scope: writing stays with agents, admins and service accounts.',
        ];
  return lines.map((line) => `      // ${line}`).join('\n');
}

/**
 * `plugins/<id>/index.ts`: the options factory, with one startup check and its two scopes.
 *
 * @example
 * writeFileSync(indexPath, pluginIndexSource(pluginNames('parts-catalogue'), imports));
 */
export function pluginIndexSource(n: PluginNames, imports: TemplateImports): string {
  return `import { definePlugin, ServiceDeskError, type PluginDefinition } from '${imports.frameworkFromPlugin}';
import { ${n.toolFactory} } from './tools/${n.toolFile}.js';

/** Options of {@link ${n.factory}}. */
export interface ${n.optionsType} {
  /** The longest message \`${n.tool}\` accepts, in characters (default 200). */
  readonly maxMessageLength?: number;
}

/**
 * The ${n.id} plugin: one read-only tool, \`${n.tool}\`, to replace with real ones.
 *
 * @example
 * defineConfig({ plugins: [${n.factory}()], collections: [...] })
 */
export function ${n.factory}(options: ${n.optionsType} = {}): PluginDefinition {
  const maxMessageLength = options.maxMessageLength ?? 200;
  // Bad options stop the server at startup, with the rule they broke.
  if (!Number.isSafeInteger(maxMessageLength) || maxMessageLength < 1) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      \`plugin "${n.id}": maxMessageLength is \${String(options.maxMessageLength)}, which must be a whole number of 1 or more\`,
    );
  }
  return definePlugin({
    id: '${n.id}',
    version: '0.1.0',
    description: '${n.title}.',
    scopes: {
      // The consent page shows each description to the person granting the scope.
${scopeComment(n)}
      '${n.scope}': 'Read ${n.data === 'staff' ? 'all ' : ''}${n.id} data',
      '${n.writeScope}': 'Change ${n.id} data',
    },
    tools: [${n.toolFactory}({ maxMessageLength })],
  });
}
`;
}

/**
 * `plugins/<id>/tools/<tool>.ts`: one read-only tool with a zod input and output schema.
 *
 * @example
 * writeFileSync(toolPath, pluginToolSource(pluginNames('parts-catalogue'), imports));
 */
export function pluginToolSource(n: PluginNames, imports: TemplateImports): string {
  return `import { z } from 'zod';
import { defineTool } from '${imports.frameworkFromTool}';

/**
 * \`${n.tool}\`: echoes a message with the caller's id, to check that the ${n.id} plugin is
 * served. Replace it with the plugin's first real tool.
 *
 * @example
 * definePlugin({ id: '${n.id}', version: '0.1.0', tools: [${n.toolFactory}({ maxMessageLength: 200 })] });
 */
export function ${n.toolFactory}(options: { maxMessageLength: number }) {
  return defineTool({
    name: '${n.tool}',
    title: 'Ping ${n.id}',
    description:
      'Echoes a message back with the id of the caller, to check that the ${n.id} plugin answers. ' +
      'Changes nothing.',
    input: z.object({
      message: z
        .string()
        .min(1)
        .max(options.maxMessageLength)
        .describe('Any text to echo, e.g. "hello"'),
    }),
    output: z.object({ reply: z.string(), caller: z.string() }),
    scopes: ['${n.scope}'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (out) => \`\${out.reply} (for \${out.caller})\`,
    handler: ({ input, principal }) => ({ reply: input.message, caller: principal.userId }),
  });
}
`;
}

/**
 * `test/plugins/<id>/<id>.test.ts`: on each engine of the testing kit, starts a real server with
 * the plugin and a fresh database, calls the tool through
 * the SDK client, checks its listed schemas against every client's rules (as `tools --check`),
 * checks that a bad argument is refused, and shows what an end user sees of the tool.
 *
 * @example
 * writeFileSync(testPath, pluginTestSource(pluginNames('parts-catalogue'), imports));
 */
export function pluginTestSource(n: PluginNames, imports: TemplateImports): string {
  return `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkListedTool, defineCollection, schemaClients } from '${imports.frameworkFromTest}';
import { startTestServer, testEngines, testToken, type TestServer } from '${imports.testingFromTest}';
import { ${n.factory} } from '${imports.pluginFromTest}';

const tool = '${n.tool}';
const agent = testToken({
  token: 'test-token',
  userId: 'sam@example.com',
  role: 'agent',
  scopes: ['${n.scope}'],
  collections: ['${n.id}'],
});
const endUser = testToken({
  token: 'end-user-token',
  userId: 'jo@example.com',
  role: 'end_user',
  scopes: ['${n.scope}'],
  collections: ['${n.id}'],
});

describe.each(testEngines)('the ${n.id} plugin on $engine', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    // A real server on a free loopback port with a fresh database of the engine (SQLite, then
    // PostgreSQL from TEST_DATABASE_URL), and one SDK client per collection.
    t = await startTestServer({
      plugins: [${n.factory}()],
      collections: [
        defineCollection({
          id: '${n.id}',
          title: '${n.title}',
          plugins: ['${n.id}'],
          grant: ['${n.scope}'],
        }),
      ],
      tokens: [agent, endUser],
      engine,
    });
  });
  afterAll(() => t?.close());

  it('lists and calls ${n.tool}', async () => {
    const client = t.clients['${n.id}']!;
    const names = (await client.listTools()).tools.map((listed) => listed.name);
    expect(names).toEqual([tool]);
    const result = await client.callTool({ name: tool, arguments: { message: 'hello' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ reply: 'hello', caller: 'sam@example.com' });
  });

  it('lists schemas that Copilot Studio, OpenAI and Gemini accept (what tools --check reports)', async () => {
    const { tools } = await t.clients['${n.id}']!.listTools();
    const errors = tools
      .flatMap((listed) => checkListedTool(listed, schemaClients))
      .filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('refuses an empty message, naming the field', async () => {
    const client = t.clients['${n.id}']!;
    const result = await client.callTool({ name: tool, arguments: { message: '' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('message: Too small');
  });

${endUserTest(n)}
});
`;
}

/** The generated test showing what the default role policy lets an end user do with the tool. */
function endUserTest(n: PluginNames): string {
  const staff = n.data === 'staff';
  return `  it('${staff ? 'hides' : 'shows'} ${n.tool} ${staff ? 'from' : 'to'} an end user: the default role policy ${staff ? 'keeps :all scopes from' : 'gives plain reads to'} end users', async () => {
    const client = await t.connect('${n.id}', endUser.token);
    try {
      const names = (await client.listTools()).tools.map((listed) => listed.name);
      expect(names).toEqual(${staff ? '[]' : '[tool]'});
    } finally {
      await client.close();
    }
  });`;
}
