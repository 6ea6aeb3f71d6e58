import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import type { AnnouncementTables } from '../schema.js';

/** The shape every announcement tool returns. */
export const announcementOutput = z.object({
  id: z.number().int(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(['everyone', 'agents']),
  createdAt: z.string(),
});

/** `get_announcement`: one announcement by id (a primary-key read). */
export const getAnnouncementTool = defineTool({
  name: 'get_announcement',
  title: 'Get an announcement',
  description:
    'Returns one service-desk announcement by its id, with title, body, audience and date. Find ids with list_announcements.',
  input: z.object({ id: z.number().int().positive().describe('The announcement id, e.g. 1') }),
  output: announcementOutput,
  scopes: ['announcements:read'],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  summarize: (a) => `#${a.id} ${a.title} (${a.audience}, ${a.createdAt})\n${a.body}`,
  handler: async ({ input, db, principal }) => {
    let query = db
      .withTables<AnnouncementTables>()
      .selectFrom('example_announcements')
      .selectAll()
      .where('id', '=', input.id);
    if (principal.role === 'end_user') query = query.where('audience', '=', 'everyone');
    const row = await query.executeTakeFirst();
    if (!row)
      throw new ToolError(
        `announcement ${input.id} does not exist; call list_announcements to see the ids`,
      );
    return {
      id: row.id,
      title: row.title,
      body: row.body,
      audience: row.audience,
      createdAt: row.created_at,
    };
  },
});
