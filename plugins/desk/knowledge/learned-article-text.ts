import { sql, type Kysely } from 'kysely';
import type { DeskTables, TicketStatus } from '../schema/tables.js';
import { articleMentions } from './article-mentions.js';

/**
 * How many resolved tickets an article learns from: the newest this many that mention it. The
 * words people use for a problem repeat, so fifty tickets carry nearly all of them, and a popular
 * article's index entry stays small however many thousand tickets point to it.
 */
export const learnedTicketsPerArticle = 50;

/** The most characters of learned text one article holds (whole summaries, newest first). */
export const learnedTextMaxLength = 4000;

/** Statuses in which a ticket counts as solved, so the articles its notes mention learn from it. */
const solvedStatuses: readonly TicketStatus[] = ['resolved', 'closed'];

/**
 * True for a ticket that is resolved or closed.
 *
 * @example
 * isSolved('closed') // true
 */
export function isSolved(status: TicketStatus): boolean {
  return solvedStatuses.includes(status);
}

// One statement's worth of rows; well under either engine's bound-parameter limit.
const batchSize = 500;

/**
 * The learned text of `summaries` (newest first): one summary a line, whole summaries only, up to
 * {@link learnedTextMaxLength} characters.
 *
 * @example
 * learnedText(['VPN drops at home', 'Tunnel keeps disconnecting']) // 'VPN drops at home\nTunnel keeps disconnecting'
 */
export function learnedText(summaries: readonly string[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const summary of summaries) {
    const line = summary.replace(/\s+/g, ' ').trim();
    if (line === '') continue;
    if (length + line.length + 1 > learnedTextMaxLength) break;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * Recomputes the learned text of articles `articleIds` from the newest
 * {@link learnedTicketsPerArticle} resolved or closed tickets that mention them. An article whose
 * text is unchanged is not written, so its full-text index entry is left alone.
 *
 * @example
 * await relearnArticles(trx, [12, 40]);
 */
export async function relearnArticles(
  db: Kysely<DeskTables>,
  articleIds: readonly number[],
): Promise<void> {
  // In id order, so two transactions relearning the same articles lock their rows in one order.
  for (const articleId of [...new Set(articleIds)].sort((a, b) => a - b)) {
    // Lock the article's row first (a write that touches no indexed column, so no trigger runs):
    // two tickets solved at once then take turns, and the second reads the first's links.
    await db
      .updateTable('desk_kb_articles')
      .set({ updated_at: sql<string>`updated_at` })
      .where('id', '=', articleId)
      .execute();
    const rows = await db
      .selectFrom('desk_kb_article_tickets as l')
      .innerJoin('desk_tickets as t', 't.id', 'l.ticket_id')
      .select('t.summary')
      .where('l.article_id', '=', articleId)
      .where('t.status', 'in', solvedStatuses)
      .orderBy('t.id', 'desc')
      .limit(learnedTicketsPerArticle)
      .execute();
    const text = learnedText(rows.map((row) => row.summary));
    await db
      .updateTable('desk_kb_articles')
      .set({ learned_text: text })
      .where('id', '=', articleId)
      .where('learned_text', '<>', text)
      .execute();
  }
}

/** The ids of the articles whose slugs are among `slugs`. */
async function articleIdsBySlug(
  db: Kysely<DeskTables>,
  slugs: readonly string[],
): Promise<number[]> {
  if (slugs.length === 0) return [];
  const rows = await db
    .selectFrom('desk_kb_articles')
    .select('id')
    .where('slug', 'in', slugs.slice(0, batchSize))
    .execute();
  return rows.map((row) => Number(row.id));
}

async function insertLinks(
  db: Kysely<DeskTables>,
  links: readonly { article_id: number; ticket_id: number }[],
): Promise<void> {
  for (let start = 0; start < links.length; start += batchSize) {
    await db
      .insertInto('desk_kb_article_tickets')
      .values(links.slice(start, start + batchSize))
      .onConflict((conflict) => conflict.columns(['article_id', 'ticket_id']).doNothing())
      .execute();
  }
}

/**
 * Records which articles a public note of ticket `ticketId` mentions ({@link articleMentions}) and,
 * when the ticket is already solved, lets them learn from it at once. Call it in the transaction
 * that adds the note.
 *
 * @example
 * await learnFromPublicNote(trx, { ticketId: 7, status: 'resolved', body: 'See /kb/vpn-drops.' });
 */
export async function learnFromPublicNote(
  db: Kysely<DeskTables>,
  note: { readonly ticketId: number; readonly status: TicketStatus; readonly body: string },
): Promise<void> {
  const articleIds = await articleIdsBySlug(db, articleMentions(note.body));
  if (articleIds.length === 0) return;
  await insertLinks(
    db,
    articleIds.map((articleId) => ({ article_id: articleId, ticket_id: note.ticketId })),
  );
  if (isSolved(note.status)) await relearnArticles(db, articleIds);
}

/**
 * When ticket `ticketId` becomes solved (resolved or closed) or is reopened, the articles its public
 * notes mention learn its words, or forget them. A change within solved (resolved to closed) or
 * within unsolved changes nothing. Call it in the transaction that changes the status.
 *
 * @example
 * await learnFromStatusChange(trx, { ticketId: 7, from: 'open', to: 'resolved' });
 */
export async function learnFromStatusChange(
  db: Kysely<DeskTables>,
  change: { readonly ticketId: number; readonly from: TicketStatus; readonly to: TicketStatus },
): Promise<void> {
  if (isSolved(change.from) === isSolved(change.to)) return;
  const links = await db
    .selectFrom('desk_kb_article_tickets')
    .select('article_id')
    .where('ticket_id', '=', change.ticketId)
    .execute();
  await relearnArticles(
    db,
    links.map((link) => Number(link.article_id)),
  );
}

/**
 * Rebuilds every article's links and learned text from the public notes already in the desk: run
 * by migration 0010, so an existing desk learns from its past at once, and after a bulk load.
 * Reads the notes a page at a time in id order.
 *
 * @example
 * const { links } = await rebuildLearnedArticleText(db);
 */
export async function rebuildLearnedArticleText(
  db: Kysely<DeskTables>,
): Promise<{ readonly links: number; readonly articles: number }> {
  await db.deleteFrom('desk_kb_article_tickets').execute();
  const articles = await db.selectFrom('desk_kb_articles').select(['id', 'slug']).execute();
  const bySlug = new Map(articles.map((article) => [article.slug, Number(article.id)]));
  let after = 0;
  for (;;) {
    const notes = await db
      .selectFrom('desk_notes')
      .select(['id', 'ticket_id', 'body'])
      .where('visibility', '=', 'public')
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    const last = notes.at(-1);
    if (last === undefined) break;
    after = Number(last.id);
    // Two notes of one ticket may mention the same article: one link.
    const found = new Map<string, { article_id: number; ticket_id: number }>();
    for (const note of notes) {
      for (const slug of articleMentions(note.body)) {
        const articleId = bySlug.get(slug);
        const ticketId = Number(note.ticket_id);
        if (articleId !== undefined)
          found.set(`${articleId}:${ticketId}`, { article_id: articleId, ticket_id: ticketId });
      }
    }
    await insertLinks(db, [...found.values()]);
  }
  await relearnArticles(
    db,
    articles.map((article) => Number(article.id)),
  );
  const { links } = await db
    .selectFrom('desk_kb_article_tickets')
    .select((eb) => eb.fn.countAll<number | string>().as('links'))
    .executeTakeFirstOrThrow();
  return { links: Number(links), articles: articles.length };
}
