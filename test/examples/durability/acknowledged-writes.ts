import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Kysely } from 'kysely';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import type {
  DeskTables,
  NoteRow,
  TicketHistoryRow,
  TicketRow,
  TimeEntryRow,
} from '../../../plugins/desk/schema/tables.js';
import { call } from '../../helpers/call-tool.js';

/** Every write the server acknowledged (a result that was not `isError`), by the id it gave. */
export interface Ledger {
  readonly tickets: Map<number, { readonly summary: string; readonly details: string }>;
  readonly notes: Map<number, { readonly ticketId: number; readonly body: string }>;
  readonly timeEntries: Map<number, { readonly ticketId: number; readonly minutes: number }>;
  /** The text of each `isError` result: refused, so nothing may have been written. */
  readonly refused: string[];
  /** Calls that got no answer (the server died, or the client was closed): either may be true. */
  unanswered: number;
}

/** An empty {@link Ledger}. */
export function createLedger(): Ledger {
  return {
    tickets: new Map(),
    notes: new Map(),
    timeEntries: new Map(),
    refused: [],
    unanswered: 0,
  };
}

/**
 * Logs a ticket through `create_ticket` as an agent, with team, category and priority given so
 * that AI triage leaves it alone: every later change of the ticket is then one of the test's own.
 */
export async function createTicket(client: Client, ledger: Ledger, label: string): Promise<void> {
  const summary = `Durability check ${label}`;
  const details = `Written by ${label} to see that it survives a crash.`;
  const args = { type: 'service_request', summary, details, priority: 4, category: 'durability' };
  const result = await call(client, 'create_ticket', { ...args, team: 'service-desk' });
  if (result.isError) ledger.refused.push(result.text);
  else ledger.tickets.set(result.out.id as number, { summary, details });
}

/** Adds a note through `add_note` and records it when acknowledged. */
export async function addNote(
  client: Client,
  ledger: Ledger,
  note: { readonly ticketId: number; readonly body: string; readonly private?: boolean },
): Promise<void> {
  const visibility = note.private === true ? 'private' : 'public';
  const result = await call(client, 'add_note', {
    ticketId: note.ticketId,
    body: note.body,
    visibility,
  });
  if (result.isError) ledger.refused.push(result.text);
  else ledger.notes.set(result.out.note.id as number, { ticketId: note.ticketId, body: note.body });
}

/** Logs minutes through `log_time` and records the entry when acknowledged. */
export async function logTime(
  client: Client,
  ledger: Ledger,
  entry: { readonly ticketId: number; readonly minutes: number },
): Promise<void> {
  const result = await call(client, 'log_time', { ...entry, note: 'durability check' });
  if (result.isError) ledger.refused.push(result.text);
  else ledger.timeEntries.set(result.out.entry.id as number, entry);
}

/**
 * One writer: creates tickets and adds notes and time to the tickets acknowledged so far, one
 * call after another, until a call goes unanswered (the server was killed) or `maxCalls`.
 */
export async function writeUntilUnanswered(
  client: Client,
  ledger: Ledger,
  options: { readonly label: string; readonly maxCalls: number },
): Promise<void> {
  for (let n = 1; n <= options.maxCalls; n++) {
    const known = [...ledger.tickets.keys()];
    const ticketId = known[Math.floor(Math.random() * known.length)];
    const dice = Math.random();
    try {
      if (ticketId === undefined || dice < 0.2) {
        await createTicket(client, ledger, `${options.label}-${n}`);
      } else if (dice < 0.6) {
        const body = `Note ${options.label}-${n}: checked the logs.`;
        await addNote(client, ledger, { ticketId, body, private: dice < 0.4 });
      } else {
        await logTime(client, ledger, { ticketId, minutes: 1 + Math.floor(Math.random() * 240) });
      }
    } catch {
      ledger.unanswered += 1;
      return;
    }
  }
}

/** The rows of the tickets above a ticket id, with everything that hangs off them. */
export interface WrittenTickets {
  readonly tickets: readonly TicketRow[];
  readonly notes: readonly NoteRow[];
  readonly timeEntries: readonly TimeEntryRow[];
  readonly history: readonly TicketHistoryRow[];
}

/**
 * Opens the desk's tables of `databaseUrl` (a SQLite file or a PostgreSQL URL) for reading.
 *
 * @example
 * const desk = await openDesk(database.url);
 * try { ... } finally { await desk.destroy(); }
 */
export async function openDesk(databaseUrl: string): Promise<Kysely<DeskTables>> {
  return (await openDatabase(storageFromUrl(databaseUrl))).withTables<DeskTables>();
}

/** Reads every ticket whose id is above `floor` (the demo desk's last), and its notes, time and history. */
export async function readTicketsAbove(
  desk: Kysely<DeskTables>,
  floor: number,
): Promise<WrittenTickets> {
  return {
    tickets: await desk.selectFrom('desk_tickets').selectAll().where('id', '>', floor).execute(),
    notes: await desk.selectFrom('desk_notes').selectAll().where('ticket_id', '>', floor).execute(),
    timeEntries: await desk
      .selectFrom('desk_time_entries')
      .selectAll()
      .where('ticket_id', '>', floor)
      .execute(),
    history: await desk
      .selectFrom('desk_ticket_history')
      .selectAll()
      .where('ticket_id', '>', floor)
      .execute(),
  };
}

