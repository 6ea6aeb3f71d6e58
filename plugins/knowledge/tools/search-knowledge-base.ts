import { z } from 'zod';
import { defineTool, ToolError, type Principal } from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import { articleHitSchema, articleReferenceSchema, queuedEmailSchema } from '../article-schemas.js';

const emailRequestSchema = z
  .object({
    article: articleReferenceSchema
      .optional()
      .describe('The article to send; the best match of this search when left out'),
    to: z
      .email()
      .optional()
      .describe(
        "A desk user's e-mail address; the ticket's requester when ticketId is given, else you",
      ),
    ticketId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("The ticket the article answers: the e-mail is noted in the ticket's history"),
    message: z.string().max(2000).optional().describe('A short line of your own above the article'),
  })
  .describe('Also e-mail an article (through the desk outbox) to a desk user');

type EmailRequest = z.infer<typeof emailRequestSchema>;

async function emailArticle(
  desk: DeskStore,
  principal: Principal,
  request: { readonly email: EmailRequest; readonly best: number | undefined },
) {
  const article = request.email.article ?? request.best;
  if (article === undefined) {
    throw new ToolError(
      'no article matched, so none was e-mailed; search again or give emailArticle.article',
    );
  }
  const queued = await desk.knowledge.emailArticle(principal, {
    article,
    provenance: 'ai',
    ...(request.email.to !== undefined && { to: request.email.to }),
    ...(request.email.ticketId !== undefined && { ticketId: request.email.ticketId }),
    ...(request.email.message !== undefined && { message: request.email.message }),
  });
  const sent = await desk.knowledge.getArticle(principal, article);
  return {
    outboxId: queued.id,
    articleId: sent?.id ?? 0,
    to: queued.to_email,
    subject: queued.subject,
    ticketId: queued.ticket_id,
    status: queued.status,
  };
}

/**
 * `search_knowledge_base`: ranked articles with a snippet and score; optionally e-mails one.
 *
 * @example
 * definePlugin({ id: 'knowledge', requires: ['desk'], setup: (ctx) => ctx.addTool(searchKnowledgeBaseTool(desk)) })
 */
export function searchKnowledgeBaseTool(desk: DeskStore) {
  return defineTool({
    name: 'search_knowledge_base',
    title: 'Search the knowledge base',
    description:
      'Finds knowledge-base articles (how-tos and fixes for common IT problems: VPN, Wi-Fi, passwords, MFA, ' +
      'Outlook, printers, laptops…) for a question or a ticket, best match first, each with a relevance score ' +
      'and a snippet. Use plain words from the problem ("vpn drops every few minutes"). Read one whole with ' +
      'get_article. To send an article to the person who asked, pass emailArticle (the best match by ' +
      'default, to the ticket requester or to you); the e-mail is queued in the desk outbox.',
    input: z.object({
      query: z.string().trim().min(1).max(1000).describe('What to look for, in plain words'),
      category: z
        .string()
        .max(100)
        .optional()
        .describe('Only articles of this category, e.g. Network'),
      tags: z
        .array(z.string().max(100))
        .max(10)
        .optional()
        .describe('Only articles with every tag'),
      match: z
        .enum(['all', 'any'])
        .optional()
        .describe(
          'all: every word must occur; any: one is enough. Left out, every word first, then any word ' +
            'when that finds nothing',
        ),
      limit: z.number().int().min(1).max(20).default(5).describe('Articles to return, 1–20'),
      offset: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe("The previous page's nextOffset (pass its match too)"),
      emailArticle: emailRequestSchema.optional(),
    }),
    output: z.object({
      articles: z.array(articleHitSchema),
      match: z.enum(['all', 'any']).describe('How the words were matched'),
      nextOffset: z.number().int().nullable().describe('Pass as offset for more; null when done'),
      emailed: queuedEmailSchema.optional(),
    }),
    scopes: ['kb:read'],
    annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
    summarize: (out) => {
      const lines = out.articles.map(
        (a, i) =>
          `${i + 1}. ${a.title} (article ${a.id}, ${a.slug}; score ${a.score.toFixed(2)})\n   ${a.snippet}`,
      );
      if (lines.length === 0) lines.push('No article matched; try other or fewer words.');
      if (out.emailed !== undefined) {
        lines.push(
          `E-mailed article ${out.emailed.articleId} to ${out.emailed.to}: "${out.emailed.subject}"`,
        );
      }
      return lines.join('\n');
    },
    handler: async ({ input, principal }) => {
      const search = (match: 'all' | 'any') =>
        desk.search.searchArticles(principal, {
          text: input.query,
          match,
          limit: input.limit,
          offset: input.offset,
          ...(input.category !== undefined && { category: input.category }),
          ...(input.tags !== undefined && { tags: input.tags }),
        });
      let match = input.match ?? 'all';
      let page = await search(match);
      // Every word first; when that finds nothing, any word, ranked by how many match.
      if (input.match === undefined && page.hits.length === 0 && input.offset === 0) {
        match = 'any';
        page = await search(match);
      }
      const articles = page.hits.map((hit) => ({
        id: hit.row.id,
        slug: hit.row.slug,
        title: hit.row.title,
        category: hit.row.category,
        tags: [...hit.row.tags],
        published: hit.row.published === 1,
        updatedAt: hit.row.updated_at,
        score: hit.score,
        snippet: hit.snippet,
      }));
      const emailed =
        input.emailArticle === undefined
          ? undefined
          : await emailArticle(desk, principal, {
              email: input.emailArticle,
              best: articles[0]?.id,
            });
      return {
        articles,
        match,
        nextOffset: page.nextOffset,
        ...(emailed !== undefined && { emailed }),
      };
    },
  });
}
