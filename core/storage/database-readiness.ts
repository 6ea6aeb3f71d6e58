import { sql } from 'kysely';
import type { Database } from './database.js';
import type { WriteHealth } from './write-health.js';

/**
 * The database's part of `/readyz`: it answers a query, and writes go through (a full disk
 * still answers `select 1`).
 *
 * @example
 * readiness.set('database', () => databaseReadiness(db, health));
 */
export async function databaseReadiness(
  db: Database,
  health: WriteHealth,
): Promise<{ ok: boolean; detail?: string }> {
  await sql`select 1 as ok`.execute(db);
  return health.state();
}
