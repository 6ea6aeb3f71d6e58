import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditColumns, auditInsert, auditValues } from '../../../core/audit/audit-insert.js';
import type { AuditEntry } from '../../../core/audit/audit-log.js';
import { coreMigrations } from '../../../core/storage/core-migrations.js';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import { runMigrations } from '../../../core/storage/migrator.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

function entry(index: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2026, 11, 6, 3, 0, 0, index)),
    collectionId: 'agent',
    userId: 'sam@helpdesk.example',
    role: 'agent',
    clientId: 'claude',
    tool: 'get_ticket',
    arguments: { id: index },
    outcome: 'ok',
    durationMs: index + 0.5,
    correlationId: `c-${index}`,
    ...overrides,
  };
}

describe('auditInsert', () => {
  it('cuts a SQLite batch into chunks of a few fixed sizes, in order, binding every value', () => {
    const rows = Array.from({ length: 301 }, (_, i) => auditValues(entry(i)));
    const statements = auditInsert('sqlite').statements(rows);
    expect(statements.map((s) => s.rows)).toEqual([256, 32, 8, 4, 1]);
    expect(statements.flatMap((s) => s.query.parameters)).toEqual(rows.flat());
    expect(new Set(statements.map((s) => s.query.sql)).size).toBe(5);
    expect(statements[0]!.query.sql).not.toContain('c-0');
  });

  it('writes a PostgreSQL batch of any length in one statement of one array per column', () => {
    const rows = Array.from({ length: 3 }, (_, i) => auditValues(entry(i)));
    const [only, ...rest] = auditInsert('postgres').statements(rows);
    expect(rest).toEqual([]);
    expect(only!.rows).toBe(3);
    expect(only!.query.parameters).toHaveLength(auditColumns.length);
    expect(only!.query.parameters[10]).toEqual(['c-0', 'c-1', 'c-2']);
    expect(only!.query.sql).toBe(
      auditInsert('postgres').statements(rows.slice(0, 1))[0]!.query.sql,
    );
  });

  it('redacts secret arguments in the values it binds', () => {
    const values = auditValues(
      entry(1, { arguments: { password: 'hunter2', pin: '1234' }, secretArguments: ['pin'] }),
    );
    expect(JSON.parse(values[6])).toEqual({ password: '[redacted]', pin: '[redacted]' });
  });
});

describe.each(testEngines)('auditInsert on $engine', ({ engine, createDatabase }) => {
  let database: FreshDatabase;
  let db: Database;
  beforeEach(async () => {
    database = await createDatabase();
    db = await openDatabase(storageFromUrl(database.url));
    await runMigrations(db, [{ owner: 'core', migrations: coreMigrations }], engine);
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('stores awkward values exactly as given, as data and never as SQL', async () => {
    const awkward = [
      `'); drop table sdm_audit; --`,
      'NULL',
      '"quoted", {braced}, back\\slash',
      'ünïcødé ✓',
    ];
    const rows = awkward.map((text, i) =>
      auditValues(
        entry(i, {
          tool: text,
          clientName: text,
          clientVersion: i === 0 ? undefined : text,
          errorCode: i % 2 === 0 ? undefined : text,
        }),
      ),
    );
    for (const { query } of auditInsert(engine).statements(rows)) await db.executeQuery(query);
    const stored = await db
      .withTables<{ sdm_audit: { id: number; tool: string; client_name: string | null } }>()
      .selectFrom('sdm_audit')
      .selectAll()
      .orderBy('id')
      .execute();
    expect(stored.map((row) => Object.values(row).slice(1))).toEqual(rows);
  });
});
