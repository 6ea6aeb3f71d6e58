import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditEntry } from '../../../core/audit/audit-log.js';
import { coreMigrations } from '../../../core/storage/core-migrations.js';
import { createLogger } from '../../../core/log/logger.js';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import { runMigrations } from '../../../core/storage/migrator.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

function entry(overrides: Partial<AuditEntry> & { at: Date }): AuditEntry {
  return {
    collectionId: 'agent',
    userId: 'sam@helpdesk.example',
    role: 'agent',
    clientId: 'claude',
    tool: 'get_ticket',
    arguments: { id: 1 },
    outcome: 'ok',
    durationMs: 1.5,
    correlationId: 'c-1',
    ...overrides,
  };
}

describe.each(testEngines)('AuditLog on $engine', ({ engine, createDatabase }) => {
  let database: FreshDatabase;
  let db: Database;
  let audit: AuditLog;
  beforeEach(async () => {
    database = await createDatabase();
    db = await openDatabase(storageFromUrl(database.url));
    await runMigrations(db, [{ owner: 'core', migrations: coreMigrations }], engine);
    // A long flush interval: only explicit flush() calls write in these tests.
    audit = new AuditLog({
      db,
      engine,
      log: createLogger({ level: 'silent' }),
      flushMs: 60_000,
    });
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('writes nothing until flushed, then every pending row, across several batches', async () => {
    const at = new Date('2026-11-01T09:00:00.000Z');
    for (let i = 0; i < 400; i++) audit.record(entry({ at, correlationId: `c-${i}` }));
    expect(await audit.query({ since: at })).toEqual([]);
    for (let i = 400; i < 1203; i++) audit.record(entry({ at, correlationId: `c-${i}` }));
    await audit.flush();
    const rows = await audit.query({ since: at, limit: 5000 });
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r.correlation_id)).size).toBe(1203);
  });

  it('stores each field as given', async () => {
    const at = new Date('2026-11-01T09:30:00.000Z');
    audit.record(
      entry({
        at,
        arguments: { id: 4821, nested: { list: [1, 'two'] } },
        outcome: 'tool_error',
        errorCode: 'TOOL_FAILED',
        durationMs: 12.25,
      }),
    );
    await audit.flush();
    const [row] = await audit.query({ since: at });
    expect(row).toMatchObject({
      at: '2026-11-01T09:30:00.000Z',
      collection_id: 'agent',
      user_id: 'sam@helpdesk.example',
      role: 'agent',
      client_id: 'claude',
      tool: 'get_ticket',
      outcome: 'tool_error',
      error_code: 'TOOL_FAILED',
      duration_ms: 12.25,
      correlation_id: 'c-1',
    });
    expect(JSON.parse(row!.arguments)).toEqual({ id: 4821, nested: { list: [1, 'two'] } });
  });

  it('queries by time, collection and tool, oldest first, keeping the newest under a limit', async () => {
    const minute = (m: number) => new Date(Date.UTC(2026, 10, 1, 10, m));
    audit.record(entry({ at: minute(0), tool: 'get_ticket', correlationId: 'old' }));
    audit.record(entry({ at: minute(1), tool: 'get_ticket', correlationId: 'a' }));
    audit.record(entry({ at: minute(2), tool: 'add_note', correlationId: 'b' }));
    audit.record(
      entry({ at: minute(3), tool: 'get_ticket', collectionId: 'user', correlationId: 'c' }),
    );
    audit.record(entry({ at: minute(4), tool: 'get_ticket', correlationId: 'd' }));
    await audit.flush();
    const ids = (rows: { correlation_id: string }[]) => rows.map((r) => r.correlation_id);
    expect(ids(await audit.query({ since: minute(1) }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(await audit.query({ since: minute(1), tool: 'get_ticket' }))).toEqual([
      'a',
      'c',
      'd',
    ]);
    expect(ids(await audit.query({ since: minute(0), collectionId: 'user' }))).toEqual(['c']);
    expect(ids(await audit.query({ since: minute(0), limit: 2 }))).toEqual(['c', 'd']);
    expect(await audit.query({ since: minute(5) })).toEqual([]);
  });
});
