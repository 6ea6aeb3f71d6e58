import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseEngine } from '../../core/index.js';

/** A fresh, empty database for one engine, and how to get rid of it afterwards. */
export interface BenchDatabase {
  readonly engine: DatabaseEngine;
  /** The DATABASE_URL the server opens. */
  readonly url: string;
  drop(): Promise<void>;
}

export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

/** A new SQLite file in a directory of its own under the system's temporary directory. */
export function createSqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'sdm-bench-store-'));
  return {
    engine: 'sqlite',
    url: join(dir, 'desk.db'),
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * A new database `sdm_bench_<random>` on the server of `adminUrl`; dropping it ends any
 * connection left behind, so a failed run does not leave the database in use.
 */
export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `sdm_bench_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    url: url.toString(),
    drop: () =>
      withClient(adminUrl, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ),
  };
}

async function withClient(url: string, use: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}
