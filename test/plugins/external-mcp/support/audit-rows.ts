import { openDatabase, storageFromUrl } from '../../../../core/storage/database.js';

/** The columns of an audit row these tests look at. */
export interface AuditRow {
  readonly tool: string;
  readonly user_id: string;
  readonly outcome: string;
  readonly error_code: string | null;
  readonly collection_id: string;
}

/**
 * Every audit row in the database at `databaseUrl` (SQLite file or PostgreSQL URL), read through
 * a connection of its own.
 *
 * @example
 * expect(await auditRows(database.url)).toContainEqual(expect.objectContaining({ tool: 'ev_echo' }));
 */
export async function auditRows(databaseUrl: string): Promise<AuditRow[]> {
  const db = await openDatabase(storageFromUrl(databaseUrl));
  try {
    return await db
      .withTables<{ sdm_audit: AuditRow }>()
      .selectFrom('sdm_audit')
      .select(['tool', 'user_id', 'outcome', 'error_code', 'collection_id'])
      .execute();
  } finally {
    await db.destroy();
  }
}
