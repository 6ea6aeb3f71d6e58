import { sql, type Kysely } from 'kysely';
import {
  isSolved,
  learnedText,
  learnedTicketsPerArticle,
} from '../knowledge/learned-article-text.js';
import type { DeskTables, TicketStatus } from '../schema/tables.js';
import { ticketMentions } from './ticket-mentions.js';

// One statement's worth of rows; well under either engine's bound-parameter limit.
const batchSize = 500;
const solved: readonly TicketStatus[] = ['resolved', 'closed'];

/**
 * Recomputes what tickets `ticketIds` learned: the summaries of the newest
 * {@link learnedTicketsPerArticle} solved tickets that refer to each, bounded as an article's
 * learned text is. A ticket that learned nothing has no row in `desk_ticket_learned`.
 *
 * @example
 * await relearnTickets(trx, [4821]);
 */
export async function relearnTickets(
  db: Kysely<DeskTables>,
  ticketIds: readonly number[],
): Promise<void> {
  // In id order, so two transactions relearning the same tickets lock their rows in one order.
  for (const ticketId of [...new Set(ticketIds)].sort((a, b) => a - b)) {
    // Lock the ticket's row first (a write that touches no indexed column, so no trigger runs):
    // two later tickets solved at once then take turns, and the second reads the first's links.
    await db
      .updateTable('desk_tickets')
      .set({ updated_at: sql<string>`updated_at` })
      .where('id', '=', ticketId)
      .execute();
    const rows = await db
      .selectFrom('desk_ticket_links as l')
      .innerJoin('desk_tickets as t', 't.id', 'l.from_ticket_id')
      .select('t.summary')
      .where('l.ticket_id', '=', ticketId)
      .where('t.status', 'in', solved)
      .orderBy('t.id', 'desc')
      .limit(learnedTicketsPerArticle)
      .execute();
    const text = learnedText(rows.map((row) => row.summary));
    const current = await db
      .selectFrom('desk_ticket_learned')
      .select('learned_text')
      .where('ticket_id', '=', ticketId)
      .executeTakeFirst();
    if (current?.learned_text === text || (current === undefined && text === '')) continue;
    if (text === '') {
      await db.deleteFrom('desk_ticket_learned').where('ticket_id', '=', ticketId).execute();
    } else {
      await db
        .insertInto('desk_ticket_learned')
        .values({ ticket_id: ticketId, learned_text: text })
        .onConflict((conflict) => conflict.column('ticket_id').doUpdateSet({ learned_text: text }))
        .execute();
    }
  }
}

/**
 * The earlier tickets of the same organisation (both without one counts as the same) among
 * `mentioned`: the ones ticket `from` may learn them from.
 */
async function linkableTickets(
  db: Kysely<DeskTables>,
  from: { readonly id: number; readonly organisationId: number | null },
  mentioned: readonly number[],
): Promise<number[]> {
  const earlier = mentioned.filter((id) => id < from.id).slice(0, batchSize);
  if (earlier.length === 0) return [];
  const rows = await db
    .selectFrom('desk_tickets')
    .select('id')
    .where('id', 'in', earlier)
    .where((eb) =>
      from.organisationId === null
        ? eb('organisation_id', 'is', null)
        : eb('organisation_id', '=', from.organisationId),
    )
    .execute();
  return rows.map((row) => Number(row.id));
}

/**
 * Links ticket `ticket` to the earlier tickets of its organisation a note of it refers to
 * (`#<id>`, `ticket <id>`; public or private) and, when it is already solved, lets them learn
 * from it at once. Call it in the transaction that adds the note.
 *
 * @example
 * await learnTicketsFromNote(trx, { id: 4830, organisationId: 3, status: 'resolved' }, 'Same as #4821');
 */
export async function learnTicketsFromNote(
  db: Kysely<DeskTables>,
  ticket: {
    readonly id: number;
    readonly organisationId: number | null;
    readonly status: TicketStatus;
  },
  body: string,
): Promise<void> {
  const linked = await linkableTickets(db, ticket, ticketMentions(body));
  if (linked.length === 0) return;
  await db
    .insertInto('desk_ticket_links')
    .values(linked.map((id) => ({ ticket_id: id, from_ticket_id: ticket.id })))
    .onConflict((conflict) => conflict.columns(['ticket_id', 'from_ticket_id']).doNothing())
    .execute();
  if (isSolved(ticket.status)) await relearnTickets(db, linked);
}

/**
 * When ticket `ticketId` becomes solved or is reopened, the earlier tickets it refers to learn its
 * words, or forget them. Call it in the transaction that changes the status.
 *
 * @example
 * await learnTicketsFromStatusChange(trx, { ticketId: 4830, from: 'open', to: 'resolved' });
 */
export async function learnTicketsFromStatusChange(
  db: Kysely<DeskTables>,
  change: { readonly ticketId: number; readonly from: TicketStatus; readonly to: TicketStatus },
): Promise<void> {
  if (isSolved(change.from) === isSolved(change.to)) return;
  const links = await db
    .selectFrom('desk_ticket_links')
    .select('ticket_id')
    .where('from_ticket_id', '=', change.ticketId)
    .execute();
  await relearnTickets(
    db,
    links.map((link) => Number(link.ticket_id)),
  );
}

/**
 * Rebuilds every ticket link and learned text from the notes already in the desk (migration
 * 0011, and after a bulk load): one pass over the notes that hold a `#` or the word "ticket".
 *
 * @example
 * const { links } = await rebuildLearnedTicketText(db);
 */
export async function rebuildLearnedTicketText(
  db: Kysely<DeskTables>,
): Promise<{ readonly links: number }> {
  await db.deleteFrom('desk_ticket_links').execute();
  await db.deleteFrom('desk_ticket_learned').execute();
  let after = 0;
  for (;;) {
    const notes = await db
      .selectFrom('desk_notes as n')
      .innerJoin('desk_tickets as t', 't.id', 'n.ticket_id')
      .select(['n.id', 'n.ticket_id', 'n.body', 't.organisation_id'])
      .where('n.id', '>', after)
      .where((eb) => eb.or([eb('n.body', 'like', '%#%'), eb('n.body', 'like', '%icket%')]))
      .orderBy('n.id')
      .limit(5000)
      .execute();
    const last = notes.at(-1);
    if (last === undefined) break;
    after = Number(last.id);
    for (const note of notes) {
      const from = { id: Number(note.ticket_id), organisationId: note.organisation_id };
      const linked = await linkableTickets(db, from, ticketMentions(note.body));
      if (linked.length === 0) continue;
      await db
        .insertInto('desk_ticket_links')
        .values(linked.map((id) => ({ ticket_id: id, from_ticket_id: from.id })))
        .onConflict((conflict) => conflict.columns(['ticket_id', 'from_ticket_id']).doNothing())
        .execute();
    }
  }
  const referred = await db
    .selectFrom('desk_ticket_links')
    .select('ticket_id')
    .distinct()
    .execute();
  const ids = referred.map((row) => Number(row.ticket_id));
  for (let start = 0; start < ids.length; start += batchSize) {
    await relearnTickets(db, ids.slice(start, start + batchSize));
  }
  const { links } = await db
    .selectFrom('desk_ticket_links')
    .select((eb) => eb.fn.countAll<number | string>().as('links'))
    .executeTakeFirstOrThrow();
  return { links: Number(links) };
}
