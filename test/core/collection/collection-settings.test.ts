import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type CollectionSpec,
  type PluginDefinition,
  type ServerConfig,
  type TestServer,
} from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const greetingSettings = z.strictObject({
  greeting: z.string().min(1, 'must not be blank').default('Hello'),
  loud: z.boolean().optional(),
});

/** A plugin whose `greet` tool says what the caller's collection set for it. */
function greeterPlugin(read: z.ZodType = greetingSettings): PluginDefinition {
  return definePlugin({
    id: 'greeter',
    version: '1.0.0',
    scopes: { 'greet:use': 'Be greeted' },
    collectionSettings: greetingSettings,
    setup(ctx) {
      const byCollection = ctx.collectionSettings(read) as ReadonlyMap<
        string,
        z.output<typeof greetingSettings>
      >;
      ctx.addTool(
        defineTool({
          name: 'greet',
          title: 'Greet',
          description: 'Greets the caller as the collection says.',
          input: z.object({ name: z.string() }),
          scopes: ['greet:use'],
          annotations: { readOnlyHint: true },
          handler: ({ input, principal }) => {
            const settings = byCollection.get(principal.collectionId);
            const text = `${settings?.greeting ?? '?'}, ${input.name}`;
            return settings?.loud === true ? text.toUpperCase() : text;
          },
        }),
      );
    },
  });
}

const plain = definePlugin({ id: 'plain', version: '1.0.0' });

function collection(id: string, spec: Partial<CollectionSpec> = {}) {
  return defineCollection({
    id,
    title: id,
    plugins: ['greeter'],
    grant: ['greet:use'],
    auth: 'none',
    ...spec,
  });
}

function configWith(...collections: ReturnType<typeof collection>[]): ServerConfig {
  return { plugins: [greeterPlugin(), plain], collections };
}

describe('collection settings for a plugin', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [greeterPlugin()],
      collections: [
        collection('staff', { settings: { greeter: { greeting: 'Good morning', loud: true } } }),
        collection('public'),
      ],
    });
  });
  afterAll(async () => t?.close());

  it('each collection gets its own settings; one that gives none gets the schema defaults', async () => {
    expect((await call(t.clients['staff']!, 'greet', { name: 'Ann' })).text).toBe(
      'GOOD MORNING, ANN',
    );
    expect((await call(t.clients['public']!, 'greet', { name: 'Ann' })).text).toBe('Hello, Ann');
  });
});

describe('collection settings checked at startup', () => {
  it('a value the schema refuses names the collection, the plugin and the field', async () => {
    const error = await expectStartupError(
      configWith(collection('staff', { settings: { greeter: { greeting: '' } } })),
      'COLLECTION_SETTINGS_INVALID',
    );
    expect(error.message).toBe(
      'COLLECTION_SETTINGS_INVALID: collection "staff" settings.greeter: greeting: must not be blank',
    );
  });

  it('a misspelt setting is refused, not ignored', async () => {
    const error = await expectStartupError(
      configWith(collection('staff', { settings: { greeter: { greting: 'Hi' } } })),
      'COLLECTION_SETTINGS_INVALID',
    );
    expect(error.message).toMatch(/settings\.greeter: unknown field\(s\) "greting"; remove them/);
  });

  it('settings for a plugin the collection does not list name both', async () => {
    const error = await expectStartupError(
      configWith(collection('staff', { settings: { plain: {}, greeter: {} } })),
      'COLLECTION_SETTINGS_INVALID',
    );
    expect(error.message).toContain(
      'collection "staff" has settings for plugin "plain", which it does not list',
    );
  });

  it('settings for a plugin that takes none per collection are refused', async () => {
    const error = await expectStartupError(
      configWith(
        collection('staff', { plugins: ['greeter', 'plain'], settings: { plain: { x: 1 } } }),
      ),
      'COLLECTION_SETTINGS_INVALID',
    );
    expect(error.message).toContain('plugin "plain", which takes none per collection');
  });

  it('a plugin reading its settings with another schema fails setup, naming it', async () => {
    const error = await expectStartupError(
      { plugins: [greeterPlugin(z.object({}))], collections: [collection('staff')] },
      'PLUGIN_SETUP_FAILED',
    );
    expect(error.message).toMatch(/plugin "greeter" failed in setup: .*collectionSettings/);
  });
});
