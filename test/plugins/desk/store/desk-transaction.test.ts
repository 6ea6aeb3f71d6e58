import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolError } from '../../../../core/index.js';
import type { DeskTransaction } from '../../../../plugins/desk/index.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { failInserts } from './failing-insert.js';
import { createNocPages, rowsOf, within, type NocTables } from './noc-pages.js';
import { fixtureNow, openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

const at = fixtureNow.toISOString();

describe.each(testEngines)('desk.transaction on $engine', (engine) => {
  let fixture: TicketFixture;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    await createNocPages(fixture);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const newTicket = async (summary = 'Core switch down in building B') =>
    (
      await fixture.store.tickets.create(people.jo, {
        type: 'incident',
        summary,
        details: 'All out',
      })
    ).id;

  /** The on-call case: a page row of the plugin's own and a private note on the ticket. */
  const page = async (tx: DeskTransaction, ticketId: number) => {
    const row = await tx.db
      .withTables<NocTables>()
      .insertInto('noc_pages')
      .values({ ticket_id: ticketId, oncall: 'ann.agent@desk.example', paged_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    const note = await tx.desk.tickets.addNote(people.ann, {
      ticketId,
      body: `Paged the on-call engineer (page ${row.id})`,
      visibility: 'private',
    });
    return { row, note };
  };

  it('commits the plugin row and the note, with its history, together', async () => {
    const ticketId = await newTicket();
    const { row, note } = await fixture.store.transaction((tx) => page(tx, ticketId));
    const rows = await rowsOf(fixture, ticketId);
    expect(rows.pages).toEqual([row]);
    expect(rows.notes).toEqual([note]);
    expect(rows.history).toEqual(['created', 'note.private']);
    const detail = await fixture.store.tickets.get(people.ann, ticketId);
    expect(detail?.ticket.version).toBe(2);
  });

  it('leaves neither row when the note fails after the plugin row was written', async () => {
    const ticketId = await newTicket();
    const refused = fixture.store.transaction(async (tx) => {
      await page(tx, ticketId);
      await tx.desk.tickets.addNote(people.ann, { ticketId: 999_999, body: 'to nowhere' });
    });
    await expect(refused).rejects.toThrow(new ToolError('ticket 999999 not found'));
    expect(await rowsOf(fixture, ticketId)).toEqual({ pages: [], notes: [], history: ['created'] });
  });

  it('leaves neither row when the store write fails half-way (its history insert)', async () => {
    const ticketId = await newTicket();
    const restore = await failInserts(fixture, 'desk_ticket_history');
    try {
      await expect(fixture.store.transaction((tx) => page(tx, ticketId))).rejects.toThrow(
        /insert refused by test trigger/,
      );
    } finally {
      await restore();
    }
    expect(await rowsOf(fixture, ticketId)).toEqual({ pages: [], notes: [], history: ['created'] });
  });

  it('rolls everything back when the callback throws after the note, and rethrows its error', async () => {
    const ticketId = await newTicket();
    const failure = new Error('pager gateway said no');
    const run = fixture.store.transaction(async (tx) => {
      await page(tx, ticketId);
      throw failure;
    });
    await expect(run).rejects.toBe(failure);
    expect(await rowsOf(fixture, ticketId)).toEqual({ pages: [], notes: [], history: ['created'] });
    expect((await fixture.store.tickets.get(people.ann, ticketId))?.ticket.version).toBe(1);
  });

  it('undoes only a failed store write whose error the callback catches', async () => {
    const ticketId = await newTicket();
    const restore = await failInserts(fixture, 'desk_ticket_history');
    try {
      const caught = await fixture.store.transaction(async (tx) => {
        const message = await page(tx, ticketId).then(
          () => 'written',
          (error: Error) => error.message,
        );
        await tx.db
          .withTables<NocTables>()
          .insertInto('noc_pages')
          .values({ ticket_id: ticketId, oncall: 'bob.agent@desk.example', paged_at: at })
          .execute();
        return message;
      });
      expect(caught).toMatch(/insert refused by test trigger/);
    } finally {
      await restore();
    }
    const rows = await rowsOf(fixture, ticketId);
    expect(rows.pages.map((p) => p.oncall)).toEqual([
      'ann.agent@desk.example',
      'bob.agent@desk.example',
    ]);
    expect(rows.notes).toEqual([]);
    expect(rows.history).toEqual(['created']);
  });

  it('never reports a commit when a statement of its own failed and was caught', async () => {
    const ticketId = await newTicket();
    const run = fixture.store.transaction(async (tx) => {
      const { row } = await page(tx, ticketId);
      const duplicate = tx.db
        .withTables<NocTables>()
        .insertInto('noc_pages')
        .values({ ...row })
        .execute();
      await duplicate.catch(() => undefined);
    });
    const rows = () => rowsOf(fixture, ticketId);
    if (engine.engine === 'postgres') {
      // The failed insert aborted the whole transaction: nothing of it can commit.
      await expect(run).rejects.toThrow(/current transaction is aborted/);
      expect(await rows()).toEqual({ pages: [], notes: [], history: ['created'] });
    } else {
      // SQLite undoes the failed statement only; the rest commits.
      await run;
      expect((await rows()).pages).toHaveLength(1);
      expect((await rows()).history).toEqual(['created', 'note.private']);
    }
  });

  it('rolls back a ticket created inside, with its search-index rows', async () => {
    const summary = 'Quasar flux capacitor overheating';
    const search = () =>
      fixture.store.search.searchTickets(people.ann, { text: 'quasar capacitor' });
    await expect(
      fixture.store.transaction(async (tx) => {
        await tx.desk.tickets.create(people.jo, { type: 'incident', summary, details: 'Hot' });
        expect(
          (await tx.desk.search.searchTickets(people.ann, { text: 'quasar' })).hits,
        ).toHaveLength(1);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await search()).hits).toEqual([]);
    const created = await fixture.store.transaction((tx) =>
      tx.desk.tickets.create(people.jo, { type: 'incident', summary, details: 'Hot' }),
    );
    expect((await search()).hits.map((h) => h.row.id)).toEqual([created.id]);
  });

  it.each(['commits', 'rolls back'])(
    'lets a normal write made meanwhile finish once the transaction %s',
    async (ending) => {
      const ticketId = await newTicket();
      let entered!: () => void;
      let finish!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const gate = new Promise<void>((resolve) => (finish = resolve));
      const shared = fixture.store.transaction(async (tx) => {
        await tx.desk.tickets.addNote(people.ann, { ticketId, body: 'inside' });
        entered();
        await gate;
        if (ending === 'rolls back') throw new Error('rolled back');
      });
      await inside;
      let normalDone = false;
      const normal = fixture.store.tickets
        .addNote(people.bob, { ticketId, body: 'outside' })
        .finally(() => (normalDone = true));
      await sleep(100);
      expect(normalDone).toBe(false); // it waits for the transaction (SQLite: the file, PostgreSQL: the row)
      finish();
      await (ending === 'commits' ? shared : shared.catch(() => undefined));
      await within(normal, 10_000);
      const bodies = (await rowsOf(fixture, ticketId)).notes.map((n) => n.body).sort();
      expect(bodies).toEqual(ending === 'commits' ? ['inside', 'outside'] : ['outside']);
    },
  );

  it('loses no change when its writes race with normal writes on the same ticket', async () => {
    const ticketId = await newTicket();
    await Promise.all([
      ...[1, 2, 3, 4].map((n) =>
        fixture.store.tickets.update(people.bob, ticketId, { details: `outside ${n}` }),
      ),
      fixture.store.transaction(async (tx) => {
        for (const n of [1, 2, 3]) {
          await tx.desk.tickets.addNote(people.ann, { ticketId, body: `inside ${n}` });
        }
      }),
    ]);
    const detail = await fixture.store.tickets.get(people.ann, ticketId);
    expect(detail?.notes).toHaveLength(3);
    expect(detail?.ticket.version).toBe(1 + 4 + 3);
  });

  it('finishes a call the callback did not await inside the transaction', async () => {
    const ticketId = await newTicket();
    let late: Promise<unknown> | undefined;
    await fixture.store.transaction((tx) => {
      late = tx.desk.tickets.addNote(people.ann, { ticketId, body: 'not awaited' });
      return Promise.resolve();
    });
    await late;
    expect((await rowsOf(fixture, ticketId)).notes.map((n) => n.body)).toEqual(['not awaited']);
  });

  it.each(['committed', 'rolled back'])(
    'refuses every call through tx once the transaction has %s',
    async (ending) => {
      const ticketId = await newTicket();
      let kept: DeskTransaction | undefined;
      await fixture.store
        .transaction((tx) => {
          kept = tx;
          return ending === 'committed' ? Promise.resolve() : Promise.reject(new Error('no'));
        })
        .catch(() => undefined);
      const tx = kept!;
      const closed = { code: 'STORAGE_TRANSACTION_CLOSED' };
      const note = tx.desk.tickets.addNote(people.ann, { ticketId, body: 'too late' });
      await expect(note).rejects.toMatchObject(closed);
      await expect(note).rejects.toThrow(/tx\.desk\.tickets\.addNote was called after/);
      await expect(tx.desk.tickets.get(people.ann, ticketId)).rejects.toMatchObject(closed);
      const insert = tx.db
        .withTables<NocTables>()
        .insertInto('noc_pages')
        .values({ ticket_id: ticketId, oncall: 'late', paged_at: at })
        .execute();
      await expect(insert).rejects.toMatchObject(closed);
      expect(await rowsOf(fixture, ticketId)).toEqual({
        pages: [],
        notes: [],
        history: ['created'],
      });
    },
  );
});
