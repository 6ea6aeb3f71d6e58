import type { Migration } from '../../../../core/index.js';
import { deskColumns } from './columns.js';

/**
 * Each customer organisation's account manager: the agent who owns the relationship, to whom
 * sales follow-ups such as whitespace opportunities are assigned.
 */
export const addAccountManagers: Migration = {
  async up(db, { engine }) {
    const { idType, references } = deskColumns(engine);
    await db.schema
      .alterTable('desk_organisations')
      .addColumn('account_manager_id', idType, references('desk_users'))
      .execute();
  },
};
