import { z } from 'zod';
import { untrustedTextNotice } from '../../core/index.js';

const person = z.object({ id: z.number().int(), name: z.string(), email: z.string() });

/**
 * What a ticket-type tool returns: the ticket it logged.
 *
 * @example
 * defineTool({ ..., output: loggedTicketSchema })
 */
export const loggedTicketSchema = z.object({
  id: z.number().int().describe('The ticket number.'),
  reference: z.string().describe('The ticket as people quote it, e.g. #1042.'),
  summary: z.string().describe(untrustedTextNotice),
  type: z.string().describe('The ticket type key.'),
  catalogue_item: z.string().nullable().describe('The catalogue item it was requested from.'),
  status: z.string(),
  priority: z.number().int(),
  team: z.string().nullable().describe('The team key.'),
  agent: person.nullable(),
  organisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  custom_fields: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .describe("The type's own fields, defaults filled in."),
  response_due_at: z.string().nullable(),
  resolution_due_at: z.string().nullable(),
});

/**
 * A ticket-type tool's result.
 *
 * @example
 * const reference: LoggedTicket['reference'] = '#1042';
 */
export type LoggedTicket = z.output<typeof loggedTicketSchema>;

/**
 * The short text sent beside the structured result.
 *
 * @example
 * summarizeLoggedTicket(ticket) // 'Logged #1042 (opportunity, P4) for team service-desk, ...'
 */
export function summarizeLoggedTicket(ticket: LoggedTicket): string {
  const about = ticket.organisation === null ? '' : ` about ${ticket.organisation.name}`;
  const agent = ticket.agent === null ? 'unassigned' : `assigned to ${ticket.agent.name}`;
  return (
    `Logged ${ticket.reference} (${ticket.type}, P${ticket.priority})${about} for team ` +
    `${ticket.team ?? 'none'}, ${agent}: ${ticket.summary}`
  );
}
