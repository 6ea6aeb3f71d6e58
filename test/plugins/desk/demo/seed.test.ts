import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../plugins/desk/auth/password.js';
import { demoOrganisations, demoUsers } from '../../../../plugins/desk/demo/demo-directory.js';
import { kbArticles } from '../../../../plugins/desk/demo/kb-articles.js';
import { isDeskEmpty, seedDemoData } from '../../../../plugins/desk/demo/seed.js';
import { generateTickets } from '../../../../plugins/desk/demo/ticket-generator.js';
import { learnedTicketsPerArticle } from '../../../../plugins/desk/knowledge/learned-article-text.js';
import type { DeskTables } from '../../../../plugins/desk/schema/tables.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';

const until = '2026-01-05T09:00:00.000Z';
const ticketCount = 250;
const seed = 7;

describe.each(testEngines)('seedDemoData on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
  });
  afterAll(async () => {
    await desk.close();
  });

  const count = async (table: keyof DeskTables) => {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table,
    )}`.execute(desk.db);
    return Number(rows[0]?.n);
  };

  it('seeds an empty desk with the configured number of tickets and all reference data', async () => {
    expect(await isDeskEmpty(desk.db)).toBe(true);
    const result = await seedDemoData(desk.db, desk.engine, {
      tickets: ticketCount,
      seed,
      until,
      ticketsPerTransaction: 100, // three transactions: the slices must join up
    });
    expect(result).toMatchObject({ seeded: true, tickets: ticketCount });
    expect(await isDeskEmpty(desk.db)).toBe(false);
    expect(await count('desk_tickets')).toBe(ticketCount);
    expect(await count('desk_organisations')).toBe(demoOrganisations.length);
    expect(await count('desk_users')).toBe(demoUsers.length);
    expect(await count('desk_teams')).toBe(4);
    expect(await count('desk_ticket_types')).toBe(5);
    expect(await count('desk_sla_policies')).toBe(4);
    expect(await count('desk_kb_articles')).toBe(kbArticles.length);
    const generatedNotes = [...generateTickets(ticketCount, seed, { until })].reduce(
      (sum, ticket) => sum + ticket.notes.length,
      0,
    );
    expect(await count('desk_notes')).toBe(generatedNotes);
    expect(result.seeded && result.notes).toBe(generatedNotes);
  });

  it('settles the bulk-loaded tickets: planner statistics, and a vacuum on PostgreSQL', async () => {
    // Without statistics PostgreSQL guesses a common word matches a few dozen tickets; without
    // the vacuum every search reads the GIN index's pending list.
    const settled =
      desk.engine === 'sqlite'
        ? sql<{ ok: number }>`select count(*) > 0 as ok from sqlite_stat1
            where tbl = 'desk_tickets'`
        : sql<{ ok: boolean }>`select last_vacuum is not null and last_analyze is not null as ok
            from pg_stat_user_tables where relname = 'desk_tickets'`;
    const { rows } = await settled.execute(desk.db);
    expect(rows.map((row) => Boolean(row.ok))).toEqual([true]);
  });

  it('writes the generated rows, resolved to the seeded ids', async () => {
    const [first] = generateTickets(ticketCount, seed, { until });
    const row = await desk.db
      .selectFrom('desk_tickets as t')
      .innerJoin('desk_users as r', 'r.id', 't.requester_id')
      .innerJoin('desk_ticket_types as y', 'y.id', 't.type_id')
      .select(['t.summary', 't.status', 't.created_at', 'r.email', 'y.key'])
      .orderBy('t.id')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      summary: first?.summary,
      status: first?.status,
      created_at: first?.createdAt,
      email: first?.requesterEmail,
      key: first?.typeKey,
    });
  });

  it('lets the articles learn from the seeded resolutions at once', async () => {
    const generated = [...generateTickets(ticketCount, seed, { until })];
    const pointing = generated.filter((ticket) =>
      ticket.notes.some((n) => n.body.includes('/kb/')),
    );
    expect(pointing.length).toBeGreaterThan(0);
    expect(await count('desk_kb_article_tickets')).toBe(pointing.length);
    const article = await desk.db
      .selectFrom('desk_kb_articles')
      .select(['id', 'slug', 'learned_text'])
      .where('slug', '=', /\/kb\/([a-z0-9-]+)/.exec(pointing[0]!.notes.at(-1)!.body)![1]!)
      .executeTakeFirstOrThrow();
    // Its learned text is the summaries of the solved tickets that point to it, newest first.
    const expected = generated
      .filter((ticket) => ticket.notes.some((n) => n.body.includes(`/kb/${article.slug}.`)))
      .filter((ticket) => ticket.status === 'resolved' || ticket.status === 'closed')
      .map((ticket) => ticket.summary)
      .reverse()
      .slice(0, learnedTicketsPerArticle);
    expect(article.learned_text.split('\n')).toEqual(expected);
  });

  it('refuses to seed a desk that has data, changing nothing', async () => {
    const again = await seedDemoData(desk.db, desk.engine, { tickets: 10, seed, until });
    expect(again.seeded).toBe(false);
    expect(await count('desk_tickets')).toBe(ticketCount);
    expect(await count('desk_users')).toBe(demoUsers.length);
  });

  it('gives the demo accounts their documented passwords and nobody else one', async () => {
    const users = await desk.db
      .selectFrom('desk_users')
      .select(['email', 'password_hash'])
      .execute();
    const alice = users.find((u) => u.email === 'alice@example.com');
    expect(await verifyPassword('demo-password-alice', alice?.password_hash)).toBe(true);
    const sam = users.find((u) => u.email === 'sam@helpdesk.example');
    expect(await verifyPassword('demo-password-sam', sam?.password_hash)).toBe(true);
    const withPassword = demoUsers.filter((u) => u.password !== undefined).map((u) => u.email);
    expect(
      users
        .filter((u) => u.password_hash !== null)
        .map((u) => u.email)
        .sort(),
    ).toEqual(withPassword.sort());
  });

  it('leaves Acorn Construction without some services, so a whitespace report has gaps', async () => {
    const held = await desk.db
      .selectFrom('desk_customer_services as cs')
      .innerJoin('desk_organisations as o', 'o.id', 'cs.organisation_id')
      .where('o.name', '=', 'Acorn Construction')
      .select('cs.service_id')
      .execute();
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(await count('desk_services'));
  });

  it('lets new tickets and notes take ids after the seeded ones', async () => {
    const seededNotes = await desk.db
      .selectFrom('desk_notes')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    const seeded = await desk.db
      .selectFrom('desk_tickets')
      .select(['type_id', 'requester_id'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const inserted = await desk.db
      .insertInto('desk_tickets')
      .values({
        ...seeded,
        summary: 'after the seed',
        details: '',
        status: 'new',
        priority: 3,
        category: null,
        team_id: null,
        agent_id: null,
        organisation_id: null,
        custom_fields: '{}',
        response_due_at: null,
        resolution_due_at: null,
        responded_at: null,
        resolved_at: null,
        created_at: until,
        updated_at: until,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBe(ticketCount + 1);
    const note = await desk.db
      .insertInto('desk_notes')
      .values({
        ticket_id: inserted.id,
        author_id: seeded.requester_id,
        body: 'a note after the seed',
        visibility: 'public',
        provenance: 'human',
        ai_collection: null,
        ai_client: null,
        created_at: until,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(note.id).toBeGreaterThan(Number(seededNotes.last));
  });
});
