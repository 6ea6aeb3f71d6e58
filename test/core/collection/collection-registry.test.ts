import { describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  definePlugin,
  type ServiceDeskServer,
} from '../../../core/index.js';
import { CollectionView } from '../../../core/collection/collection-registry.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { echoTool } from '../../helpers/test-tools.js';

const kb = definePlugin({
  id: 'kb',
  version: '1.0.0',
  scopes: { 'kb:read': 'Read articles', 'kb:write': 'Write articles' },
  tools: [echoTool('get_article', ['kb:read']), echoTool('publish_article', ['kb:write'])],
});
const tickets = definePlugin({
  id: 'tickets',
  version: '1.0.0',
  scopes: { 'tickets:read:own': 'Read your tickets' },
  tools: [
    echoTool('get_my_tickets', ['tickets:read:own']),
    echoTool('search_both', ['tickets:read:own', 'kb:read']),
  ],
  requires: ['kb'],
});

async function withServer(run: (server: ServiceDeskServer) => void): Promise<void> {
  const folder = createTempFolder('collection-registry');
  const server = await createServer(
    {
      plugins: [kb, tickets],
      collections: [
        defineCollection({ id: 'kb-only', title: 'KB', plugins: ['kb'], grant: ['kb:read'] }),
        defineCollection({
          id: 'desk',
          title: 'Desk',
          path: '/desk/mcp',
          plugins: ['tickets'],
          grant: ['tickets:read:own', 'kb:read'],
        }),
        defineCollection({
          id: 'picked',
          title: 'Picked tools',
          plugins: ['kb', 'tickets'],
          tools: ['get_my_tickets', 'get_article'],
          grant: ['tickets:read:own', 'kb:read'],
        }),
      ],
      log: { level: 'silent' },
      databaseUrl: folder.file(),
      http: { publicUrl: 'https://desk.example.com' },
    },
    { env: {} },
  );
  try {
    run(server);
  } finally {
    await server.close();
    folder.remove();
  }
}

describe('collection registries', () => {
  it('holds only the tools of the plugins a collection lists', () =>
    withServer((server) => {
      const [kbOnly, desk] = server.registries();
      expect([...kbOnly!.tools.keys()].sort()).toEqual(['get_article', 'publish_article']);
      // desk lists tickets, which requires kb: it sees kb's scopes, never kb's tools.
      expect([...desk!.tools.keys()].sort()).toEqual(['get_my_tickets', 'search_both']);
      expect([...desk!.definedScopes.keys()].sort()).toEqual([
        'kb:read',
        'kb:write',
        'tickets:read:own',
      ]);
      expect(desk!.definedScopes.get('kb:read')).toBe('Read articles');
    }));

  it('holds only the tools a collection names when it names some', () =>
    withServer((server) => {
      const picked = server.registries()[2]!;
      expect([...picked.tools.keys()].sort()).toEqual(['get_article', 'get_my_tickets']);
      expect(picked.tools.get('get_article')?.pluginId).toBe('kb');
      const view = new CollectionView(picked);
      expect(
        view
          .tools(new Set(['tickets:read:own', 'kb:read', 'kb:write']))
          .map((t) => t.name)
          .sort(),
      ).toEqual(['get_article', 'get_my_tickets']);
    }));

  it('gives each collection its URL under the public URL, which is also the audience', () =>
    withServer((server) => {
      expect(
        server
          .registries()
          .slice(0, 2)
          .map((r) => [r.url, r.audience]),
      ).toEqual([
        ['https://desk.example.com/mcp/kb-only', 'https://desk.example.com/mcp/kb-only'],
        ['https://desk.example.com/desk/mcp', 'https://desk.example.com/desk/mcp'],
      ]);
    }));

  it('a view lists a tool only when every one of its scopes is effective', () =>
    withServer((server) => {
      const view = new CollectionView(server.registries()[1]!);
      const names = (scopes: string[]) =>
        view
          .tools(new Set(scopes))
          .map((t) => t.name)
          .sort();
      expect(names([])).toEqual([]);
      expect(names(['tickets:read:own'])).toEqual(['get_my_tickets']);
      expect(names(['kb:read'])).toEqual([]);
      expect(names(['kb:read', 'tickets:read:own'])).toEqual(['get_my_tickets', 'search_both']);
      // The same set in another order gives the same (cached) list.
      expect(view.tools(new Set(['tickets:read:own', 'kb:read']))).toBe(
        view.tools(new Set(['kb:read', 'tickets:read:own'])),
      );
    }));

  it('registries and their definitions are frozen', () =>
    withServer((server) => {
      const registry = server.registries()[0]!;
      expect(Object.isFrozen(registry)).toBe(true);
      expect(Object.isFrozen(registry.collection)).toBe(true);
      expect(Object.isFrozen(registry.collection.grant)).toBe(true);
    }));
});

describe('defineCollection', () => {
  it('fills in the defaults', () => {
    const collection = defineCollection({ id: 'user', title: 'User', plugins: [], grant: [] });
    expect(collection).toMatchObject({
      kind: 'collection',
      path: '/mcp/user',
      auth: 'required',
      session: 'stateless',
      roles: ['end_user', 'agent', 'admin', 'service'],
    });
    expect(Object.isFrozen(collection)).toBe(true);
  });
});
