import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskSearch, type DeskSearch } from '../../../../plugins/desk/search/desk-search.js';
import { ticketRankingWindow } from '../../../../plugins/desk/search/ticket-ranking.js';
import type { NewDeskRow } from '../../../../plugins/desk/schema/tables.js';
import { createDeskDirectory } from '../../../../plugins/desk/store/directory.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertSearchPeople, principalFor } from './search-fixture.js';

const olderTickets = 12;
const total = ticketRankingWindow + olderTickets;

describe.each(testEngines)('the ticket ranking window on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let search: DeskSearch;
  let ids: number[] = [];
  const agent = principalFor('dave@desk.example', { role: 'agent', scopes: ['tickets:read:all'] });

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const context = { db: desk.db, engine: desk.engine, now: () => new Date() };
    search = createDeskSearch(context, createDeskDirectory(context));
    const people = await insertSearchPeople(desk.db);
    // The oldest tickets are resolved and the very first is the strongest match of all, so a
    // search that ranked every match would put it first.
    const rows = Array.from({ length: total }, (_, i): NewDeskRow<'desk_tickets'> => {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
      return {
        type_id: people.incident,
        summary: i === 0 ? 'Printer printer printer jams' : `Printer jams on floor ${i}`,
        details: 'Paper stuck in tray two.',
        status: i < olderTickets ? 'resolved' : 'open',
        priority: 3,
        category: null,
        team_id: null,
        agent_id: null,
        requester_id: people.alice,
        organisation_id: people.acorn,
        custom_fields: '{}',
        response_due_at: null,
        resolution_due_at: null,
        responded_at: null,
        resolved_at: null,
        created_at: at,
        updated_at: at,
      };
    });
    const inserted = await desk.db
      .insertInto('desk_tickets')
      .values(rows)
      .returning('id')
      .execute();
    ids = inserted.map((row) => Number(row.id)).sort((a, b) => a - b);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('ranks the newest matches only and says that older ones exist', async () => {
    const found: number[] = [];
    let offset: number | null = 0;
    let truncated: boolean | undefined;
    while (offset !== null) {
      const page = await search.searchTickets(agent, { text: 'printer', limit: 100, offset });
      found.push(...page.hits.map((hit) => hit.row.id));
      truncated = page.truncated;
      offset = page.nextOffset;
    }
    expect(truncated).toBe(true);
    expect(found).toHaveLength(ticketRankingWindow);
    expect(new Set(found).size).toBe(ticketRankingWindow);
    expect([...found].sort((a, b) => a - b)).toEqual(ids.slice(olderTickets));
  });

  it('applies filters before the window, so older tickets are reached by narrowing', async () => {
    const resolved = await search.searchTickets(agent, {
      text: 'printer',
      status: 'resolved',
      limit: 100,
    });
    expect(resolved.truncated).toBe(false);
    expect(resolved.hits.map((hit) => hit.row.id)).toHaveLength(olderTickets);
    // Among the tickets a search does rank, relevance decides: the strongest match comes first.
    expect(resolved.hits[0]?.row.id).toBe(ids[0]);

    const early = await search.searchTickets(agent, {
      text: 'printer jams',
      createdTo: new Date(Date.UTC(2025, 0, 1) + 3 * 3_600_000).toISOString(),
    });
    expect(early.hits.map((hit) => hit.row.id)).toEqual([ids[0], ids[1], ids[2]]);
    expect(early.truncated).toBe(false);
  });

  it('keeps row scope inside the window: an end user from elsewhere finds nothing', async () => {
    const carol = principalFor('carol@birch.example');
    const page = await search.searchTickets(carol, { text: 'printer' });
    expect(page.hits).toEqual([]);
    expect(page.truncated).toBe(false);
  });
});
