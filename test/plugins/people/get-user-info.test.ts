import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  untrustedTextNotice,
  type DevToken,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, deskStoreRef } from '../../../plugins/desk/index.js';
import { peoplePlugin } from '../../../plugins/people/index.js';
import { call } from '../../helpers/call-tool.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

const userGrant = ['users:read:own', 'tickets:read:own'];
const agentGrant = ['users:read:all', 'tickets:read:all'];

const tokens: DevToken[] = [
  {
    token: 'alice-token',
    name: 'claude-desktop',
    userId: 'alice@example.com',
    role: 'end_user',
    scopes: userGrant,
    collections: ['user'],
  },
  {
    token: 'sam-token',
    name: 'copilot-studio',
    userId: 'sam@helpdesk.example',
    role: 'agent',
    scopes: agentGrant,
    collections: ['agent'],
  },
  {
    token: 'sam-no-tickets',
    name: 'directory-only',
    userId: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['users:read:all'],
    collections: ['agent'],
  },
];

const erin = 'erin.walsh@acorn-construction.example';

/** Gives Erin 27 open tickets, two more than the tool lists. */
const busyRequesterPlugin = definePlugin({
  id: 'busy-requester',
  version: '0.0.0',
  requires: ['desk'],
  async setup(ctx) {
    const desk = ctx.services.get(deskStoreRef);
    const principal = {
      userId: erin,
      email: erin,
      role: 'end_user' as const,
      organisationId: undefined,
      clientId: 'fixture',
      collectionId: 'user',
      scopes: new Set(['tickets:read:own', 'tickets:write:own']),
    };
    for (let n = 1; n <= 27; n++) {
      await desk.tickets.create(principal, {
        type: 'service_request',
        summary: `Request ${n}`,
        details: 'Please help',
      });
    }
  },
});

describe.each(testEngines)('get_user_info on $engine', (testEngine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let alice: Client;
  let sam: Client;

  beforeAll(async () => {
    database = await testEngine.createDatabase();
    t = await startTestServer({
      plugins: [
        deskPlugin({ demoData: 'if-empty', demoTickets: 20 }),
        peoplePlugin(),
        busyRequesterPlugin,
      ],
      collections: [
        defineCollection({
          id: 'user',
          title: 'User Functions',
          plugins: ['people'],
          grant: userGrant,
          roles: ['end_user'],
        }),
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['people'],
          grant: agentGrant,
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

  it('tells an end user about themselves', async () => {
    const me = await call(alice, 'get_user_info', {});
    expect(me.isError).toBe(false);
    expect(me.out.user).toMatchObject({
      name: 'Alice Carter',
      email: 'alice@example.com',
      role: 'end_user',
      phone: '+44 20 7946 0099',
      organisation: { name: 'Acorn Construction' },
      teams: [],
      active: true,
    });
    expect(me.text).toContain('Alice Carter <alice@example.com> (end_user), Project Coordinator');
    expect(me.text).toContain('at Acorn Construction');
    const byEmail = await call(alice, 'get_user_info', { email: 'ALICE@example.com' });
    expect(byEmail.out).toEqual(me.out);
  });

  it('answers "not found" when an end user asks about anyone else', async () => {
    for (const args of [{ email: 'sam@helpdesk.example' }, { userId: 2 }, { userId: 999_999 }]) {
      const other = await call(alice, 'get_user_info', args);
      expect(other.isError).toBe(true);
      expect(other.text).toContain('you can look up only yourself');
      expect(other.out).toBeUndefined();
    }
  });

  it("shows an agent anyone's details, teams and open tickets", async () => {
    const nina = await call(sam, 'get_user_info', { email: 'nina.kowalski@helpdesk.example' });
    expect(nina.out.user).toMatchObject({
      role: 'agent',
      title: 'Network Engineer',
      organisation: { name: 'Helpdesk Services' },
      teams: [{ key: 'network', name: 'Network' }],
    });
    const alice = await call(sam, 'get_user_info', { email: 'alice@example.com' });
    expect(alice.out.user.organisation).toMatchObject({ name: 'Acorn Construction' });
    for (const ticket of alice.out.openTickets as { status: string }[]) {
      expect(['new', 'open', 'pending', 'on_hold']).toContain(ticket.status);
    }
    const byId = await call(sam, 'get_user_info', { userId: alice.out.user.id });
    expect(byId.out).toEqual(alice.out);
  });

  it("lists a requester's open tickets, newest first, and says when there are more", async () => {
    const erin = await call(sam, 'get_user_info', {
      email: 'erin.walsh@acorn-construction.example',
    });
    expect(erin.isError).toBe(false);
    expect(erin.out.openTickets).toHaveLength(25);
    expect(erin.out.moreOpenTickets).toBe(true);
    // Summaries are people's text: fenced, and the description says what the fences mean.
    for (const ticket of erin.out.openTickets as { id: number; summary: string }[]) {
      expect(ticket.summary).toMatch(
        new RegExp(`^<untrusted-text source="ticket ${ticket.id} summary">.+</untrusted-text>$`),
      );
    }
    const { tools } = await sam.listTools();
    expect(tools.find((tool) => tool.name === 'get_user_info')?.description).toContain(
      untrustedTextNotice,
    );
    const ids = (erin.out.openTickets as { id: number }[]).map((ticket) => ticket.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(erin.text).toContain('Open tickets (newest first, more not shown):');
    const finished = (erin.out.openTickets as { status: string }[]).filter(
      (ticket) => ticket.status === 'resolved' || ticket.status === 'closed',
    );
    expect(finished).toEqual([]);
  });

  it('leaves open tickets out for a caller who may not read tickets', async () => {
    const client = await t.connect('agent', 'sam-no-tickets');
    const found = await call(client, 'get_user_info', { email: 'alice@example.com' });
    expect(found.isError).toBe(false);
    expect(found.out.openTickets).toEqual([]);
  });

  it.each([
    ['a wrong-typed userId', { userId: 'three' }, 'userId'],
    ['a userId of 0', { userId: 0 }, 'userId'],
    ['a fractional userId', { userId: 1.5 }, 'userId'],
    ['a wrong-typed email', { email: 42 }, 'email'],
  ])('refuses %s, naming the field', async (_label, args, field) => {
    const result = await call(sam, 'get_user_info', args);
    expect(result.isError).toBe(true);
    expect(result.text).toContain(field);
  });

  it('names the field and the fix for bad arguments', async () => {
    const badEmail = await call(sam, 'get_user_info', { email: 'not an address' });
    expect(badEmail.isError).toBe(true);
    expect(badEmail.text).toContain('email');
    const both = await call(sam, 'get_user_info', { email: 'alice@example.com', userId: 3 });
    expect(both.isError).toBe(true);
    expect(both.text).toContain('either email or userId');
    const unknown = await call(sam, 'get_user_info', { email: 'nobody@nowhere.example' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('nobody@nowhere.example not found');
  });
});
