import type { Migrations } from '../../../../core/index.js';
import { createDirectory } from './0001-directory.js';
import { createTickets } from './0002-tickets.js';
import { createKnowledgeAndCatalogue } from './0003-knowledge-and-catalogue.js';
import { createSearch } from './0004-search.js';
import { createOpenTicketDueIndex } from './0005-open-ticket-due-index.js';
import { addAccountManagers } from './0006-account-managers.js';
import { addHistoryCallLink } from './0007-history-call-link.js';
import { createRecentTicketIndex } from './0008-recent-ticket-index.js';
import { createRecentTicketSearchIndex } from './0009-recent-ticket-search.js';
import { addLearnedArticleText } from './0010-learned-article-text.js';
import { addLearnedTicketText } from './0011-learned-ticket-text.js';

/** The desk plugin's migrations, applied in name order on SQLite and PostgreSQL alike. */
export const deskMigrations: Migrations = Object.freeze({
  '0001_directory': createDirectory,
  '0002_tickets': createTickets,
  '0003_knowledge_and_catalogue': createKnowledgeAndCatalogue,
  '0004_search': createSearch,
  '0005_open_ticket_due_index': createOpenTicketDueIndex,
  '0006_account_managers': addAccountManagers,
  '0007_history_call_link': addHistoryCallLink,
  '0008_recent_ticket_index': createRecentTicketIndex,
  '0009_recent_ticket_search': createRecentTicketSearchIndex,
  '0010_learned_article_text': addLearnedArticleText,
  '0011_learned_ticket_text': addLearnedTicketText,
});
