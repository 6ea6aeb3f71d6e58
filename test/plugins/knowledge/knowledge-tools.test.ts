import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, type DeskTables } from '../../../plugins/desk/index.js';
import { knowledgePlugin } from '../../../plugins/knowledge/index.js';
import { call } from '../../helpers/call-tool.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';

const tokens: DevToken[] = [
  {
    token: 'alice-token',
    name: 'claude-desktop',
    userId: 'alice@example.com',
    role: 'end_user',
    scopes: ['kb:read', 'catalogue:read', 'tickets:read:own', 'tickets:write:own'],
    collections: ['user'],
  },
  {
    token: 'sam-token',
    name: 'copilot-studio',
    userId: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['kb:read', 'catalogue:read', 'tickets:read:all', 'tickets:write:all'],
    collections: ['agent'],
  },
];

describe.each(testEngines)('knowledge and catalogue tools on $engine', (testEngine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let alice: Client;
  let sam: Client;

  const outbox = async () => {
    const storage = storageFromUrl(database.url);
    const db = await openDatabase(storage);
    try {
      return await db
        .withTables<DeskTables>()
        .selectFrom('desk_outbox')
        .selectAll()
        .orderBy('id')
        .execute();
    } finally {
      await db.destroy();
    }
  };

  beforeAll(async () => {
    database = await testEngine.createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin({ demoData: 'if-empty', demoTickets: 20 }), knowledgePlugin()],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['knowledge'],
          grant: ['kb:read', 'catalogue:read', 'tickets:read:own', 'tickets:write:own'],
          roles: ['end_user'],
        }),
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['knowledge'],
          grant: ['kb:read', 'catalogue:read', 'tickets:read:all', 'tickets:write:all'],
          roles: ['agent', 'admin'],
        }),
      ],
      tokens,
      databaseUrl: database.url,
    });
    alice = t.clients['user']!;
    sam = t.clients['agent']!;
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('lists the three tools with titles, schemas and annotations', async () => {
    const { tools } = await alice.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'get_article',
      'search_knowledge_base',
      'search_service_catalogue',
    ]);
    for (const tool of tools) {
      expect(tool.title).toEqual(expect.any(String));
      expect(tool.description?.length).toBeGreaterThan(100);
      expect(tool.outputSchema).toBeDefined();
      expect(tool.annotations?.openWorldHint).toBe(false);
    }
  });

  it('finds the VPN article for a VPN problem, ranked with a snippet, and reads it whole', async () => {
    const found = await call(alice, 'search_knowledge_base', { query: 'my vpn keeps dropping' });
    expect(found.isError).toBe(false);
    expect(found.out.match).toBe('all');
    expect(found.out.articles[0]).toMatchObject({ slug: 'vpn-keeps-dropping', published: true });
    expect(found.out.articles[0].snippet).toContain('**');
    const scores = (found.out.articles as { score: number }[]).map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(found.text).toContain('VPN keeps dropping every few minutes');

    const read = await call(alice, 'get_article', { article: found.out.articles[0].id });
    expect(read.out.article.body).toContain('Switch the VPN gateway');
    const bySlug = await call(alice, 'get_article', { article: 'vpn-keeps-dropping' });
    expect(bySlug.out).toEqual(read.out);
  });

  it('falls back to any word when no article holds every word, and pages on', async () => {
    const found = await call(sam, 'search_knowledge_base', {
      query: 'printer zebracorn',
      limit: 1,
    });
    expect(found.out.match).toBe('any');
    expect(found.out.articles).toHaveLength(1);
    expect(found.out.nextOffset).toBe(1);
    const next = await call(sam, 'search_knowledge_base', {
      query: 'printer zebracorn',
      match: 'any',
      limit: 1,
      offset: 1,
    });
    expect(next.out.articles[0].id).not.toBe(found.out.articles[0].id);
  });

  it('e-mails the best article to the caller through the outbox', async () => {
    const before = (await outbox()).length;
    const sent = await call(alice, 'search_knowledge_base', {
      query: 'outlook keeps asking for password',
      emailArticle: { message: 'For later' },
    });
    expect(sent.isError).toBe(false);
    expect(sent.out.emailed).toMatchObject({
      to: 'alice@example.com',
      articleId: sent.out.articles[0].id,
      status: 'queued',
      ticketId: null,
    });
    const rows = await outbox();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ to_email: 'alice@example.com' });
    expect(rows.at(-1)?.body).toContain('For later');
  });

  it("refuses an end user's e-mail to someone else, and queues nothing", async () => {
    const before = (await outbox()).length;
    const refused = await call(alice, 'search_knowledge_base', {
      query: 'vpn',
      emailArticle: { to: 'sam@helpdesk.example' },
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('only to yourself');
    expect(await outbox()).toHaveLength(before);
  });

  it('lets an agent e-mail a chosen article to a desk user', async () => {
    const sent = await call(sam, 'search_knowledge_base', {
      query: 'printer',
      emailArticle: { article: 'vpn-keeps-dropping', to: 'alice@example.com' },
    });
    expect(sent.out.emailed).toMatchObject({ to: 'alice@example.com' });
    expect(sent.out.emailed.subject).toBe('Knowledge base: VPN keeps dropping every few minutes');
  });

  it('names the field and the fix for bad arguments', async () => {
    const blank = await call(alice, 'search_knowledge_base', { query: '   ' });
    expect(blank.isError).toBe(true);
    expect(blank.text).toContain('query');
    const badLimit = await call(alice, 'search_knowledge_base', { query: 'vpn', limit: 500 });
    expect(badLimit.isError).toBe(true);
    expect(badLimit.text).toContain('limit');
    const badEmail = await call(sam, 'search_knowledge_base', {
      query: 'vpn',
      emailArticle: { to: 'not-an-address' },
    });
    expect(badEmail.isError).toBe(true);
    expect(badEmail.text).toContain('emailArticle.to');
    const missing = await call(alice, 'get_article', { article: 'no-such-article' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('article no-such-article not found');
    const wrongType = await call(alice, 'get_article', { article: true });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.text).toContain('article');
  });

  it.each([
    { label: 'a missing query', tool: 'search_knowledge_base', args: {}, field: 'query' },
    {
      label: 'a wrong-typed query',
      tool: 'search_knowledge_base',
      args: { query: 42 },
      field: 'query',
    },
    {
      label: 'a negative offset',
      tool: 'search_knowledge_base',
      args: { query: 'vpn', offset: -1 },
      field: 'offset',
    },
    {
      label: 'an unknown match',
      tool: 'search_knowledge_base',
      args: { query: 'vpn', match: 'some' },
      field: 'match',
    },
    { label: 'a missing article', tool: 'get_article', args: {}, field: 'article' },
    {
      label: 'an article number of 0',
      tool: 'get_article',
      args: { article: 0 },
      field: 'article',
    },
    {
      label: 'a wrong-typed catalogue query',
      tool: 'search_service_catalogue',
      args: { query: ['vpn'] },
      field: 'query',
    },
    {
      label: 'a catalogue limit of 0',
      tool: 'search_service_catalogue',
      args: { limit: 0 },
      field: 'limit',
    },
    {
      label: 'a catalogue limit of 51',
      tool: 'search_service_catalogue',
      args: { limit: 51 },
      field: 'limit',
    },
  ])('refuses $label, naming the field', async ({ tool, args, field }) => {
    const result = await call(sam, tool, args);
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
    expect(result.text).toMatch(/call \w+ again|Correct/);
  });

  it('queues nothing for an e-mail about an unknown or a closed ticket, and says what to do', async () => {
    const storage = storageFromUrl(database.url);
    const db = await openDatabase(storage);
    const closed = await db
      .withTables<DeskTables>()
      .selectFrom('desk_tickets')
      .select('id')
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow()
      .finally(() => db.destroy());
    const before = (await outbox()).length;
    const unknown = await call(sam, 'search_knowledge_base', {
      query: 'vpn',
      emailArticle: { ticketId: 987_654 },
    });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('ticket 987654 not found');
    const onClosed = await call(sam, 'search_knowledge_base', {
      query: 'vpn',
      emailArticle: { ticketId: closed.id },
    });
    expect(onClosed.isError).toBe(true);
    expect(onClosed.text).toContain(`ticket ${closed.id} is closed; raise a new ticket`);
    expect(await outbox()).toHaveLength(before);
  });

  it('finds the catalogue form for a request, with the ticket type and its fields', async () => {
    const found = await call(alice, 'search_service_catalogue', { query: 'I need vpn access' });
    expect(found.isError).toBe(false);
    expect(found.out.items[0]).toMatchObject({
      key: 'vpn-access',
      ticketType: { key: 'service_request' },
      team: { key: 'network' },
    });
    expect(found.out.items[0].ticketType.fields.length).toBeGreaterThan(0);
    expect(found.text).toContain('VPN access (vpn-access)');
    const all = await call(alice, 'search_service_catalogue', {});
    expect(all.out.items.length).toBeGreaterThan(5);
    const none = await call(alice, 'search_service_catalogue', { query: 'submarine' });
    expect(none.out.items).toEqual([]);
    expect(none.text).toContain('No request form matched');
  });
});
