import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/log/logger.js';
import { retentionKinds, type PruneOutcome } from '../../../core/retention/prune-by-age.js';
import { startRetentionSchedule } from '../../../core/retention/retention-schedule.js';
import { resolveRetention } from '../../../core/retention/retention-settings.js';
import type { Database, DatabaseEngine } from '../../../core/storage/database.js';
import { runbooksPlugin } from '../../../plugins/runbooks/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { openSeedDatabase, seedAudit } from './seed-rows.js';

const plugins = [runbooksPlugin({ runbooks: [] })];
const config = { plugins, collections: [] };

describe.each(testEngines)('the retention schedule on $engine', ({ createDatabase }) => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let db: Database;
  let engine: DatabaseEngine;
  const lines: { level: string; msg: string; error?: string }[] = [];
  const log = createLogger({
    level: 'info',
    sink: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]),
  });

  beforeEach(async () => {
    lines.length = 0;
    database = await createDatabase();
    ({ db, engine } = await openSeedDatabase(database.url));
  });
  afterEach(async () => {
    await db.destroy().catch(() => undefined);
    await database.drop();
  });

  it('prunes after its first delay and logs one summary line per kind', async () => {
    await seedAudit(db, [500, 450, 3]);
    const ran = new Promise<PruneOutcome>((resolve) => {
      const schedule = startRetentionSchedule({
        db,
        engine,
        kinds: retentionKinds(config),
        settings: resolveRetention(config, {}),
        log,
        firstDelayMs: 0,
        onRun: (outcome) => void schedule.stop().then(() => resolve(outcome)),
      });
    });
    expect((await ran).kinds.map((k) => [k.kind, k.rows])).toEqual([
      ['audit', 2],
      ['runbooks.runs', 0],
    ]);
    expect(lines.map((l) => l.msg)).toEqual(['retention: pruned audit 2, runbooks.runs 0']);
  });

  it('logs a failed prune as a warning and keeps the server up', async () => {
    await db.destroy();
    const failed = new Promise<void>((resolve) => {
      const schedule = startRetentionSchedule({
        db,
        engine,
        kinds: retentionKinds(config),
        settings: resolveRetention(config, {}),
        log: createLogger({
          level: 'info',
          sink: (line) => {
            lines.push(JSON.parse(line) as (typeof lines)[number]);
            void schedule.stop().then(resolve);
          },
        }),
        firstDelayMs: 0,
      });
    });
    await failed;
    expect(lines[0]).toMatchObject({
      level: 'warn',
      msg: 'retention: pruning failed; the next run tries again',
    });
  });
});
