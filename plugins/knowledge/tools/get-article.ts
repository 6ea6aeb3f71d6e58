import { z } from 'zod';
import { defineTool, ToolError } from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import { articleReferenceSchema, articleSchema } from '../article-schemas.js';

/**
 * `get_article`: one knowledge-base article, whole.
 *
 * @example
 * definePlugin({ id: 'knowledge', requires: ['desk'], setup: (ctx) => ctx.addTool(getArticleTool(desk)) })
 */
export function getArticleTool(desk: DeskStore) {
  return defineTool({
    name: 'get_article',
    title: 'Read a knowledge-base article',
    description:
      'Returns one knowledge-base article in full (Markdown body, category, tags) by its number or slug. ' +
      'Use it after search_knowledge_base to read the steps before suggesting them; to send the article ' +
      'to someone, call search_knowledge_base with emailArticle. End users see published articles only.',
    input: z.object({ article: articleReferenceSchema }),
    output: z.object({ article: articleSchema }),
    scopes: ['kb:read'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: ({ article }) =>
      `# ${article.title}\n(article ${article.id}, ${article.slug}, ${article.category}` +
      `${article.published ? '' : ', draft'})\n\n${article.body}`,
    handler: async ({ input, principal }) => {
      const article = await desk.knowledge.getArticle(principal, input.article);
      if (article === undefined) {
        throw new ToolError(
          `article ${String(input.article)} not found; find articles with search_knowledge_base`,
        );
      }
      return {
        article: {
          id: article.id,
          slug: article.slug,
          title: article.title,
          category: article.category,
          tags: [...article.tags],
          published: article.published,
          createdAt: article.created_at,
          updatedAt: article.updated_at,
          body: article.body,
        },
      };
    },
  });
}
