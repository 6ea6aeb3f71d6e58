import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { storageFromUrl } from '../../../core/storage/database.js';
import type { ExampleServer } from '../../helpers/example-server.js';
import { testDatabaseUrl } from '../../helpers/fresh-postgres-database.js';

const pollMs = 5;
const giveUpMs = 30_000;

/** Whether a process has `file` open, from its file descriptors in /proc (Linux). */
function hasFileOpen(pid: number, file: string): boolean {
  try {
    const folder = `/proc/${pid}/fd`;
    return readdirSync(folder).some((fd) => {
      try {
        return readlinkSync(`${folder}/${fd}`) === file;
      } catch {
        return false; // closed meanwhile
      }
    });
  } catch {
    return false; // the process is gone
  }
}

/** How many sessions PostgreSQL has open on the database of `url`, asked through `admin`. */
async function sessionsOn(admin: pg.Client, url: string): Promise<number> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const { rows } = await admin.query<{ n: string }>(
    'select count(*) as n from pg_stat_activity where datname = $1',
    [name],
  );
  return Number(rows[0]?.n ?? 0);
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

async function poll(until: () => boolean | Promise<boolean>): Promise<boolean> {
  for (const deadline = Date.now() + giveUpMs; Date.now() < deadline; await sleep(pollMs))
    if (await until()) return true;
  return false;
}

/**
 * Waits until nothing holds `databaseUrl` open (a killed server's PostgreSQL sessions end a moment
 * after it), so that {@link whenOpened} sees the next server's first connection.
 */
export async function whenReleased(databaseUrl: string): Promise<void> {
  if (storageFromUrl(databaseUrl).engine !== 'postgres') return;
  await withAdmin((admin) => poll(async () => (await sessionsOn(admin, databaseUrl)) === 0));
}

/**
 * Resolves with the time (`Date.now()`) at which `server` opened its database: the end of loading
 * its code, and just before it migrates and sets up its plugins. On SQLite this reads /proc, so
 * elsewhere than Linux it is the spawn time; undefined if the server exited first.
 *
 * @example
 * const opened = await whenOpened(server, database.url);
 */
export async function whenOpened(
  server: ExampleServer,
  databaseUrl: string,
): Promise<number | undefined> {
  const alive = () => server.child.exitCode === null && server.child.signalCode === null;
  const storage = storageFromUrl(databaseUrl);
  const { pid } = server.child;
  if (storage.engine === 'sqlite' && (!existsSync('/proc/self/fd') || pid === undefined))
    return Date.now();
  const found =
    storage.engine === 'postgres'
      ? await withAdmin((admin) =>
          poll(async () => !alive() || (await sessionsOn(admin, databaseUrl)) > 0),
        )
      : await poll(() => !alive() || hasFileOpen(pid!, resolve(storage.url)));
  return found && alive() ? Date.now() : undefined;
}
