import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { ticketIdSchema } from '../ticket-schemas.js';

/** The most one entry may hold: a working day and night. More is a typo, not work. */
const maxMinutes = 1440;

/**
 * `log_time`: records minutes worked on a ticket.
 *
 * @example
 * ctx.addTool(logTimeTool(deps));
 */
export function logTimeTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'log_time',
    title: 'Log time on a ticket',
    description:
      'Records time you worked on a ticket, in whole minutes (1 to 1440 per entry; convert hours, ' +
      'e.g. 1.5 h is 90), with an optional note of what was done. Recorded in the ticket history. ' +
      'Returns the entry and the total time now logged on the ticket.',
    input: z.object({
      ticketId: ticketIdSchema,
      minutes: z
        .number({ error: 'minutes must be a number of minutes from 1 to 1440' })
        .int('minutes must be a whole number of minutes from 1 to 1440')
        .min(1, 'minutes must be at least 1 (allowed: 1 to 1440)')
        .max(
          maxMinutes,
          'minutes must be at most 1440, one day (allowed: 1 to 1440); log longer work as separate entries',
        )
        .describe('Whole minutes worked, 1–1440.'),
      note: z
        .string()
        .max(2000, 'note must be at most 2,000 characters')
        .optional()
        .describe('What was done.'),
    }),
    output: z.object({
      entry: z.object({
        id: z.number().int(),
        ticket_id: z.number().int(),
        minutes: z.number().int(),
        note: z.string(),
        logged_at: z.string(),
      }),
      total_minutes: z
        .number()
        .int()
        .describe('All time logged on the ticket, this entry included.'),
    }),
    scopes: ['time:write', 'tickets:write:own'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: ({ entry, total_minutes }) =>
      `Logged ${entry.minutes} min on ticket #${entry.ticket_id}; ${total_minutes} min in total.`,
    handler: async ({ input, principal }) => {
      const entry = await deps.desk.tickets.logTime(principal, {
        ticketId: input.ticketId,
        minutes: input.minutes,
        ...(input.note !== undefined && { note: input.note }),
        provenance: 'ai',
      });
      const detail = await deps.desk.tickets.get(principal, input.ticketId);
      return {
        entry: {
          id: entry.id,
          ticket_id: entry.ticket_id,
          minutes: entry.minutes,
          note: entry.note,
          logged_at: entry.logged_at,
        },
        total_minutes: detail?.minutes_logged ?? entry.minutes,
      };
    },
  });
}
