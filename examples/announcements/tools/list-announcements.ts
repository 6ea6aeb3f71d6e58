import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import type { AnnouncementTables } from '../schema.js';
import { announcementOutput } from './get-announcement.js';

/** `list_announcements`: the newest announcements the caller may see. */
export const listAnnouncementsTool = defineTool({
  name: 'list_announcements',
  title: 'List announcements',
  description:
    'Lists the newest service-desk announcements (outages, maintenance, warnings) you may see. Call get_announcement for one in full.',
  input: z.object({
    limit: z.number().int().min(1).max(50).default(10).describe('How many to return, 1–50'),
  }),
  output: z.object({ announcements: z.array(announcementOutput) }),
  scopes: ['announcements:read'],
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  summarize: (out) =>
    out.announcements.map((a) => `#${a.id} ${a.title}`).join('\n') || 'No announcements.',
  handler: async ({ input, db, principal }) => {
    let query = db.withTables<AnnouncementTables>().selectFrom('example_announcements').selectAll();
    if (principal.role === 'end_user') query = query.where('audience', '=', 'everyone');
    const rows = await query.orderBy('id', 'desc').limit(input.limit).execute();
    return {
      announcements: rows.map((r) => ({
        id: r.id,
        title: r.title,
        body: r.body,
        audience: r.audience,
        createdAt: r.created_at,
      })),
    };
  },
});
