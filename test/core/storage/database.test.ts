import { sql } from 'kysely';
import { writeFileSync } from 'node:fs';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineCollection, definePlugin } from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

/** A local TCP port nothing listens on: bound once to get a free number, then released. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const folder = createTempFolder('storage');
afterAll(() => folder.remove());

describe('storageFromUrl', () => {
  it.each([
    [undefined, 'sqlite', './data/servicedesk.db'],
    ['', 'sqlite', './data/servicedesk.db'],
    ['  ', 'sqlite', './data/servicedesk.db'],
    ['./var/desk.db', 'sqlite', './var/desk.db'],
    ['sqlite:./var/desk.db', 'sqlite', './var/desk.db'],
    ['sqlite://var/desk.db', 'sqlite', 'var/desk.db'],
    [':memory:', 'sqlite', ':memory:'],
    ['postgres://u@db:5432/desk', 'postgres', 'postgres://u@db:5432/desk'],
    ['postgresql://u@db/desk', 'postgres', 'postgresql://u@db/desk'],
    ['POSTGRES://u@db/desk', 'postgres', 'POSTGRES://u@db/desk'],
  ])('%j selects %s at %j', (url, engine, expected) => {
    expect(storageFromUrl(url)).toMatchObject({ engine, url: expected });
  });
});

describe('opening the database', () => {
  it('opens a SQLite file in WAL mode with foreign keys on, creating its folder', async () => {
    const file = join(folder.path, 'nested', 'deeper', 'desk.db');
    const db = await openDatabase(storageFromUrl(file));
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(keys.rows[0]?.foreign_keys).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('STORAGE_UNREACHABLE for a PostgreSQL URL on a closed port, without leaking the password', async () => {
    const port = await closedPort();
    const error = await expectStartupError(
      {
        plugins: [],
        collections: [],
        databaseUrl: `postgres://desk:s3cret-pw@127.0.0.1:${port}/desk`,
      },
      'STORAGE_UNREACHABLE',
    );
    expect(error.message).toMatch(/cannot open the postgres database/);
    expect(error.message).toContain(String(port));
    expect(error.message).toMatch(/check DATABASE_URL/);
    expect(error.message).not.toContain('s3cret-pw');
    expect(error.httpStatus).toBe(503);
  });

  it('STORAGE_UNREACHABLE for a SQLite path whose folder cannot be created', async () => {
    const blocker = folder.file('not-a-folder');
    writeFileSync(blocker, 'x');
    const error = await expectStartupError(
      { plugins: [], collections: [], databaseUrl: join(blocker, 'desk.db') },
      'STORAGE_UNREACHABLE',
    );
    expect(error.message).toMatch(/cannot open the sqlite database/);
  });

  it('checks plugins and collections before touching the database', async () => {
    // The database is unreachable, yet the config mistake is what gets reported.
    const port = await closedPort();
    const error = await expectStartupError(
      {
        plugins: [definePlugin({ id: 'kb', version: '1.0.0' })],
        collections: [
          defineCollection({ id: 'kb', title: 'KB', plugins: ['kb', 'tickets'], grant: [] }),
        ],
        databaseUrl: `postgres://postgres@127.0.0.1:${port}/desk`,
      },
      'COLLECTION_UNKNOWN_PLUGIN',
    );
    expect(error.message).toContain('"tickets"');
  });
});
