import { sql, type Insertable, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import type { DeskNotesTable, DeskTables, DeskTicketsTable } from '../schema/tables.js';
import { generateTickets } from './ticket-generator.js';
import { referenceId, type ReferenceIds } from './seed-reference-data.js';

/** How generated tickets are written. */
export interface SeedTicketsOptions {
  readonly count: number;
  readonly seed: number;
  readonly until: string;
  readonly engine: DatabaseEngine;
  readonly onProgress?: (done: number, total: number) => void;
}

// Rows per INSERT: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
// (19 columns per ticket, 9 per note), and large enough that statement overhead stays small.
const ticketBatch = 1000;
const noteBatch = 2000;

/**
 * Streams generated tickets into the database in multi-row inserts, with their notes. Ids are
 * given explicitly (continuing after the highest id) so notes can point at their ticket without
 * reading ids back; PostgreSQL's sequences are moved past them afterwards.
 */
export async function seedTickets(
  db: Kysely<DeskTables>,
  ids: ReferenceIds,
  options: SeedTicketsOptions,
): Promise<{ tickets: number; notes: number }> {
  const maxIds = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('desk_tickets')
        .select((e) => e.fn.max('id').as('m'))
        .as('tickets'),
      eb
        .selectFrom('desk_notes')
        .select((e) => e.fn.max('id').as('m'))
        .as('notes'),
    ])
    .executeTakeFirstOrThrow();
  let ticketId = Number(maxIds.tickets ?? 0);
  let noteId = Number(maxIds.notes ?? 0);
  let tickets: Insertable<DeskTicketsTable>[] = [];
  let notes: Insertable<DeskNotesTable>[] = [];
  let noteCount = 0;
  const flushNotes = async () => {
    if (notes.length === 0) return;
    await db.insertInto('desk_notes').values(notes).execute();
    noteCount += notes.length;
    notes = [];
  };
  const flushTickets = async () => {
    if (tickets.length === 0) return;
    await db.insertInto('desk_tickets').values(tickets).execute();
    tickets = [];
    await flushNotes();
  };
  const user = (email: string) => referenceId(ids.users, email);
  for (const ticket of generateTickets(options.count, options.seed, { until: options.until })) {
    ticketId += 1;
    tickets.push({
      id: ticketId,
      type_id: referenceId(ids.ticketTypes, ticket.typeKey),
      summary: ticket.summary,
      details: ticket.details,
      status: ticket.status,
      priority: ticket.priority,
      category: ticket.category,
      team_id: referenceId(ids.teams, ticket.teamKey),
      agent_id: ticket.agentEmail === null ? null : user(ticket.agentEmail),
      requester_id: user(ticket.requesterEmail),
      organisation_id: referenceId(ids.organisations, ticket.organisationName),
      custom_fields: JSON.stringify(ticket.customFields),
      response_due_at: ticket.responseDueAt,
      resolution_due_at: ticket.resolutionDueAt,
      responded_at: ticket.respondedAt,
      resolved_at: ticket.resolvedAt,
      version: 1,
      created_at: ticket.createdAt,
      updated_at: ticket.updatedAt,
    });
    for (const note of ticket.notes) {
      noteId += 1;
      notes.push({
        id: noteId,
        ticket_id: ticketId,
        author_id: user(note.authorEmail),
        body: note.body,
        visibility: note.visibility,
        provenance: 'human',
        ai_collection: null,
        ai_client: null,
        created_at: note.createdAt,
      });
    }
    if (tickets.length >= ticketBatch) {
      await flushTickets();
      options.onProgress?.(ticket.number, options.count);
    } else if (notes.length >= noteBatch) {
      // Notes wait for their tickets (foreign key), so flush both together.
      await flushTickets();
    }
  }
  await flushTickets();
  options.onProgress?.(options.count, options.count);
  if (options.engine === 'postgres') {
    for (const table of ['desk_tickets', 'desk_notes']) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
        greatest((select max(id) from ${sql.table(table)}), 1))`.execute(db);
    }
  }
  return { tickets: options.count, notes: noteCount };
}
