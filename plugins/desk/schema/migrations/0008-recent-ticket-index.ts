import type { Migration } from '../../../../core/index.js';
import {
  rebuildRecentTicketIndex,
  recentTicketIndexStatements,
} from '../../search/recent-ticket-index.js';

/**
 * SQLite: the recent-ticket index that ranked searches read first (ADR 0018), filled from the
 * tickets already there. PostgreSQL ranks its window with ts_rank_cd, whose cost does not grow
 * with the desk, and needs nothing.
 */
export const createRecentTicketIndex: Migration = {
  async up(db, { engine }) {
    if (engine !== 'sqlite') return;
    for (const statement of recentTicketIndexStatements) await statement.execute(db);
    await rebuildRecentTicketIndex(db);
  },
};
