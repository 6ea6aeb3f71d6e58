import { z } from 'zod';
import {
  untrustedText,
  untrustedTextNotice,
  defineTool,
  type AnyToolDefinition,
} from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import {
  findSimilarTickets,
  finishedStatuses,
  resolutionNotes,
  teamLabels,
  ticketQuery,
  unfinishedStatuses,
} from './similar-tickets.js';
import { requireTicket, ticketIdInput } from './ticket-id.js';

const similarTicketOutput = z.object({
  id: z.number(),
  summary: z.string().describe(untrustedTextNotice),
  status: z.string(),
  priority: z.number(),
  category: z.string().nullable(),
  team: z.object({ key: z.string(), name: z.string() }).nullable(),
  score: z.number().describe('Search relevance; higher is more similar'),
  similarity: z.number().describe('Score relative to the best match, 0–1'),
  resolution: z
    .string()
    .nullable()
    .describe(
      `How it was resolved (its last public note); null while unresolved. ${untrustedTextNotice}`,
    ),
});

const articleOutput = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  category: z.string(),
  score: z.number(),
  similarity: z.number(),
  snippet: z.string().describe('An excerpt with the matching words in **bold**'),
});

const output = z.object({
  ticketId: z.number(),
  matchedWords: z.array(z.string()),
  tickets: z.array(similarTicketOutput),
  articles: z.array(articleOutput),
});

type Output = z.output<typeof output>;

const relative = (score: number, best: number) =>
  best > 0 ? Math.round((score / best) * 1000) / 1000 : 0;

function summarize(out: Output): string {
  const lines = [`Matches for ticket ${out.ticketId}:`];
  if (out.tickets.length === 0) lines.push('No similar past tickets.');
  for (const t of out.tickets) {
    const resolution = t.resolution === null ? '' : ` — resolved: ${t.resolution}`;
    lines.push(
      `- #${t.id} [${t.status}, ${Math.round(t.similarity * 100)}%] ${t.summary}${resolution}`,
    );
  }
  if (out.articles.length === 0) lines.push('No matching knowledge-base articles.');
  for (const a of out.articles) {
    lines.push(`- KB ${a.slug} [${Math.round(a.similarity * 100)}%] ${a.title}: ${a.snippet}`);
  }
  return lines.join('\n');
}

/**
 * `get_matching_articles_and_tickets`: for one ticket, the most similar past tickets (resolved
 * ones first, each with how it was resolved) and the most relevant knowledge-base articles.
 *
 * @example
 * ctx.addTool(matchingTool(desk));
 */
export function matchingTool(desk: DeskStore): AnyToolDefinition {
  return defineTool({
    name: 'get_matching_articles_and_tickets',
    title: 'Find similar past tickets and matching articles',
    description:
      'For one ticket, finds the most similar past tickets and the most relevant knowledge-base articles, ' +
      'by full-text similarity to the ticket summary and details. Resolved and closed tickets come first, ' +
      'each with how it was resolved; unresolved ones fill up the list when there are too few. Each match has a ' +
      'score and a 0–1 similarity relative to the best match. Use it to suggest a fix or an article to the user, ' +
      'or before apply_ai_suggestions to see the evidence; open an article with get_article. ' +
      untrustedTextNotice,
    input: z.object({
      ticketId: ticketIdInput,
      maxTickets: z
        .number()
        .int('maxTickets must be a whole number')
        .min(1, 'maxTickets must be at least 1')
        .max(20, 'maxTickets must be at most 20')
        .default(5)
        .describe('How many similar tickets to return, 1–20 (5)'),
      maxArticles: z
        .number()
        .int('maxArticles must be a whole number')
        .min(0, 'maxArticles must be 0 or more')
        .max(10, 'maxArticles must be at most 10')
        .default(3)
        .describe('How many articles to return, 0–10 (3)'),
    }),
    output,
    scopes: ['tickets:read:all', 'kb:read'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize,
    handler: async ({ input, principal }) => {
      const { ticket } = await requireTicket(desk, principal, input.ticketId);
      const teams = await teamLabels(desk, principal);
      const finished = await findSimilarTickets(desk, principal, {
        ticket,
        statuses: finishedStatuses,
        limit: input.maxTickets,
        teams,
      });
      const rest = await findSimilarTickets(desk, principal, {
        ticket,
        statuses: unfinishedStatuses,
        limit: input.maxTickets - finished.length,
        teams,
      });
      const notes = await resolutionNotes(
        desk,
        principal,
        finished.map((t) => t.id),
      );
      const words = ticketQuery(ticket);
      const articles =
        input.maxArticles === 0 || words.length === 0
          ? []
          : (
              await desk.search.searchArticles(principal, {
                text: words.join(' '),
                match: 'any',
                limit: input.maxArticles,
              })
            ).hits;
      // Scores of the two ticket searches share one scale (same engine, same words).
      const bestTicket = Math.max(0, ...finished.map((t) => t.score), ...rest.map((t) => t.score));
      const bestArticle = Math.max(0, ...articles.map((a) => a.score));
      return {
        ticketId: ticket.id,
        matchedWords: words,
        tickets: [...finished, ...rest].map((t) => {
          const resolution = notes.get(t.id) ?? null;
          return {
            ...t,
            summary: untrustedText(`ticket ${t.id} summary`, t.summary),
            similarity: relative(t.score, bestTicket),
            resolution:
              resolution === null ? null : untrustedText(`ticket ${t.id} resolution`, resolution),
          };
        }),
        articles: articles.map(({ row, score, snippet }) => ({
          id: row.id,
          slug: row.slug,
          title: row.title,
          category: row.category,
          score,
          similarity: relative(score, bestArticle),
          snippet,
        })),
      };
    },
  });
}
