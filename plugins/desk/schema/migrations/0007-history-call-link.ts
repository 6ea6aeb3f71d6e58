import type { Migration } from '../../../../core/index.js';

/**
 * Who called and through which tool call, on every history row: the principal's user id (also for
 * service accounts, which have no desk user) and the audit row's correlation id, so a change in a
 * ticket's history leads to the `sdm_audit` row of the call that made it.
 */
export const addHistoryCallLink: Migration = {
  async up(db) {
    await db.schema.alterTable('desk_ticket_history').addColumn('principal', 'text').execute();
    await db.schema.alterTable('desk_ticket_history').addColumn('correlation_id', 'text').execute();
  },
};
