import { untrustedTextNotice } from '../../core/index.js';
import { z } from 'zod';
import type { TicketStatus } from '../desk/api.js';

/**
 * Every ticket status, in workflow order (the desk's `ticketStatuses`, spelt out for zod).
 *
 * @example
 * z.enum(ticketStatusValues)
 */
export const ticketStatusValues = [
  'new',
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
] as const satisfies readonly TicketStatus[];

// Fails to compile when the desk gains a status this list lacks.
const everyStatusListed: Exclude<TicketStatus, (typeof ticketStatusValues)[number]> extends never
  ? true
  : never = true;
void everyStatusListed;

/**
 * Statuses of work still to do: a queue shows these unless asked otherwise.
 *
 * @example
 * desk.tickets.list(principal, { status: [...unfinishedStatuses] })
 */
export const unfinishedStatuses = ['new', 'open', 'pending', 'on_hold'] as const;

/**
 * A ticket status argument or value.
 *
 * @example
 * z.object({ status: ticketStatusSchema.optional() })
 */
export const ticketStatusSchema = z.enum(ticketStatusValues);

/**
 * A ticket id argument, with the advice a model needs when it passes something else.
 *
 * @example
 * z.object({ ticketId: ticketIdSchema })
 */
export const ticketIdSchema = z
  .number({ error: 'ticketId must be a ticket number such as 1042' })
  .int('ticketId must be a whole ticket number')
  .positive('ticketId must be a ticket number of 1 or more')
  .describe('The ticket number, e.g. 1042 (from search_tickets, get_my_tickets or create_ticket).');

/**
 * A priority argument: 1 (critical) to 4 (low).
 *
 * @example
 * z.object({ priority: prioritySchema.optional() })
 */
export const prioritySchema = z
  .number()
  .int('priority must be a whole number from 1 to 4')
  .min(1, 'priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)')
  .max(4, 'priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)');

/**
 * A desk user as a ticket shows them.
 *
 * @example
 * personSchema.parse({ id: 4, name: 'Ann Agent', email: 'ann@desk.example' })
 */
export const personSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
});

/**
 * Where a ticket stands against its SLA (the desk's `SlaStatus`).
 *
 * @example
 * z.object({ sla: slaSchema })
 */
export const slaSchema = z.object({
  state: z.enum(['ok', 'at_risk', 'breached']),
  minutes_remaining: z.number().int().nullable(),
  response_due_at: z.string().nullable(),
  resolution_due_at: z.string().nullable(),
  response_breached: z.boolean(),
});

/**
 * A ticket in a list. `agent` and `requester` are shown to agents only; end users see `assigned`.
 *
 * @example
 * z.object({ tickets: z.array(ticketCardSchema) })
 */
export const ticketCardSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  summary: z.string().describe(untrustedTextNotice),
  status: ticketStatusSchema,
  priority: z.number().int(),
  category: z.string().nullable(),
  team: z.string().nullable(),
  assigned: z.boolean(),
  agent: personSchema.nullable().optional(),
  requester: personSchema.nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});

/**
 * A ticket in a list, as {@link ticketCardSchema} describes it.
 *
 * @example
 * const cards: TicketCard[] = await Promise.all(tickets.map((t) => toTicketCard(t, view)));
 */
export type TicketCard = z.output<typeof ticketCardSchema>;

/**
 * Custom field values by key.
 *
 * @example
 * z.object({ custom_fields: customFieldValuesSchema })
 */
export const customFieldValuesSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()]),
);
