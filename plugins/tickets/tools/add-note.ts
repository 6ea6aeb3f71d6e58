import { z } from 'zod';
import { untrustedText, defineTool, untrustedTextNotice } from '../../../core/index.js';
import type { TicketToolDeps } from '../ticket-deps.js';
import { ticketIdSchema } from '../ticket-schemas.js';

/**
 * `add_note`: adds a public or private note to a ticket.
 *
 * @example
 * ctx.addTool(addNoteTool(deps));
 */
export function addNoteTool(deps: TicketToolDeps) {
  return defineTool({
    name: 'add_note',
    title: 'Add a note to a ticket',
    description:
      "Adds a note to a ticket. public notes are shown to the requester (an agent's first public note " +
      'counts as the first response); private notes are seen by agents only and are for agents to ' +
      'add. End users may add public notes to their own tickets, e.g. to answer a question; that hands ' +
      'a ticket waiting on them, or a resolved one, back to the desk. A closed ticket takes no more ' +
      'notes (raise a new ticket instead). The note is marked as written by an assistant. ' +
      'Returns the note; get_ticket shows it in place.' +
      ` ${untrustedTextNotice}`,
    input: z.object({
      ticketId: ticketIdSchema,
      body: z
        .string()
        .trim()
        .min(1, 'body must not be blank; write the note text')
        .max(10_000, 'body must be at most 10,000 characters')
        .describe('The note text.'),
      visibility: z
        .enum(['public', 'private'])
        .optional()
        .describe('public (default): the requester sees it; private: agents only.'),
    }),
    output: z.object({
      note: z.object({
        id: z.number().int(),
        ticket_id: z.number().int(),
        visibility: z.enum(['public', 'private']),
        body: z.string(),
        created_at: z.string(),
        written_by_ai: z.boolean(),
      }),
    }),
    scopes: ['tickets:write:own'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    summarize: ({ note }) =>
      `Added a ${note.visibility} note (#${note.id}) to ticket #${note.ticket_id}.`,
    handler: async ({ input, principal }) => {
      const note = await deps.desk.tickets.addNote(principal, {
        ticketId: input.ticketId,
        body: input.body,
        visibility: input.visibility ?? 'public',
        provenance: 'ai',
      });
      return {
        note: {
          id: note.id,
          ticket_id: note.ticket_id,
          visibility: note.visibility,
          body: untrustedText(`ticket ${note.ticket_id} note ${note.id}`, note.body),
          created_at: note.created_at,
          written_by_ai: note.provenance === 'ai',
        },
      };
    },
  });
}
