import { defineCollection, defineConfig } from '../../../core/index.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { knowledgePlugin } from '../../../plugins/knowledge/index.js';
import { peoplePlugin } from '../../../plugins/people/index.js';
import { ticketsPlugin } from '../../../plugins/tickets/index.js';

/**
 * The config both server processes of `two-processes.test.ts` run: a small demo desk, one
 * collection, the built-in authorization server and no development tokens. The database, port
 * and public URL come from DATABASE_URL, PORT and PUBLIC_URL.
 */
export default defineConfig({
  name: 'two-processes fixture',
  plugins: [
    deskPlugin({ demoData: 'if-empty', demoTickets: 20 }),
    ticketsPlugin(),
    knowledgePlugin(),
    peoplePlugin(),
  ],
  collections: [
    defineCollection({
      id: 'user',
      title: 'User Functions',
      plugins: ['tickets', 'knowledge', 'people'],
      tools: ['get_my_tickets', 'create_ticket', 'search_knowledge_base', 'get_user_info'],
      grant: ['tickets:read:own', 'tickets:write:own', 'kb:read', 'users:read:own'],
      roles: ['end_user'],
    }),
  ],
  auth: { builtIn: {} },
});
