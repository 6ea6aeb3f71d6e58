import type { Migration } from '../../../../core/index.js';
import { createRecentTicketSearch } from '../../search/recent-ticket-search.js';

/**
 * PostgreSQL: the partial GIN index of the newest tickets that ranked searches read first
 * (ADR 0019), built over the tickets already there. SQLite has its recent-ticket index from 0008.
 */
export const createRecentTicketSearchIndex: Migration = {
  async up(db, { engine }) {
    if (engine !== 'postgres') return;
    await createRecentTicketSearch(db);
  },
};
