import type { AuditTables } from '../../../core/audit/audit-schema.js';
import type { OAuthTables } from '../../../core/oauth/oauth-schema.js';
import { oauthMigrations } from '../../../core/oauth/oauth-schema.js';
import { coreMigrations } from '../../../core/storage/core-migrations.js';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import type { DatabaseEngine } from '../../../core/storage/database.js';
import { runMigrations } from '../../../core/storage/migrator.js';
import { runbookMigrations, type RunbookTables } from '../../../plugins/runbooks/schema.js';

export const dayMs = 86_400_000;

/** A database of `url` with the core's, the OAuth store's and the runbooks plugin's tables. */
export async function openSeedDatabase(url: string): Promise<{
  db: Database;
  engine: DatabaseEngine;
}> {
  const storage = storageFromUrl(url);
  const db = await openDatabase(storage);
  await runMigrations(
    db,
    [
      { owner: 'core', migrations: coreMigrations },
      { owner: 'core', migrations: oauthMigrations },
      { owner: 'runbooks', migrations: runbookMigrations },
    ],
    storage.engine,
  );
  return { db, engine: storage.engine };
}

/** One audit row per age given, in days before `now`. */
export async function seedAudit(db: Database, agesInDays: readonly number[], now = Date.now()) {
  for (const age of agesInDays)
    await db
      .withTables<AuditTables>()
      .insertInto('sdm_audit')
      .values({
        id: undefined,
        at: new Date(now - age * dayMs).toISOString(),
        collection_id: 'agent',
        user_id: 'sam@example.com',
        role: 'agent',
        client_id: 'c',
        tool: 'ping',
        arguments: '{}',
        outcome: 'ok',
        error_code: null,
        duration_ms: 1,
        correlation_id: `r-${age}-${Math.random()}`,
        client_name: null,
        client_version: null,
        protocol_version: null,
      })
      .execute();
}

/** An OAuth row of `kind`, expiring at `expiresAt` (ms; null for never), payload as given. */
export async function seedOAuth(
  db: Database,
  row: { kind: string; id: string; expiresAt: number | null; payload?: object },
) {
  await db
    .withTables<OAuthTables>()
    .insertInto('sdm_oauth')
    .values({
      kind: row.kind,
      id: row.id,
      payload: JSON.stringify(row.payload ?? {}),
      grant_id: null,
      user_code: null,
      uid: null,
      expires_at: row.expiresAt,
      consumed_at: null,
    })
    .execute();
}

/** A runbook run with one step; `finishedDaysAgo` null for a run still running. */
export async function seedRun(
  db: Database,
  run: { id: string; startedDaysAgo: number; finishedDaysAgo: number | null },
  now = Date.now(),
) {
  const runbooks = db.withTables<RunbookTables>();
  const at = (days: number) => new Date(now - days * dayMs).toISOString();
  await runbooks
    .insertInto('runbook_runs')
    .values({
      id: run.id,
      runbook: 'reset',
      user_id: 'sam@example.com',
      collection_id: 'agent',
      client_id: 'c',
      mode: 'sync',
      status: run.finishedDaysAgo === null ? 'running' : 'completed',
      input: '{}',
      started_at: at(run.startedDaysAgo),
      finished_at: run.finishedDaysAgo === null ? null : at(run.finishedDaysAgo),
      cancel_requested_at: null,
      heartbeat_at: null,
    })
    .execute();
  await runbooks
    .insertInto('runbook_steps')
    .values({
      run_id: run.id,
      position: 0,
      step_id: 's1',
      tool: 'ping',
      status: 'ok',
      arguments: null,
      result: null,
      text: null,
      error: null,
      started_at: null,
      finished_at: null,
    })
    .execute();
}
