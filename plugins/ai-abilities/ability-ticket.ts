import { ToolError, type Principal } from '../../core/index.js';
import type { DeskStore, NoteRow, TicketDetail } from '../desk/api.js';
import { withinAbilityReach } from './ability-reach.js';

/**
 * A ticket as an ability sees it: the fields a prompt may name, and `block`, the whole ticket as
 * text between `<ticket>` markers (shortened to fit, see {@link ticketTextLimits}).
 *
 * @example
 * render: (ticket) => `Summarise ticket ${ticket.id}:\n${ticket.block}`
 */
export interface AbilityTicket {
  readonly id: number;
  readonly summary: string;
  readonly details: string;
  readonly type: string;
  readonly status: string;
  readonly priority: number;
  readonly organisation: string | null;
  /** The ticket and its notes as delimited text: what the model reads. */
  readonly block: string;
  /** True when details or notes were shortened to fit. */
  readonly shortened: boolean;
}

/**
 * How much of a ticket reaches the model, in characters: long details are cut, and the oldest
 * notes are left out first, since the newest say where the ticket stands.
 *
 * @example
 * if (detail.length > ticketTextLimits.details) ...
 */
export const ticketTextLimits = Object.freeze({ details: 8_000, note: 3_000, notes: 20_000 });

// A ticket may contain the marker itself; a look-alike keeps it from closing the data block early.
function neutralise(text: string): string {
  return text.replace(/<(\/?)ticket/gi, '‹$1ticket');
}

function cut(text: string, limit: number): { text: string; cut: boolean } {
  if (text.length <= limit) return { text, cut: false };
  return { text: `${text.slice(0, limit)} […${text.length - limit} characters cut]`, cut: true };
}

async function authorNames(
  desk: DeskStore,
  principal: Principal,
  notes: readonly NoteRow[],
): Promise<Map<number, string>> {
  const ids = [...new Set(notes.map((note) => note.author_id))];
  const users = await Promise.all(ids.map((id) => desk.directory.getUserById(principal, id)));
  return new Map(ids.map((id, i) => [id, users[i]?.name ?? 'the service desk']));
}

async function noteLines(
  desk: DeskStore,
  principal: Principal,
  notes: readonly NoteRow[],
): Promise<{ lines: string[]; shortened: boolean }> {
  const names = await authorNames(desk, principal, notes);
  const kept: string[] = [];
  let used = 0;
  let shortened = false;
  // Newest first until the budget runs out; shown oldest first.
  for (const note of [...notes].reverse()) {
    const body = cut(note.body, ticketTextLimits.note);
    const ai = note.provenance === 'ai' ? ', written by an AI assistant' : '';
    const line = `- ${note.created_at} ${names.get(note.author_id) ?? 'someone'} (${note.visibility}${ai}): ${body.text}`;
    if (used + line.length > ticketTextLimits.notes) {
      kept.unshift(`[${notes.length - kept.length} older notes left out to fit]`);
      return { lines: kept, shortened: true };
    }
    shortened ||= body.cut;
    used += line.length;
    kept.unshift(line);
  }
  return { lines: kept, shortened };
}

async function nameOf(desk: DeskStore, principal: Principal, detail: TicketDetail) {
  const [types, organisations] = await Promise.all([
    desk.catalogue.listTicketTypes(principal),
    desk.directory.listOrganisations(principal),
  ]);
  const ticket = detail.ticket;
  return {
    type: types.find((t) => t.id === ticket.type_id)?.name ?? `type ${ticket.type_id}`,
    organisation: organisations.find((o) => o.id === ticket.organisation_id)?.name ?? null,
  };
}

/**
 * Reads ticket `id` through the desk store as `principal` (row scope and the caller's `ai:run:*`
 * extent apply: a ticket out of reach is "not found", like one that does not exist) and turns it into prompt text. End users
 * get public notes only, agents public and private ones — the store's rule.
 *
 * @example
 * const ticket = await loadAbilityTicket(desk, ctx.principal, 42);
 */
export async function loadAbilityTicket(
  desk: DeskStore,
  principal: Principal,
  id: number,
): Promise<AbilityTicket> {
  const detail = await desk.tickets.get(principal, id);
  if (detail === undefined || !(await withinAbilityReach(desk, principal, detail.ticket))) {
    throw new ToolError(`ticket ${id} not found; check the number, e.g. with search_tickets`);
  }
  const { ticket } = detail;
  const [names, notes] = await Promise.all([
    nameOf(desk, principal, detail),
    noteLines(desk, principal, detail.notes),
  ]);
  const details = cut(ticket.details, ticketTextLimits.details);
  const shortened = details.cut || notes.shortened;
  const lines = [
    `Ticket #${ticket.id}: ${ticket.summary}`,
    `Type: ${names.type}; status: ${ticket.status}; priority: P${ticket.priority}; ` +
      `organisation: ${names.organisation ?? 'none'}; opened ${ticket.created_at}`,
    `Details:\n${details.text}`,
    notes.lines.length === 0 ? 'Notes: none' : `Notes, oldest first:\n${notes.lines.join('\n')}`,
  ];
  const block = `<ticket>\n${neutralise(lines.join('\n\n'))}\n</ticket>`;
  return Object.freeze({
    id: ticket.id,
    summary: ticket.summary,
    details: ticket.details,
    type: names.type,
    status: ticket.status,
    priority: ticket.priority,
    organisation: names.organisation,
    block: shortened
      ? `${block}\n(The ticket was shortened to fit: long text was cut and the oldest notes may be left out.)`
      : block,
    shortened,
  });
}
