import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import type { DeskStore, DeskTables } from '../../../plugins/desk/api.js';
import { shiftAt } from '../on-call-shift.js';
import type { OnCallTables } from '../schema.js';

/**
 * `page_on_call`: pages the on-call engineer of a ticket's team and notes it privately on the
 * ticket. The page row and the note are written in one desk transaction: both or neither.
 *
 * @example
 * ctx.addTool(pageOnCallTool(ctx.services.get(deskStoreRef)));
 */
export function pageOnCallTool(desk: DeskStore) {
  return defineTool({
    name: 'page_on_call',
    title: 'Page the on-call engineer',
    description:
      "Pages the on-call engineer of a ticket's team (or of the team you name) with a message, and " +
      'adds a private note on the ticket saying who was paged. Use get_on_call to see who it will be.',
    input: z.object({
      ticketId: z.number().int().positive().describe('The ticket number'),
      message: z.string().trim().min(1).max(500).describe('What the engineer must know'),
      team: z
        .string()
        .trim()
        .min(1)
        .max(64)
        .optional()
        .describe("A desk team key; the ticket's own team when left out"),
    }),
    output: z.object({
      pageId: z.number().int(),
      ticketId: z.number().int(),
      team: z.string(),
      engineer: z.string().describe("The paged engineer's e-mail"),
      noteId: z.number().int().describe('The private note recording the page'),
    }),
    scopes: ['oncall:page:all', 'tickets:write:all'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    },
    summarize: (page) =>
      `Paged ${page.engineer} (on call for ${page.team}) about ticket #${page.ticketId}; noted privately on the ticket.`,
    handler: async ({ input, principal, db }) => {
      const detail = await desk.tickets.get(principal, input.ticketId);
      if (!detail) {
        throw new ToolError(
          `ticket ${input.ticketId} was not found; check the number with search_tickets`,
        );
      }
      const teamId = detail.ticket.team_id;
      const team =
        input.team ??
        (teamId === null
          ? undefined
          : (
              await db
                .withTables<DeskTables>()
                .selectFrom('desk_teams')
                .select('key')
                .where('id', '=', teamId)
                .executeTakeFirst()
            )?.key);
      if (team === undefined) {
        throw new ToolError(`ticket ${input.ticketId} has no team; give team, e.g. "network"`);
      }
      const now = new Date().toISOString();
      const shift = await shiftAt(db.withTables<OnCallTables>(), { team, at: now });
      if (!shift) {
        throw new ToolError(`nobody is on call for team "${team}" now; page someone another way`);
      }
      return desk.transaction(async (tx) => {
        const page = await tx.db
          .withTables<OnCallTables>()
          .insertInto('oncall_pages')
          .values({
            ticket_id: input.ticketId,
            team_key: team,
            engineer: shift.engineer,
            paged_by: principal.userId,
            message: input.message,
            paged_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const note = await tx.desk.tickets.addNote(principal, {
          ticketId: input.ticketId,
          body: `Paged ${shift.engineer} (on call for ${team}): ${input.message}`,
          visibility: 'private',
        });
        return {
          pageId: page.id,
          ticketId: input.ticketId,
          team,
          engineer: shift.engineer,
          noteId: note.id,
        };
      });
    },
  });
}
