import { z } from 'zod';
import { defineTool } from '../../../core/index.js';
import type { AnnouncementTables } from '../schema.js';
import { announcementOutput } from './get-announcement.js';

/** `post_announcement`: publishes an announcement (agents only). */
export const postAnnouncementTool = defineTool({
  name: 'post_announcement',
  title: 'Post an announcement',
  description:
    'Publishes a service-desk announcement to everyone or to agents only. Returns the stored announcement with its id.',
  input: z.object({
    title: z.string().min(3).max(120).describe('A short headline'),
    body: z.string().min(1).max(4000).describe('The full text'),
    audience: z.enum(['everyone', 'agents']).default('everyone'),
  }),
  output: announcementOutput,
  scopes: ['announcements:write:all'],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  summarize: (a) => `Posted #${a.id} "${a.title}" to ${a.audience}.`,
  handler: async ({ input, db, principal, progress }) => {
    await progress(0, 1, 'saving');
    const createdAt = new Date().toISOString();
    const row = await db
      .withTables<AnnouncementTables>()
      .insertInto('example_announcements')
      .values({
        title: input.title,
        body: input.body,
        audience: input.audience,
        author_id: principal.userId,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await progress(1, 1, 'saved');
    return {
      id: row.id,
      title: input.title,
      body: input.body,
      audience: input.audience,
      createdAt,
    };
  },
});
