import { sql, type Kysely } from 'kysely';
import type { DatabaseEngine } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import { createBulkInsert } from './bulk-insert.js';
import { referenceId, type ReferenceIds } from './seed-reference-data.js';
import { generateTickets, type GeneratedTicket } from './ticket-generator.js';

/** How generated tickets are written. */
export interface SeedTicketsOptions {
  readonly count: number;
  readonly seed: number;
  readonly until: string;
  readonly engine: DatabaseEngine;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Writes a generated ticket stream in slices, each slice inside the caller's transaction. */
export interface TicketWriter {
  /** Writes up to `limit` more tickets (and their notes) through `db`. */
  write(db: Kysely<DeskTables>, limit: number): Promise<void>;
  readonly written: { readonly tickets: number; readonly notes: number };
}

const tickets = {
  table: 'desk_tickets',
  columns: [
    'id',
    'type_id',
    'summary',
    'details',
    'status',
    'priority',
    'category',
    'team_id',
    'agent_id',
    'requester_id',
    'organisation_id',
    'custom_fields',
    'response_due_at',
    'resolution_due_at',
    'responded_at',
    'resolved_at',
    'version',
    'created_at',
    'updated_at',
  ],
} as const;
const notes = {
  table: 'desk_notes',
  columns: ['id', 'ticket_id', 'author_id', 'body', 'visibility', 'provenance', 'created_at'],
} as const;
// Rows per INSERT: below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters, and large
// enough that per-statement overhead stays small.
const ticketBatch = 1000;
const noteBatch = 2000;
// The generator makes at most two notes per ticket.
const maxNotesPerTicket = 2;

// Ids are written explicitly so notes point at their ticket without reading ids back. The range
// is reserved in the id generator first, so rows inserted meanwhile by others never collide.
async function reserveIds(
  db: Kysely<DeskTables>,
  engine: DatabaseEngine,
  reserve: { table: string; last: number },
) {
  if (reserve.last === 0) return;
  if (engine === 'postgres') {
    await sql`select setval(pg_get_serial_sequence(${reserve.table}, 'id'), ${reserve.last})`.execute(
      db,
    );
    return;
  }
  const updated = await sql`update sqlite_sequence set seq = max(seq, ${reserve.last})
    where name = ${reserve.table}`.execute(db);
  if (Number(updated.numAffectedRows ?? 0) === 0) {
    await sql`insert into sqlite_sequence (name, seq) values (${reserve.table}, ${reserve.last})`.execute(
      db,
    );
  }
}

/**
 * Prepares to stream `options.count` generated tickets into the desk: reads the highest ids,
 * reserves the id ranges and returns a writer that continues where the last slice stopped.
 */
export async function createTicketWriter(
  db: Kysely<DeskTables>,
  ids: ReferenceIds,
  options: SeedTicketsOptions,
): Promise<TicketWriter> {
  const highest = async (table: 'desk_tickets' | 'desk_notes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
  let ticketId = await highest('desk_tickets');
  let noteId = await highest('desk_notes');
  await reserveIds(db, options.engine, { table: 'desk_tickets', last: ticketId + options.count });
  await reserveIds(db, options.engine, {
    table: 'desk_notes',
    last: noteId + options.count * maxNotesPerTicket,
  });
  const stream: Iterator<GeneratedTicket> = generateTickets(options.count, options.seed, {
    until: options.until,
  });
  const insert = createBulkInsert(options.engine);
  const user = (email: string) => referenceId(ids.users, email);
  const written = { tickets: 0, notes: 0 };

  return {
    written,
    async write(trx, limit) {
      let ticketRows: unknown[][] = [];
      let noteRows: unknown[][] = [];
      const flush = async () => {
        await insert(trx, tickets, ticketRows);
        // Notes after their tickets: the foreign key needs the ticket first.
        await insert(trx, notes, noteRows);
        written.notes += noteRows.length;
        ticketRows = [];
        noteRows = [];
        options.onProgress?.(written.tickets, options.count);
      };
      for (let n = 0; n < limit; n++) {
        const next = stream.next();
        if (next.done === true) break;
        const ticket = next.value;
        ticketId += 1;
        written.tickets += 1;
        ticketRows.push([
          ticketId,
          referenceId(ids.ticketTypes, ticket.typeKey),
          ticket.summary,
          ticket.details,
          ticket.status,
          ticket.priority,
          ticket.category,
          referenceId(ids.teams, ticket.teamKey),
          ticket.agentEmail === null ? null : user(ticket.agentEmail),
          user(ticket.requesterEmail),
          referenceId(ids.organisations, ticket.organisationName),
          JSON.stringify(ticket.customFields),
          ticket.responseDueAt,
          ticket.resolutionDueAt,
          ticket.respondedAt,
          ticket.resolvedAt,
          1,
          ticket.createdAt,
          ticket.updatedAt,
        ]);
        for (const note of ticket.notes) {
          noteId += 1;
          const { authorEmail, body, visibility, createdAt } = note;
          noteRows.push([
            noteId,
            ticketId,
            user(authorEmail),
            body,
            visibility,
            'human',
            createdAt,
          ]);
        }
        if (ticketRows.length >= ticketBatch || noteRows.length >= noteBatch) await flush();
      }
      if (ticketRows.length > 0) await flush();
    },
  };
}
