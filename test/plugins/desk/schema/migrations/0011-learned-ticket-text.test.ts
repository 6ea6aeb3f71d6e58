import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, storageFromUrl } from '../../../../../core/storage/database.js';
import { runMigrations } from '../../../../../core/storage/migrator.js';
import { deskMigrations } from '../../../../../plugins/desk/schema/migrations/index.js';
import type { DeskTables } from '../../../../../plugins/desk/schema/tables.js';
import { createDeskStore } from '../../../../../plugins/desk/store/desk-store.js';
import { testEngines } from '../../../../helpers/test-databases.js';
import { insertSearchPeople, insertTicket, principalFor } from '../../search/search-fixture.js';

const before = Object.fromEntries(Object.entries(deskMigrations).filter(([name]) => name < '0011'));

describe.each(testEngines)('migration 0011 (learned ticket text) on $engine', (testEngine) => {
  let close: () => Promise<void>;
  let store: ReturnType<typeof createDeskStore>;
  const ids = { earlier: 0, later: 0 };

  beforeAll(async () => {
    const fresh = await testEngine.createDatabase();
    const storage = storageFromUrl(fresh.url);
    const database = await openDatabase(storage);
    close = async () => {
      await database.destroy();
      await fresh.drop();
    };
    await runMigrations(database, [{ owner: 'desk', migrations: before }], storage.engine);
    const db = database.withTables<DeskTables>();
    // History from before 0011: a resolved ticket whose private note names an earlier one.
    const people = await insertSearchPeople(db);
    const ticket = (summary: string, status: 'resolved' | 'open') =>
      insertTicket(db, {
        summary,
        requesterId: people.alice,
        organisationId: people.acorn,
        typeId: people.incident,
        status,
      });
    ids.earlier = await ticket('Reception printer jams', 'open');
    ids.later = await ticket('Toner smudges on every page', 'resolved');
    // Tickets without the word, so that bm25 sees it as rare (it ignores a word in half the rows).
    for (const summary of ['Mouse stopped', 'Wifi slow', 'Teams echo'])
      await ticket(summary, 'open');
    await db
      .insertInto('desk_notes')
      .values({
        ticket_id: ids.later,
        author_id: people.dave,
        body: `Same printer as #${ids.earlier}.`,
        visibility: 'private',
        provenance: 'human',
        ai_collection: null,
        ai_client: null,
        created_at: '2026-02-01T10:00:00.000Z',
      })
      .execute();
    const all = [{ owner: 'desk', migrations: deskMigrations }];
    expect(await runMigrations(database, all, storage.engine)).toEqual([
      'desk/0011_learned_ticket_text',
    ]);
    store = createDeskStore({ db, engine: storage.engine, now: () => new Date() });
  });
  afterAll(async () => {
    await close?.();
  });

  it('lets staff find the earlier ticket by the later one’s words at once, and end users not', async () => {
    const agent = principalFor('dave@desk.example', {
      role: 'agent',
      scopes: ['tickets:read:all'],
    });
    const alice = principalFor('alice@acorn.example', { scopes: ['tickets:read:own'] });
    const staffHits = await store.search.searchTickets(agent, { text: 'toner' });
    expect(staffHits.hits.map((hit) => hit.row.id)).toEqual([ids.later, ids.earlier]);
    const ownHits = await store.search.searchTickets(alice, { text: 'toner' });
    expect(ownHits.hits.map((hit) => hit.row.id)).toEqual([ids.later]);
  });
});
