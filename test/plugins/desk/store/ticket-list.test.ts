import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../../plugins/desk/schema/tables.js';
import type { TicketFilter } from '../../../../plugins/desk/store/ticket-list.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

interface Seed {
  created: string;
  status: TicketStatus;
  priority: number;
  team: 'serviceDesk' | 'network' | null;
  agent: 'ann' | 'bob' | null;
  requester: 'jo' | 'sam' | 'kim';
  type: 'incident' | 'opportunity';
}

// Two pairs share a creation time, so the id decides their order.
const seeds: Seed[] = [
  {
    created: '2026-01-10T09:00:00.000Z',
    status: 'open',
    priority: 2,
    team: 'network',
    agent: 'ann',
    requester: 'jo',
    type: 'incident',
  },
  {
    created: '2026-01-11T09:00:00.000Z',
    status: 'new',
    priority: 3,
    team: 'serviceDesk',
    agent: null,
    requester: 'sam',
    type: 'incident',
  },
  {
    created: '2026-01-11T09:00:00.000Z',
    status: 'resolved',
    priority: 4,
    team: null,
    agent: 'bob',
    requester: 'kim',
    type: 'opportunity',
  },
  {
    created: '2026-01-12T09:00:00.000Z',
    status: 'pending',
    priority: 1,
    team: 'network',
    agent: 'bob',
    requester: 'kim',
    type: 'incident',
  },
  {
    created: '2026-01-13T09:00:00.000Z',
    status: 'open',
    priority: 2,
    team: 'serviceDesk',
    agent: 'ann',
    requester: 'jo',
    type: 'incident',
  },
  {
    created: '2026-01-13T09:00:00.000Z',
    status: 'closed',
    priority: 3,
    team: 'network',
    agent: null,
    requester: 'sam',
    type: 'incident',
  },
  {
    created: '2026-01-14T09:00:00.000Z',
    status: 'new',
    priority: 4,
    team: null,
    agent: null,
    requester: 'jo',
    type: 'opportunity',
  },
];

