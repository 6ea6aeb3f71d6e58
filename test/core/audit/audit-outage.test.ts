import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../../../core/audit/audit-log.js';
import { coreMigrations } from '../../../core/storage/core-migrations.js';
import { createLogger } from '../../../core/log/logger.js';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import { runMigrations } from '../../../core/storage/migrator.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly attempts?: number;
  readonly dropped?: number;
}

describe.each(testEngines)('the audit log through a database outage on $engine', (engine) => {
  let database: FreshDatabase;
  let db: Database;
  let audit: AuditLog;
  let lines: LogLine[];
  beforeEach(async () => {
    database = await engine.createDatabase();
    db = await openDatabase(storageFromUrl(database.url));
    await runMigrations(db, [{ owner: 'core', migrations: coreMigrations }], engine.engine);
    lines = [];
    const log = createLogger({
      level: 'info',
      sink: (line) => lines.push(JSON.parse(line) as LogLine),
    });
    audit = new AuditLog({ db, engine: engine.engine, log, flushMs: 20 });
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('retries in one loop with backoff, logs the outage once each way, and writes every row after', async () => {
    // Every insert fails while the table is away, as when the database is down or full.
    await sql`alter table sdm_audit rename to sdm_audit_away`.execute(db);
    const at = new Date('2026-12-05T09:00:00.000Z');
    for (let burst = 0; burst < 20; burst++) {
      for (let i = 0; i < 100; i++) {
        audit.record({
          at,
          collectionId: 'agent',
          userId: 'sam@helpdesk.example',
          role: 'agent',
          clientId: 'claude',
          tool: 'get_ticket',
          arguments: { ticketId: burst * 100 + i },
          outcome: 'ok',
          durationMs: 1,
          correlationId: `c-${burst * 100 + i}`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(audit.pendingRows).toBe(2000);
    await sql`alter table sdm_audit_away rename to sdm_audit`.execute(db);
    await vi.waitFor(() => expect(audit.pendingRows).toBe(0), { timeout: 15_000, interval: 50 });

    const failing = lines.filter((l) => l.level === 'error');
    expect(failing[0]?.msg).toMatch(/^audit writes are failing/);
    const recovered = lines.filter((l) => l.msg.startsWith('audit writes recovered'));
    expect(failing).toHaveLength(1);
    expect(recovered).toHaveLength(1);
    // Before, each call past 500 pending rows started an insert of its own: ~1,500 attempts here.
    expect(recovered[0]!.attempts).toBeLessThan(10);
    expect(recovered[0]!.dropped).toBe(0);
    const rows = await audit.query({ since: at, limit: 5000 });
    expect(new Set(rows.map((r) => r.correlation_id)).size).toBe(2000);
  });
});
