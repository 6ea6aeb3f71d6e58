import { describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  definePlugin,
  type CollectionSpec,
  type ServerConfig,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

const kb = definePlugin({
  id: 'kb',
  version: '1.0.0',
  scopes: { 'kb:read': 'Read articles' },
  tools: [echoTool('get_article', ['kb:read'])],
});

function configWith(...collections: Partial<CollectionSpec>[]): ServerConfig {
  return {
    plugins: [kb],
    collections: collections.map((spec, i) =>
      defineCollection({
        id: `c${i}`,
        title: `Collection ${i}`,
        plugins: ['kb'],
        grant: ['kb:read'],
        ...spec,
      }),
    ),
  };
}

describe('collection startup checks', () => {
  it.each(['User Functions', 'User', 'user_functions', '9user', 'x'.repeat(65)])(
    'COLLECTION_INVALID_ID for id %j, naming the id and the kebab-case rule',
    async (id) => {
      const error = await expectStartupError(
        configWith({ id, path: '/mcp/x' }),
        'COLLECTION_INVALID_ID',
      );
      expect(error.message).toContain(`collection id "${id}"`);
      expect(error.message).toMatch(/must be kebab-case/);
    },
  );

  it.each(['mcp/user', '/mcp/user?x=1', '/mcp/us er', '/.well-known/oauth-protected-resource'])(
    'COLLECTION_INVALID_PATH for path %j, naming the collection and the path rule',
    async (path) => {
      const error = await expectStartupError(
        configWith({ id: 'user', path }),
        'COLLECTION_INVALID_PATH',
      );
      expect(error.message).toContain(`collection "user" has path "${path}"`);
      expect(error.message).toMatch(/must start with \/ and use only letters, digits, \/ _ and -/);
    },
  );

  it('COLLECTION_UNKNOWN_PLUGIN names the collection and the plugin', async () => {
    const error = await expectStartupError(
      configWith({ id: 'agent', plugins: ['kb', 'tickets'] }),
      'COLLECTION_UNKNOWN_PLUGIN',
    );
    expect(error.message).toContain('collection "agent" lists plugin "tickets"');
    expect(error.message).toMatch(/not in the config's plugins; add it there or remove it here/);
  });

  it('COLLECTION_UNKNOWN_TOOL names the collection, the tool and the tools there are', async () => {
    const error = await expectStartupError(
      configWith({ id: 'user', tools: ['get_article', 'get_articel'] }),
      'COLLECTION_UNKNOWN_TOOL',
    );
    expect(error.message).toContain('collection "user" lists tool "get_articel"');
    expect(error.message).toContain(
      "none of its plugins (kb) defines; its plugins' tools are: get_article",
    );
  });

  it('COLLECTION_DUPLICATE_PATH for two collections on one path', async () => {
    const error = await expectStartupError(
      configWith({ id: 'user', path: '/mcp/desk' }, { id: 'agent', path: '/mcp/desk' }),
      'COLLECTION_DUPLICATE_PATH',
    );
    expect(error.message).toContain(
      'collection "agent" and collection "user" both use path "/mcp/desk"',
    );
    expect(error.message).toMatch(/give each its own path/);
  });

  it('COLLECTION_DUPLICATE_PATH when a custom path collides with another default path', async () => {
    const error = await expectStartupError(
      configWith({ id: 'user' }, { id: 'agent', path: '/mcp/user' }),
      'COLLECTION_DUPLICATE_PATH',
    );
    expect(error.message).toContain('both use path "/mcp/user"');
  });

  it('COLLECTION_DUPLICATE_ID for a collection id declared twice', async () => {
    const error = await expectStartupError(
      configWith({ id: 'user' }, { id: 'user', path: '/mcp/user-2' }),
      'COLLECTION_DUPLICATE_ID',
    );
    expect(error.message).toContain('collection "user" is declared twice');
  });

  it.each([
    ['http.host', { http: { host: '0.0.0.0' } }, {}],
    ['HOST', {}, { HOST: '0.0.0.0' }],
    ['a LAN address', { http: { host: '192.168.1.20' } }, {}],
    ['::', { http: { host: '::' } }, {}],
  ])(
    'COLLECTION_UNAUTHENTICATED_PUBLIC for auth "none" bound to a public address (%s)',
    async (_via, config, env) => {
      const error = await expectStartupError(
        { ...configWith({ id: 'open', auth: 'none' }), ...config },
        'COLLECTION_UNAUTHENTICATED_PUBLIC',
        { env },
      );
      expect(error.message).toContain('collection "open" has auth "none"');
      expect(error.message).toMatch(
        /not bound to loopback; bind HOST to 127\.0\.0\.1 or require authentication/,
      );
    },
  );

  it.each(['127.0.0.1', 'localhost', '::1', '127.0.0.2'])(
    'serves an unauthenticated collection on loopback address %s',
    async (host) => {
      const folder = createTempFolder('collection-loopback');
      try {
        const server = await createServer(
          {
            ...configWith({ id: 'open', auth: 'none' }),
            http: { host },
            log: { level: 'silent' },
            databaseUrl: folder.file(),
          },
          { env: {} },
        );
        expect(server.registries().map((r) => r.collection.id)).toEqual(['open']);
        await server.close();
      } finally {
        folder.remove();
      }
    },
  );

  it('a collection requiring authentication may bind to a public address', async () => {
    const folder = createTempFolder('collection-public');
    try {
      const server = await createServer(
        {
          ...configWith({ id: 'agent' }),
          http: { host: '0.0.0.0' },
          log: { level: 'silent' },
          databaseUrl: folder.file(),
        },
        { env: {} },
      );
      expect(server.registries()[0]!.collection.auth).toBe('required');
      await server.close();
    } finally {
      folder.remove();
    }
  });
});