function byTicket<T extends { readonly ticket_id: number }>(rows: readonly T[], id: number): T[] {
  return rows.filter((row) => row.ticket_id === id);
}

const sorted = (values: readonly (string | number | null)[]) => values.map(String).sort();

/**
 * What a half-written ticket would show, one line per problem; none when every ticket is whole.
 * Each tool write is one transaction: a ticket with its `created` history row; a note or time
 * entry with its history row and the ticket's version moved by one and `updated_at` set to it.
 */
export function findHalfWritten(written: WrittenTickets): string[] {
  const problems: string[] = [];
  for (const ticket of written.tickets) {
    const t = `ticket ${ticket.id}`;
    const history = byTicket(written.history, ticket.id);
    const notes = byTicket(written.notes, ticket.id);
    const entries = byTicket(written.timeEntries, ticket.id);
    const created = history.filter((row) => row.field === 'created');
    if (created.length !== 1 || !created[0]!.new_value?.endsWith(`: ${ticket.summary}`))
      problems.push(`${t} has ${created.length} creation history rows for "${ticket.summary}"`);
    const noteRows = history.filter((row) => row.field.startsWith('note.'));
    const noteIds = notes.map((note) => note.id);
    if (sorted(noteRows.map((row) => row.new_value)).join() !== sorted(noteIds).join())
      problems.push(
        `${t}: notes [${noteIds.join()}] but note history [${noteRows.map((r) => r.new_value).join()}]`,
      );
    const timeRows = history.filter((row) => row.field === 'time');
    const minutes = entries.map((entry) => entry.minutes);
    if (sorted(timeRows.map((row) => row.new_value)).join() !== sorted(minutes).join())
      problems.push(
        `${t}: time entries [${minutes.join()}] but time history [${timeRows.map((r) => r.new_value).join()}]`,
      );
    const writes = notes.length + entries.length;
    if (ticket.version !== 1 + writes)
      problems.push(`${t} is at version ${ticket.version} after ${writes} notes and time entries`);
    const stamps = [
      ticket.created_at,
      ...notes.map((n) => n.created_at),
      ...entries.map((e) => e.logged_at),
    ];
    if (!stamps.includes(ticket.updated_at))
      problems.push(`${t} was updated at ${ticket.updated_at}, the time of none of its writes`);
    const publicNotes = notes.filter((note) => note.visibility === 'public').length;
    const responded = history.filter((row) => row.field === 'responded_at').length;
    if (
      responded !== Math.min(publicNotes, 1) ||
      (ticket.responded_at !== null) !== publicNotes > 0
    )
      problems.push(`${t} has ${publicNotes} public notes, responded_at ${ticket.responded_at}`);
    const other = history.filter(
      (row) =>
        !['created', 'time', 'responded_at'].includes(row.field) && !row.field.startsWith('note.'),
    );
    if (other.length > 0)
      problems.push(`${t} has unexpected history: ${other.map((r) => r.field).join()}`);
  }
  const ids = new Set(written.tickets.map((ticket) => ticket.id));
  for (const row of [...written.notes, ...written.timeEntries, ...written.history])
    if (!ids.has(row.ticket_id))
      problems.push(`a row points at ticket ${row.ticket_id}, which is missing`);
  return problems;
}

/** Each acknowledged write that is missing or differs from what was acknowledged; none when all are whole. */
export function findLostAcknowledged(written: WrittenTickets, ledger: Ledger): string[] {
  const problems: string[] = [];
  const tickets = new Map(written.tickets.map((row) => [row.id, row]));
  for (const [id, expected] of ledger.tickets) {
    const row = tickets.get(id);
    if (row?.summary !== expected.summary || row.details !== expected.details)
      problems.push(
        `acknowledged ticket ${id} "${expected.summary}" is ${row ? 'changed' : 'missing'}`,
      );
  }
  const notes = new Map(written.notes.map((row) => [row.id, row]));
  for (const [id, expected] of ledger.notes) {
    const row = notes.get(id);
    if (row?.body !== expected.body || row.ticket_id !== expected.ticketId)
      problems.push(
        `acknowledged note ${id} on ticket ${expected.ticketId} is ${row ? 'changed' : 'missing'}`,
      );
  }
  const entries = new Map(written.timeEntries.map((row) => [row.id, row]));
  for (const [id, expected] of ledger.timeEntries) {
    const row = entries.get(id);
    if (row?.minutes !== expected.minutes || row.ticket_id !== expected.ticketId)
      problems.push(
        `acknowledged time entry ${id} (${expected.minutes} min) is ${row ? 'changed' : 'missing'}`,
      );
  }
  return problems;
}

/** How many stored writes were never acknowledged: calls whose answer a kill cut off. */
export function countUnacknowledged(written: WrittenTickets, ledger: Ledger) {
  return {
    tickets: written.tickets.filter((row) => !ledger.tickets.has(row.id)).length,
    notes: written.notes.filter((row) => !ledger.notes.has(row.id)).length,
    timeEntries: written.timeEntries.filter((row) => !ledger.timeEntries.has(row.id)).length,
  };
}
