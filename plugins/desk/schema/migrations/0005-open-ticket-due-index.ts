import { sql } from 'kysely';
import type { Migration } from '../../../../core/index.js';

/**
 * A partial index of unresolved tickets by resolution due time, for the SLA alert query: in a
 * desk with years of history almost every ticket is resolved, and only the open ones can breach.
 */
export const createOpenTicketDueIndex: Migration = {
  async up(db) {
    await db.schema
      .createIndex('desk_tickets_open_resolution_due_idx')
      .on('desk_tickets')
      .column('resolution_due_at')
      .where(sql.ref('resolved_at'), 'is', null)
      .execute();
  },
};
