import { z } from 'zod';
import { untrustedText, untrustedTextNotice, type Principal } from '../../core/index.js';
import type { NoteRow, TicketDetail, TicketHistoryRow } from '../desk/api.js';
import { toTicketCard } from './ticket-card.js';
import { isStaff, type TicketNames } from './ticket-names.js';
import {
  customFieldValuesSchema,
  personSchema,
  slaSchema,
  ticketCardSchema,
} from './ticket-schemas.js';

const noteSchema = z.object({
  id: z.number().int(),
  author: z.string(),
  visibility: z.enum(['public', 'private']),
  body: z.string().describe(untrustedTextNotice),
  created_at: z.string(),
  written_by_ai: z.boolean(),
  // Agents only: who exactly, and through which endpoint and app an assistant wrote it.
  author_id: z.number().int().optional(),
  ai_collection: z.string().nullable().optional(),
  ai_client: z.string().nullable().optional(),
});

const historySchema = z.object({
  at: z.string(),
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  // Agents only: the actor and the provenance of the change (person, AI via collection/client).
  actor_id: z.number().int().nullable().optional(),
  provenance: z.enum(['human', 'ai', 'system']).optional(),
  collection: z.string().nullable().optional(),
  client: z.string().nullable().optional(),
  principal: z.string().nullable().optional().describe('Who called: a user id or service account'),
  correlation_id: z
    .string()
    .nullable()
    .optional()
    .describe('The tool call that made the change: its audit row (servicedesk-mcp audit --json)'),
});

/**
 * A whole ticket as `get_ticket` returns it. Requesters get the reduced view: public notes only
 * (the store's filter), no time logged, and no actor, provenance or endpoint details.
 *
 * @example
 * z.object({ ticket: ticketDetailSchema })
 */
export const ticketDetailSchema = ticketCardSchema.extend({
  details: z.string().describe(untrustedTextNotice),
  custom_fields: customFieldValuesSchema,
  requester: personSchema.nullable().optional(),
  organisation: z
    .string()
    .nullable()
    .describe('The organisation the ticket is about (the customer), or null'),
  version: z.number().int(),
  sla: slaSchema,
  minutes_logged: z.number().int().optional(),
  notes: z.array(noteSchema),
  history: z.array(historySchema),
});

/**
 * A ticket as {@link ticketDetailSchema} describes it.
 *
 * @example
 * const view: TicketDetailView = await toTicketDetailView(detail, { names, principal });
 */
export type TicketDetailView = z.output<typeof ticketDetailSchema>;

async function noteView(note: NoteRow, view: { names: TicketNames; staff: boolean }) {
  const author = await view.names.person(note.author_id);
  const shown = {
    id: note.id,
    author: author?.name ?? 'the service desk',
    visibility: note.visibility,
    body: untrustedText(`ticket ${note.ticket_id} note ${note.id}`, note.body),
    created_at: note.created_at,
    written_by_ai: note.provenance === 'ai',
  };
  if (!view.staff) return shown;
  return {
    ...shown,
    author_id: note.author_id,
    ai_collection: note.ai_collection,
    ai_client: note.ai_client,
  };
}

// History fields whose values are codes, numbers, times or short labels, shown as the ticket
// shows them (category is a label, unfenced like the card's). Every other field (created,
// summary, details, email, custom fields, any new one) may carry people's text, so its values
// are fenced like the fields themselves.
const codeFields: ReadonlySet<string> = new Set([
  'status',
  'category',
  'priority',
  'team_id',
  'agent_id',
  'organisation_id',
  'requester_id',
  'type_id',
  'catalogue_item',
  'quick_action',
  'responded_at',
  'time',
  'note.public',
  'note.private',
]);

function historyValue(row: TicketHistoryRow, value: string | null, which: string) {
  if (value === null || codeFields.has(row.field)) return value;
  return untrustedText(`ticket ${row.ticket_id} ${row.field} ${which}`, value);
}

function historyView(row: TicketHistoryRow, staff: boolean) {
  const shown = {
    at: row.at,
    field: row.field,
    from: historyValue(row, row.old_value, 'before'),
    to: historyValue(row, row.new_value, 'after'),
  };
  if (!staff) return shown;
  return {
    ...shown,
    actor_id: row.actor_id,
    provenance: row.provenance,
    collection: row.collection,
    client: row.client,
    principal: row.principal,
    correlation_id: row.correlation_id,
  };
}

/**
 * Shapes a store {@link TicketDetail} for the caller: the full view for agents, the reduced one
 * for requesters.
 *
 * @example
 * const view = await toTicketDetailView(detail, { names, principal });
 */
export async function toTicketDetailView(
  detail: TicketDetail,
  view: { readonly names: TicketNames; readonly principal: Principal },
): Promise<TicketDetailView> {
  const staff = isStaff(view.principal);
  const { ticket } = detail;
  const card = await toTicketCard(ticket, view);
  const notes = await Promise.all(
    detail.notes.map((note) => noteView(note, { names: view.names, staff })),
  );
  return {
    ...card,
    details: untrustedText(`ticket ${ticket.id} details`, ticket.details),
    organisation: await view.names.organisation(ticket.organisation_id),
    custom_fields: { ...ticket.custom_fields },
    version: ticket.version,
    sla: { ...detail.sla },
    ...(staff && { minutes_logged: detail.minutes_logged }),
    notes,
    history: detail.history.map((row) => historyView(row, staff)),
  };
}
