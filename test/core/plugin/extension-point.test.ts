import { afterAll, describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  defineExtensionPoint,
  definePlugin,
  startTestServer,
  type PluginDefinition,
  type ServerConfig,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

const folder = createTempFolder('extension-point');
afterAll(() => folder.remove());

/** What the owner plugin lets others add: echo tools under a name of theirs. */
interface EchoExtension {
  addEcho(name: string, scope: string): void;
}
const echoes = defineExtensionPoint<EchoExtension>('echoes.echo');

/** Provides the point; records which plugin each contribution came from. */
function ownerPlugin(seen: string[] = []): PluginDefinition {
  return definePlugin({
    id: 'echoes',
    version: '1.0.0',
    setup(ctx) {
      ctx.provideExtensionPoint(echoes, (contributor) => ({
        addEcho(name, scope) {
          seen.push(`${contributor.pluginId}:${name}`);
          contributor.addTool(echoTool(name, [scope]));
        },
      }));
    },
  });
}

function contributor(options: { requires?: string[]; scope?: string } = {}): PluginDefinition {
  return definePlugin({
    id: 'noc',
    version: '1.0.0',
    requires: options.requires ?? ['echoes'],
    scopes: { 'noc:read:all': 'Read the on-call roster' },
    setup(ctx) {
      ctx.extensionPoint(echoes).addEcho('noc_echo', options.scope ?? 'noc:read:all');
    },
  });
}

function configOf(plugins: readonly PluginDefinition[]): ServerConfig {
  return { plugins, collections: [], log: { level: 'silent' }, databaseUrl: folder.file() };
}

describe('extension points', () => {
  it("serve a contributed tool as the contributor's, gated by the contributor's own scope", async () => {
    const seen: string[] = [];
    const t = await startTestServer({
      // The contributor is listed first: requiring the owner sets the owner up before it.
      plugins: [contributor(), ownerPlugin(seen)],
      collections: [
        defineCollection({ id: 'noc', title: 'NOC', plugins: ['noc'], grant: ['noc:read:all'] }),
        defineCollection({ id: 'owner', title: 'Owner', plugins: ['echoes'], grant: [] }),
      ],
      tokens: [
        {
          token: 'staff',
          name: 'staff',
          userId: 'u-staff',
          role: 'agent',
          scopes: ['noc:read:all'],
          collections: ['noc'],
        },
        {
          token: 'nobody',
          name: 'nobody',
          userId: 'u-nobody',
          role: 'agent',
          scopes: [],
          collections: ['noc', 'owner'],
        },
      ],
    });
    try {
      expect(seen).toEqual(['noc:noc_echo']);
      const staff = t.clients['noc']!;
      const { tools } = await staff.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(['noc_echo']);
      const result = await staff.callTool({ name: 'noc_echo', arguments: { text: 'paged' } });
      expect(result.isError).toBeFalsy();
      // A collection listing only the owner does not serve what others contributed to it.
      const owner = await t.connect('owner', 'nobody');
      expect((await owner.listTools()).tools).toEqual([]);
      // Without the contributor's scope the tool is not there.
      const nobody = await t.connect('noc', 'nobody');
      expect((await nobody.listTools()).tools).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it("SCOPE_UNDEFINED when a contribution uses a scope the contributor cannot see, even the owner's", async () => {
    const owner = definePlugin({
      ...ownerPlugin(),
      scopes: { 'echoes:read:all': 'Read echoes' },
    });
    const error = await expectStartupError(
      configOf([owner, contributor({ scope: 'other:read:all' })]),
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain('"noc_echo"');
    expect(error.message).toContain('"other:read:all"');
  });

  it('PLUGIN_EXTENSION_POINT_MISSING names the owner when the contributor does not require it', async () => {
    const error = await expectStartupError(
      configOf([ownerPlugin(), definePlugin({ ...contributor({ requires: [] }), requires: [] })]),
      'PLUGIN_EXTENSION_POINT_MISSING',
    );
    // Set up in config order here, so the owner may or may not have run first: both say requires.
    expect(error.message).toContain('plugin "noc"');
    expect(error.message).toMatch(/"requires"/);
  });

  it('PLUGIN_EXTENSION_POINT_MISSING when no plugin provides the point', async () => {
    const error = await expectStartupError(
      configOf([definePlugin({ id: 'echoes', version: '1.0.0' }), contributor()]),
      'PLUGIN_EXTENSION_POINT_MISSING',
    );
    expect(error.message).toContain('extension point "echoes.echo"');
    expect(error.message).toContain('no plugin set up before it provides');
  });

  it('PLUGIN_DUPLICATE_EXTENSION_POINT names both providers', async () => {
    const twin = definePlugin({ ...ownerPlugin(), id: 'echoes-twin' });
    const error = await expectStartupError(
      configOf([ownerPlugin(), twin]),
      'PLUGIN_DUPLICATE_EXTENSION_POINT',
    );
    expect(error.message).toContain('plugin "echoes-twin" provides extension point "echoes.echo"');
    expect(error.message).toContain('already provided by plugin "echoes"');
  });

  it('a tool added once setup has returned is refused, not dropped', async () => {
    let late: (() => void) | undefined;
    const server = await createServer(
      configOf([
        definePlugin({
          id: 'late',
          version: '1.0.0',
          scopes: { 'late:read': 'Read late' },
          setup: (ctx) => {
            late = () => ctx.addTool(echoTool('late_echo', ['late:read']));
          },
        }),
      ]),
      { env: {} },
    );
    try {
      expect(late).toThrow(/added tool "late_echo" after its setup had returned/);
    } finally {
      await server.close();
    }
  });

  it('cannot be used after startup', async () => {
    let late: (() => void) | undefined;
    const server = await createServer(
      configOf([
        ownerPlugin(),
        definePlugin({
          id: 'late',
          version: '1.0.0',
          requires: ['echoes'],
          setup: (ctx) => {
            late = () => ctx.extensionPoint(echoes).addEcho('late_echo', 'x:read');
          },
        }),
      ]),
      { env: {} },
    );
    try {
      expect(late).toThrow(/after startup; do it in setup\(\)/);
    } finally {
      await server.close();
    }
  });
});