describe.each(testEngines)('listing tickets on $engine', (engine) => {
  let fixture: TicketFixture;
  const ids: number[] = [];

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    const types = await fixture.db.selectFrom('desk_ticket_types').select(['id', 'key']).execute();
    for (const [i, seed] of seeds.entries()) {
      const requester = fixture.users[seed.requester];
      const row = await fixture.db
        .insertInto('desk_tickets')
        .values({
          type_id: types.find((t) => t.key === seed.type)!.id,
          summary: `Ticket ${i}`,
          details: '',
          status: seed.status,
          priority: seed.priority,
          category: seed.type === 'opportunity' ? 'Sales' : null,
          team_id: seed.team === null ? null : fixture.teams[seed.team],
          agent_id: seed.agent === null ? null : fixture.users[seed.agent],
          requester_id: requester,
          organisation_id:
            seed.requester === 'kim' ? fixture.organisations.birch : fixture.organisations.acorn,
          custom_fields: '{}',
          response_due_at: null,
          resolution_due_at: null,
          responded_at: null,
          resolved_at: null,
          created_at: seed.created,
          updated_at: seed.created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const summaries = async (filter: TicketFilter, who = people.ann) =>
    (await fixture.store.tickets.list(who, filter)).tickets.map((t) => t.summary);

  it('orders by creation time, newest first, then by id', async () => {
    expect(await summaries({})).toEqual([
      'Ticket 6',
      'Ticket 5',
      'Ticket 4',
      'Ticket 3',
      'Ticket 2',
      'Ticket 1',
      'Ticket 0',
    ]);
  });

  it('pages without gaps or repeats, even while new tickets arrive', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await fixture.store.tickets.list(people.ann, {
        limit: 2,
        ...(cursor === undefined ? {} : { cursor }),
      });
      seen.push(...page.tickets.map((t) => t.summary));
      cursor = page.nextCursor;
      if (pages++ === 0)
        await fixture.store.tickets.create(people.jo, {
          type: 'incident',
          summary: 'Newer',
          details: '',
        });
    } while (cursor !== undefined);
    expect(seen).toEqual([
      'Ticket 6',
      'Ticket 5',
      'Ticket 4',
      'Ticket 3',
      'Ticket 2',
      'Ticket 1',
      'Ticket 0',
    ]);
    expect(pages).toBe(4);
    // The newcomer goes again, so the other tests see the seeded tickets only.
    const newer = await fixture.db
      .selectFrom('desk_tickets')
      .select('id')
      .where('summary', '=', 'Newer')
      .execute();
    const newerIds = newer.map((r) => r.id);
    await fixture.db.deleteFrom('desk_ticket_history').where('ticket_id', 'in', newerIds).execute();
    await fixture.db.deleteFrom('desk_tickets').where('id', 'in', newerIds).execute();
  });

  it('filters by status, priority, team, agent, requester, organisation, type and creation date', async () => {
    expect(await summaries({ status: 'open' })).toEqual(['Ticket 4', 'Ticket 0']);
    expect(await summaries({ status: ['new', 'pending'], priority: [1, 3] })).toEqual([
      'Ticket 3',
      'Ticket 1',
    ]);
    expect(await summaries({ team: 'network' })).toEqual(['Ticket 5', 'Ticket 3', 'Ticket 0']);
    expect(await summaries({ team: null, createdTo: '2026-01-14' })).toEqual(['Ticket 2']);
    expect(await summaries({ agentId: fixture.users.bob })).toEqual(['Ticket 3', 'Ticket 2']);
    expect(await summaries({ agentId: null, status: 'new', type: 'incident' })).toEqual([
      'Ticket 1',
    ]);
    expect(await summaries({ requesterId: fixture.users.sam })).toEqual(['Ticket 5', 'Ticket 1']);
    expect(await summaries({ organisationId: fixture.organisations.birch })).toEqual([
      'Ticket 3',
      'Ticket 2',
    ]);
    expect(await summaries({ type: 'opportunity' })).toEqual(['Ticket 6', 'Ticket 2']);
    expect(
      await summaries({ createdFrom: '2026-01-11T09:00:00Z', createdTo: '2026-01-13' }),
    ).toEqual(['Ticket 3', 'Ticket 2', 'Ticket 1']);
    expect(await summaries({ team: 'no-such-team' })).toEqual([]);
    expect(await summaries({ category: 'Sales', status: 'new' })).toEqual(['Ticket 6']);
    expect(await summaries({ status: [] })).toEqual([]);
  });

  it('selects the same tickets as a search without text, for the same filters', async () => {
    const filters: TicketFilter[] = [
      { team: 'network', status: ['open', 'pending', 'closed'] },
      { team: null, type: 'opportunity' },
      { category: 'Sales' },
      { agentId: null, requesterId: fixture.users.sam },
      // Dates in any ISO-8601 form are compared as times, by both.
      { createdFrom: '2026-01-11T10:00:00+01:00', createdTo: '2026-01-13' },
      { createdFrom: '2026-01-11', createdTo: '2026-01-13T09:00:00.001Z' },
    ];
    for (const filter of filters) {
      const listed = await summaries(filter);
      const found = await fixture.store.search.searchTickets(people.ann, { ...filter, limit: 100 });
      expect(
        found.hits.map((hit) => hit.row.summary),
        JSON.stringify(filter),
      ).toEqual(listed);
      expect(listed.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
  });

  it("applies the caller's row scope under every filter", async () => {
    expect(await summaries({ status: 'open' }, people.jo)).toEqual(['Ticket 4', 'Ticket 0']);
    expect(await summaries({ organisationId: fixture.organisations.birch }, people.jo)).toEqual([]);
    expect(await summaries({ requesterId: fixture.users.sam }, people.joOrg)).toEqual([
      'Ticket 5',
      'Ticket 1',
    ]);
  });

  it('refuses a damaged cursor, a bad limit and a bad date with advice', async () => {
    const { tickets } = fixture.store;
    await expect(tickets.list(people.ann, { cursor: 'not-a-cursor' })).rejects.toThrow(
      'start again without a cursor',
    );
    await expect(tickets.list(people.ann, { limit: 0 })).rejects.toThrow(
      'limit must be a whole number from 1 to 100',
    );
    await expect(tickets.list(people.ann, { limit: 101 })).rejects.toThrow('from 1 to 100');
    await expect(tickets.list(people.ann, { createdFrom: 'last week' })).rejects.toThrow(
      'createdFrom must be an ISO-8601 date or time, e.g. 2026-03-01',
    );
  });
});
