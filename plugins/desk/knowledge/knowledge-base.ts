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
  /**
   * One article by id or slug, with its whole body.
   *
   * @param principal - The caller, whose role decides whether drafts are visible.
   * @param reference - The article's id, or its slug (e.g. `vpn-keeps-disconnecting`, any case);
   *   a string of digits is read as an id.
   * @returns The article, or undefined when there is none or the caller may not read it.
   * @rowScope Published articles for everyone; drafts for agents, admins and service accounts
   *   only: to an end user a draft is undefined, like an article that does not exist. No scope is
   *   checked: the tools that read articles declare `kb:read`.
   */
  getArticle(principal: Principal, reference: ArticleReference): Promise<KbArticle | undefined>;
  /**
   * Queues an article as an e-mail to a desk user in the outbox, with a line of the caller's own
   * above it. With `ticketId`, the e-mail is linked to the ticket, goes to its requester unless
   * `to` says otherwise, and is recorded in the ticket's history, all in one transaction.
   *
   * @param principal - The caller, whose role and scopes decide what it reaches.
   * @param request - The article, the recipient `to` (a desk user's e-mail address; the ticket's
   *   requester, else the caller, when left out), `ticketId`, `message` (at most 2,000
   *   characters) and provenance.
   * @returns The queued e-mail.
   * @rowScope The article must be one the caller may read. An end user may send one only to
   *   themself; agents, admins and service accounts to any active desk user, never to an address
   *   outside the desk. With `ticketId`, a `tickets:write:*` scope and the ticket within the
   *   caller's write reach, as for `tickets.update`.
   * @throws {TOOL_FAILED} The article does not exist or the caller may not read it ("article X not
   *   found"), or `message` is longer than 2,000 characters.
   * @throws {TOOL_FAILED} `to` is not an e-mail address or not an active desk user, or names
   *   someone else while the caller is an end user ("you can e-mail an article only to yourself;
   *   leave "to" out"); or `to` is left out with no one to default to (the caller is not a desk
   *   user, or the ticket has no requester).
   * @throws {TOOL_FAILED} With `ticketId`: the caller holds no `tickets:write:*` scope, or the
   *   ticket is not found, read-only to the caller or closed, as for `tickets.update`.
   * @throws {TOOL_FAILED} With `ticketId`: concurrent writers won the race 200 times over.
   */
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
