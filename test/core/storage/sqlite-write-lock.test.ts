import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../../core/errors/servicedesk-error.js';
import { openDatabase, storageFromUrl, type Database } from '../../../core/storage/database.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';
import { holdSqliteWriteLock } from './support/sqlite-lock-holder.js';

type Tables = { notes: { id: number; text: string } };

/** The longest pause of the event loop while `work` runs, sampled every 10 ms. */
async function longestStall<T>(work: Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 10);
  try {
    return { value: await work, stallMs };
  } finally {
    clearInterval(ticker);
  }
}

describe('SQLite while another process holds the write lock', () => {
  let folder: TempFolder;
  let file: string;
  let db: Database;
  beforeEach(async () => {
    folder = createTempFolder('sqlite-lock');
    file = folder.file('desk.db');
    db = await openDatabase({ ...storageFromUrl(file), lockTimeoutMs: 1000 });
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    folder.remove();
  });

  it('waits for the lock without stopping the event loop, and writes once it is released', async () => {
    const holder = await holdSqliteWriteLock(file);
    const notes = db.withTables<Tables>();
    const write = notes.insertInto('notes').values({ id: 1, text: 'waited' }).execute();
    // Reads go on while the write waits: the connection is free between its attempts.
    const read = await notes.selectFrom('notes').select('id').execute();
    expect(read).toEqual([]);
    setTimeout(() => void holder.release(), 800);
    const { stallMs } = await longestStall(write);
    // SQLite's own busy timeout stops the loop for the whole wait (800 ms here, up to 5 s before).
    expect(stallMs).toBeLessThan(400);
    expect(await notes.selectFrom('notes').select('text').execute()).toEqual([{ text: 'waited' }]);
  });

  it('gives up after the lock timeout with STORAGE_BUSY, leaving nothing written', async () => {
    const holder = await holdSqliteWriteLock(file);
    const notes = db.withTables<Tables>();
    const started = performance.now();
    const { value: error, stallMs } = await longestStall(
      notes
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('notes').values({ id: 2, text: 'never' }).execute();
        })
        .catch((e: unknown) => e),
    );
    const waitedMs = performance.now() - started;
    await holder.release();
    expect(hasErrorCode(error, 'STORAGE_BUSY')).toBe(true);
    expect((error as Error).message).toMatch(/held the database's write lock for over 1000 ms/);
    expect(waitedMs).toBeGreaterThanOrEqual(1000);
    expect(stallMs).toBeLessThan(500);
    expect(await notes.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});
