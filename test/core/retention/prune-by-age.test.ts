import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditTables } from '../../../core/audit/audit-schema.js';
import type { OAuthTables } from '../../../core/oauth/oauth-schema.js';
import {
  pruneByAge,
  retentionKinds,
  retentionLockKey,
  type PruneOptions,
} from '../../../core/retention/prune-by-age.js';
import {
  resolveRetention,
  type RetentionConfig,
} from '../../../core/retention/retention-settings.js';
import type { Database, DatabaseEngine } from '../../../core/storage/database.js';
import { runbooksPlugin } from '../../../plugins/runbooks/index.js';
import type { RunbookTables } from '../../../plugins/runbooks/schema.js';
import { testEngines } from '../../helpers/test-databases.js';
import { dayMs, openSeedDatabase, seedAudit, seedOAuth, seedRun } from './seed-rows.js';

const plugins = [runbooksPlugin({ runbooks: [] })];
// The built-in authorization server's presence is what adds the OAuth kinds.
const config = {
  plugins,
  collections: [],
  auth: { builtIn: { clients: [] } },
} as const;

describe.each(testEngines)('pruning by age on $engine', ({ createDatabase }) => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let db: Database;
  let engine: DatabaseEngine;

  beforeEach(async () => {
    database = await createDatabase();
    ({ db, engine } = await openSeedDatabase(database.url));
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  function options(retention: RetentionConfig = {}, extra: Partial<PruneOptions> = {}) {
    return {
      db,
      engine,
      kinds: retentionKinds(config),
      settings: resolveRetention({ plugins, retention }, {}),
      ...extra,
    };
  }
  const auditCount = async () =>
    (await db.withTables<AuditTables>().selectFrom('sdm_audit').select('at').execute()).length;
  const oauthIds = async () =>
    (
      await db
        .withTables<OAuthTables>()
        .selectFrom('sdm_oauth')
        .select('id')
        .orderBy('id')
        .execute()
    ).map((row) => row.id);
  const runIds = async () =>
    (
      await db
        .withTables<RunbookTables>()
        .selectFrom('runbook_runs')
        .select('id')
        .orderBy('id')
        .execute()
    ).map((row) => row.id);

  it('deletes audit rows older than the cut-off and keeps younger ones', async () => {
    await seedAudit(db, [500, 450, 401, 399, 10]);
    const outcome = await pruneByAge(options());
    const audit = outcome.kinds.find((k) => k.kind === 'audit');
    expect(audit).toMatchObject({ rows: 3, keepDays: 400 });
    expect(await auditCount()).toBe(2);
  });

  it('deletes in batches of batchSize, each committed, until a batch comes up short', async () => {
    await seedAudit(db, [40, 41, 42, 43, 44]);
    const batches: number[] = [];
    const outcome = await pruneByAge(
      options(
        { batchSize: 2, keepDays: { audit: 30 } },
        {
          onBatch: (kind, rows) => {
            if (kind === 'audit') batches.push(rows);
          },
        },
      ),
    );
    expect(batches).toEqual([2, 2, 1]);
    expect(outcome.kinds.find((k) => k.kind === 'audit')).toMatchObject({ rows: 5, batches: 3 });
    expect(await auditCount()).toBe(0);
  });

  it('stops before the next batch once its signal is aborted (shutdown)', async () => {
    await seedAudit(db, [40, 41, 42]);
    const stopping = new AbortController();
    const outcome = await pruneByAge(
      options(
        { batchSize: 1, keepDays: { audit: 30 } },
        { signal: stopping.signal, onBatch: () => stopping.abort() },
      ),
    );
    expect(outcome.kinds.map((k) => [k.kind, k.rows, k.batches])).toEqual([['audit', 1, 1]]);
    expect(await auditCount()).toBe(2);
  });

  it('on a dry run deletes nothing and reports what a real run then deletes', async () => {
    const now = Date.now();
    await seedAudit(db, [500, 420, 5]);
    await seedOAuth(db, { kind: 'AccessToken', id: 'old', expiresAt: now - 3 * dayMs });
    await seedRun(db, { id: 'r-old', startedDaysAgo: 300, finishedDaysAgo: 299 });
    const dry = await pruneByAge(options({}, { dryRun: true }));
    expect(dry.dryRun).toBe(true);
    expect(await auditCount()).toBe(3);
    expect(await oauthIds()).toEqual(['old']);
    expect(await runIds()).toEqual(['r-old']);
    const real = await pruneByAge(options());
    const rows = (o: typeof dry) => o.kinds.map((k) => [k.kind, k.rows]);
    expect(rows(dry)).toEqual(rows(real));
    expect(rows(real)).toEqual([
      ['audit', 2],
      ['oauth.tokens', 1],
      ['oauth.clients', 0],
      ['runbooks.runs', 1],
    ]);
  });

  it("keeps a kind that is 'off'", async () => {
    await seedAudit(db, [5000]);
    const outcome = await pruneByAge(options({ keepDays: { audit: 'off' } }));
    expect(outcome.kinds.find((k) => k.kind === 'audit')).toMatchObject({
      rows: 0,
      cutoff: undefined,
    });
    expect(await auditCount()).toBe(1);
  });

  it('deletes OAuth rows a day past their expiry and keeps the rest and the signing keys', async () => {
    const now = Date.now();
    await seedOAuth(db, { kind: 'AccessToken', id: 'expired-3d', expiresAt: now - 3 * dayMs });
    await seedOAuth(db, { kind: 'Session', id: 'expired-2d', expiresAt: now - 2 * dayMs });
    await seedOAuth(db, {
      kind: 'AuthorizationCode',
      id: 'expired-1h',
      expiresAt: now - 3_600_000,
    });
    await seedOAuth(db, { kind: 'RefreshToken', id: 'live', expiresAt: now + dayMs });
    await seedOAuth(db, { kind: 'Keystore', id: 'keys', expiresAt: now - 30 * dayMs });
    await pruneByAge(options());
    expect(await oauthIds()).toEqual(['expired-1h', 'keys', 'live']);
  });

  it('deletes unused self-registered clients, never an operator’s or one with live tokens', async () => {
    const past = Date.now() - 3_600_000;
    await seedOAuth(db, { kind: 'Client', id: 'unused', expiresAt: past, payload: {} });
    await seedOAuth(db, {
      kind: 'Client',
      id: 'operator',
      expiresAt: past,
      payload: { added_by: 'cli' },
    });
    await seedOAuth(db, { kind: 'Client', id: 'in-use', expiresAt: past, payload: {} });
    await seedOAuth(db, {
      kind: 'RefreshToken',
      id: 'its-token',
      expiresAt: Date.now() + dayMs,
      payload: { clientId: 'in-use' },
    });
    await seedOAuth(db, { kind: 'Client', id: 'permanent', expiresAt: null, payload: {} });
    const dry = await pruneByAge(options({}, { dryRun: true }));
    expect(dry.kinds.find((k) => k.kind === 'oauth.clients')?.rows).toBe(1);
    await pruneByAge(options());
    expect(await oauthIds()).toEqual(['in-use', 'its-token', 'operator', 'permanent']);
    // The kept ones lost their expiry, as their first code would have taken it.
    const expiries = await db
      .withTables<OAuthTables>()
      .selectFrom('sdm_oauth')
      .select('expires_at')
      .where('kind', '=', 'Client')
      .execute();
    expect(expiries.map((row) => row.expires_at)).toEqual([null, null, null]);
  });

  it('deletes finished runbook runs with their steps and never a running one', async () => {
    await seedRun(db, { id: 'a-old-finished', startedDaysAgo: 400, finishedDaysAgo: 400 });
    await seedRun(db, { id: 'b-old-running', startedDaysAgo: 400, finishedDaysAgo: null });
    await seedRun(db, { id: 'c-young-finished', startedDaysAgo: 30, finishedDaysAgo: 30 });
    const outcome = await pruneByAge(options());
    expect(outcome.kinds.find((k) => k.kind === 'runbooks.runs')).toMatchObject({
      rows: 1,
      keepDays: 180,
    });
    expect(await runIds()).toEqual(['b-old-running', 'c-young-finished']);
    const steps = await db
      .withTables<RunbookTables>()
      .selectFrom('runbook_steps')
      .select('run_id')
      .orderBy('run_id')
      .execute();
    expect(steps.map((s) => s.run_id)).toEqual(['b-old-running', 'c-young-finished']);
  });
});

describe('pruning on PostgreSQL with several instances', () => {
  const postgres = testEngines.find((e) => e.engine === 'postgres')!;
  let database: Awaited<ReturnType<typeof postgres.createDatabase>>;
  let db: Database;

  beforeEach(async () => {
    database = await postgres.createDatabase();
    ({ db } = await openSeedDatabase(database.url));
  });
  afterEach(async () => {
    await db.destroy();
    await database.drop();
  });

  it('skips while another process holds the pruning lock, and prunes once it is free', async () => {
    await seedAudit(db, [500]);
    const options = {
      db,
      engine: 'postgres' as const,
      kinds: retentionKinds(config),
      settings: resolveRetention({ plugins }, {}),
    };
    const audit = async () =>
      (await db.withTables<AuditTables>().selectFrom('sdm_audit').select('at').execute()).length;
    // Another instance's pruner: the same lock, held on a connection of its own.
    const other = await openSeedDatabase(database.url);
    try {
      await other.db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${retentionLockKey})`.execute(connection);
        expect(await pruneByAge(options)).toEqual({ skipped: true, dryRun: false, kinds: [] });
        expect(await audit()).toBe(1);
        await sql`select pg_advisory_unlock(${retentionLockKey})`.execute(connection);
      });
      expect((await pruneByAge(options)).skipped).toBe(false);
      expect(await audit()).toBe(0);
    } finally {
      await other.db.destroy();
    }
  });
});
