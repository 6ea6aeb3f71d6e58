import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, deskStoreRef, type DeskTables } from '../../../plugins/desk/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

/** A plugin that uses the desk store the way the ticket tools will: through the service ref. */
const probePlugin = definePlugin({
  id: 'desk-probe',
  version: '0.0.0',
  requires: ['desk'],
  scopes: { 'probe:read': 'Probe the desk store' },
  async setup(ctx) {
    await ctx.db
      .withTables<DeskTables>()
      .insertInto('desk_users')
      .values({
        email: 'jo.bloggs@acorn.example',
        name: 'Jo Bloggs',
        role: 'end_user',
        organisation_id: null,
        phone: null,
        title: null,
        password_hash: null,
        created_at: '2026-01-05T09:00:00.000Z',
      })
      .execute();
    const desk = ctx.services.get(deskStoreRef);
    ctx.addTool(
      defineTool({
        name: 'desk_whoami',
        title: 'Desk user of the caller',
        description: 'The desk user behind the caller',
        input: z.object({}),
        output: z.object({ email: z.string().nullable(), name: z.string().nullable() }),
        scopes: ['probe:read'],
        handler: async ({ principal }) => {
          const user = await desk.directory.resolvePrincipal(principal);
          return { email: user?.email ?? null, name: user?.name ?? null };
        },
      }),
    );
  },
});

const tokens: DevToken[] = [
  {
    token: 'jo-token',
    name: 'laptop',
    userId: 'Jo.Bloggs@acorn.example',
    role: 'end_user',
    scopes: ['probe:read', 'tickets:read:own'],
    collections: ['user'],
  },
];

describe('the desk plugin', () => {
  it('defines every desk scope with a description', () => {
    const plugin = deskPlugin();
    expect(plugin.id).toBe('desk');
    expect(Object.keys(plugin.scopes).sort()).toEqual([
      'catalogue:read',
      'kb:read',
      'kb:write:all',
      'tickets:read:all',
      'tickets:read:org',
      'tickets:read:own',
      'tickets:write:all',
      'tickets:write:org',
      'tickets:write:own',
      'time:write',
      'users:read:all',
      'users:read:own',
    ]);
    for (const description of Object.values(plugin.scopes)) expect(description).toMatch(/\w{3}/);
  });
});

describe.each(testEngines)('the desk plugin served on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let t: TestServer;

  beforeAll(async () => {
    database = await createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin(), probePlugin],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User',
          plugins: ['desk', 'desk-probe'],
          grant: ['probe:read', 'tickets:read:own'],
        }),
      ],
      tokens,
      databaseUrl: database.url,
    });
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('migrates, then hands its store to a plugin that requires it', async () => {
    const result = (await t.clients['user']!.callTool({
      name: 'desk_whoami',
      arguments: {},
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({
      email: 'jo.bloggs@acorn.example',
      name: 'Jo Bloggs',
    });
  });
});
