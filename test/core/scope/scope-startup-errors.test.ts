import { describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  definePlugin,
  type ServerConfig,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

const desk = definePlugin({
  id: 'desk',
  version: '1.0.0',
  scopes: { 'desk:read': 'See the desk' },
});
const kb = definePlugin({
  id: 'kb',
  version: '1.0.0',
  scopes: { 'kb:read': 'Read articles' },
  tools: [echoTool('get_article', ['kb:read'])],
});

describe('scope startup checks', () => {
  it.each(['Tickets:Read', 'tickets', 'tickets:read:own:all', 'tickets:read:'])(
    'SCOPE_INVALID for a plugin declaring %j, naming the plugin and the rule',
    async (scope) => {
      const error = await expectStartupError(
        {
          plugins: [definePlugin({ id: 'tickets', version: '1.0.0', scopes: { [scope]: 'x' } })],
          collections: [],
        },
        'SCOPE_INVALID',
      );
      expect(error.message).toContain(`plugin "tickets" declares scope "${scope}"`);
      expect(error.message).toContain('resource:action[:extent]');
    },
  );

  it('SCOPE_UNDEFINED for a tool scope its plugin does not define', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          definePlugin({
            id: 'tickets',
            version: '1.0.0',
            scopes: { 'tickets:read:own': 'Read your tickets' },
            tools: [echoTool('get_ticket', ['tickets:read:own', 'tickets:raed:all'])],
          }),
        ],
        collections: [],
      },
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain('tool "get_ticket" of plugin "tickets"');
    expect(error.message).toContain(
      'requires scope "tickets:raed:all", which no plugin in the config defines; fix the spelling, ' +
        'or declare it in the plugin\'s "scopes"',
    );
  });

  it('SCOPE_UNDEFINED for a scope defined only by a plugin that is in the config but not required', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          kb,
          definePlugin({
            id: 'tickets',
            version: '1.0.0',
            tools: [echoTool('get_ticket', ['kb:read'])],
          }),
        ],
        collections: [],
      },
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain(
      'tool "get_ticket" of plugin "tickets" requires scope "kb:read"',
    );
    // It names the plugin that defines the scope and the requires to add, rather than
    // inviting a second definition of kb:read.
    expect(error.message).toContain(
      'which is defined by plugin "kb", which plugin "tickets" does not require; ' +
        'add "kb" to plugin "tickets"\'s requires',
    );
    expect(error.message).not.toMatch(/declare it/);
  });

  it('a tool may use the scopes of the plugins its plugin requires, transitively', async () => {
    const folder = createTempFolder('scope-visible');
    const config: ServerConfig = {
      plugins: [
        desk,
        definePlugin({ id: 'tickets', version: '1.0.0', requires: ['desk'] }),
        definePlugin({
          id: 'reports',
          version: '1.0.0',
          requires: ['tickets'],
          tools: [echoTool('desk_report', ['desk:read'])],
        }),
      ],
      collections: [
        defineCollection({ id: 'r', title: 'Reports', plugins: ['reports'], grant: ['desk:read'] }),
      ],
      log: { level: 'silent' },
      databaseUrl: folder.file(),
    };
    try {
      const server = await createServer(config, { env: {} });
      const registry = server.registries()[0]!;
      expect([...registry.tools.keys()]).toEqual(['desk_report']);
      expect([...registry.definedScopes]).toEqual([['desk:read', 'See the desk']]);
      await server.close();
    } finally {
      folder.remove();
    }
  });

  it('SCOPE_UNDEFINED for a collection grant none of its plugins defines', async () => {
    const error = await expectStartupError(
      {
        // desk is in the config and defines desk:read, but the collection does not list it.
        plugins: [desk, kb],
        collections: [
          defineCollection({
            id: 'self-service',
            title: 'Self service',
            plugins: ['kb'],
            grant: ['kb:read', 'desk:read'],
          }),
        ],
      },
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain(
      'collection "self-service" grants scope "desk:read", which is defined by plugin "desk": ' +
        'neither listed in the collection (kb) nor required by a plugin it lists; ' +
        'add "desk" to the requires of the plugin whose tools need it',
    );
    expect(error.message).not.toMatch(/declare it/);
  });

  it('SCOPE_UNDEFINED for a misspelt grant', async () => {
    const error = await expectStartupError(
      {
        plugins: [kb],
        collections: [
          defineCollection({ id: 'kb', title: 'KB', plugins: ['kb'], grant: ['kb:reed'] }),
        ],
      },
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain('collection "kb" grants scope "kb:reed"');
    expect(error.message).toContain(
      'which none of its plugins (kb) defines, nor any other plugin in the config; fix the spelling',
    );
  });
});
