import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef } from '../desk/api.js';
import { getArticleTool } from './tools/get-article.js';
import { searchKnowledgeBaseTool } from './tools/search-knowledge-base.js';
import { searchServiceCatalogueTool } from './tools/search-service-catalogue.js';

/** Options of {@link knowledgePlugin} (none yet; kept so every plugin is called the same way). */
export type KnowledgePluginOptions = Record<string, never>;

/**
 * The knowledge-base and service-catalogue tools (DESIGN §7): `search_knowledge_base` (which can
 * also e-mail an article), `get_article` and `search_service_catalogue`, on the desk store.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), knowledgePlugin()],
 *   collections: [defineCollection({ id: 'user', title: 'User Functions', plugins: ['knowledge'],
 *     grant: ['kb:read', 'catalogue:read'], roles: ['end_user'] })],
 * })
 */
export function knowledgePlugin(_options: KnowledgePluginOptions = {}): PluginDefinition {
  return definePlugin({
    id: 'knowledge',
    version: '0.1.0',
    description: 'Knowledge-base and service-catalogue tools.',
    requires: ['desk'],
    setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      ctx.addTool(searchKnowledgeBaseTool(desk));
      ctx.addTool(getArticleTool(desk));
      ctx.addTool(searchServiceCatalogueTool(desk));
    },
  });
}
