import type { Kysely } from 'kysely';
import { ToolError, type Principal } from '../../../core/index.js';
import type { DeskTables, OutboxRow } from '../schema/tables.js';
import { deskUserColumns, isStaff, type DeskUser } from '../store/directory.js';
import { recordHistory, type WriteProvenance } from '../store/history.js';
import { resolveTicketAccess } from '../store/row-scope.js';
import type { TicketStoreParts } from '../store/get-ticket.js';
import { ticketForWrite } from '../store/ticket-write.js';
import { inWriteTransaction } from '../store/write-transaction.js';
import { findArticle, type ArticleReference, type KbArticle } from './article-lookup.js';

/** An article to e-mail: what `knowledge.emailArticle` needs. */
export interface ArticleEmail {
  readonly article: ArticleReference;
  /**
   * The recipient's e-mail address; a desk user. Defaults to the ticket's requester when
   * `ticketId` is given, otherwise to the caller.
   */
  readonly to?: string;
  /** The ticket the article answers: the e-mail is linked to it and noted in its history. */
  readonly ticketId?: number;
  /** A line of your own above the article. */
  readonly message?: string;
  readonly provenance?: WriteProvenance;
}

const maxMessageLength = 2000;

function emailBody(article: KbArticle, recipient: DeskUser, message: string | undefined): string {
  const greeting = `Hello ${recipient.name},`;
  const intro = message === undefined || message.trim() === '' ? [] : [message.trim(), ''];
  return [greeting, '', ...intro, `# ${article.title}`, '', article.body.trim(), ''].join('\n');
}

/**
 * The active desk user `email` names, read with `db` (inside the caller's transaction: on SQLite
 * a second connection would wait on it). End users may name only themselves.
 */
async function findRecipient(
  db: Kysely<DeskTables>,
  sender: { readonly principal: Principal; readonly self: DeskUser | undefined },
  email: string,
): Promise<DeskUser> {
  const trimmed = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) {
    throw new ToolError(`"to" must be an e-mail address, like jo.bloggs@example.com`);
  }
  if (!isStaff(sender.principal)) {
    if (sender.self !== undefined && sender.self.email === trimmed) return sender.self;
    throw new ToolError('you can e-mail an article only to yourself; leave "to" out');
  }
  const user = await db
    .selectFrom('desk_users')
    .select(deskUserColumns)
    .where('email', '=', trimmed)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (user === undefined) {
    throw new ToolError(
      `"to": ${trimmed} is not an active desk user; articles go only to desk users`,
    );
  }
  return user;
}

/**
 * Queues a knowledge-base article as an e-mail to a desk user through the outbox, in one
 * transaction. End users may send one only to themselves; staff to any active desk user. With a
 * ticket, the caller must be able to change it: the e-mail is linked to the ticket and recorded in
 * its history (who sent which article to whom).
 */
export async function emailArticle(
  parts: TicketStoreParts,
  principal: Principal,
  request: ArticleEmail,
): Promise<OutboxRow> {
  const article = await findArticle(parts.context.db, principal, request.article);
  if (article === undefined) throw new ToolError(`article ${String(request.article)} not found`);
  if ((request.message ?? '').length > maxMessageLength) {
    throw new ToolError(`"message" is longer than ${maxMessageLength} characters; shorten it`);
  }
  const at = parts.context.now().toISOString();
  const self = await parts.directory.resolvePrincipal(principal);
  const sender = { principal, self };
  if (request.ticketId === undefined) {
    const to = request.to ?? self?.email;
    if (to === undefined) throw new ToolError('"to" is required: the caller is not a desk user');
    const recipient = await findRecipient(parts.context.db, sender, to);
    return parts.context.db
      .insertInto('desk_outbox')
      .values(outboxValues(request, { article, recipient, at }))
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const ticketId = request.ticketId;
  const access = await resolveTicketAccess(parts.directory, principal, 'write');
  return inWriteTransaction(parts.context, async (trx) => {
    const ticket = await ticketForWrite(trx, access, ticketId);
    const requester = await trx
      .selectFrom('desk_users')
      .select('email')
      .where('id', '=', ticket.requester_id)
      .executeTakeFirst();
    const to = request.to ?? requester?.email;
    if (to === undefined) throw new ToolError(`ticket ${ticketId} has no requester; give "to"`);
    const recipient = await findRecipient(trx, sender, to);
    const email = await trx
      .insertInto('desk_outbox')
      .values(outboxValues(request, { article, recipient, at }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordHistory(trx, { access, ticketId, provenance: request.provenance, at }, [
      { field: 'email', from: null, to: `${email.to_email}: ${email.subject}` },
    ]);
    return email;
  });
}

function outboxValues(
  request: ArticleEmail,
  { article, recipient, at }: { article: KbArticle; recipient: DeskUser; at: string },
) {
  const subject =
    request.ticketId === undefined
      ? `Knowledge base: ${article.title}`
      : `[Ticket #${request.ticketId}] ${article.title}`;
  return {
    to_email: recipient.email,
    subject,
    body: emailBody(article, recipient, request.message),
    ticket_id: request.ticketId ?? null,
    status: 'queued' as const,
    created_at: at,
    sent_at: null,
  };
}
