import type { Principal } from '../../../core/index.js';
import type { OutboxRow } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';
import type { DeskStoreContext } from '../store/store-context.js';
import { emailArticle, type ArticleEmail } from './article-email.js';
import { findArticle, type ArticleReference, type KbArticle } from './article-lookup.js';

/**
 * Reading knowledge-base articles and sending them to users. Searching them is
 * `DeskStore.search.searchArticles`. End users see published articles only.
 *
 * @example
 * const article = await desk.knowledge.getArticle(ctx.principal, 'vpn-keeps-disconnecting');
 * await desk.knowledge.emailArticle(ctx.principal, { article: article.id, ticketId: 42 });
 */
export interface DeskKnowledgeBase {
  /** One article by id or slug, with its full body; undefined when not found. */
  getArticle(principal: Principal, reference: ArticleReference): Promise<KbArticle | undefined>;
  /** Queues the article as an e-mail in the outbox and returns the queued e-mail. */
  emailArticle(principal: Principal, request: ArticleEmail): Promise<OutboxRow>;
}

/** Creates the knowledge-base part of the desk store. */
export function createDeskKnowledgeBase(
  context: DeskStoreContext,
  directory: DeskDirectory,
): DeskKnowledgeBase {
  const parts = { context, directory };
  return Object.freeze({
    getArticle: (principal, reference) => findArticle(context.db, principal, reference),
    emailArticle: (principal, request) => emailArticle(parts, principal, request),
  } satisfies DeskKnowledgeBase);
}
