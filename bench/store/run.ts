/**
 * `npm run bench:store`: seeds the demo desk with BENCH_STORE_TICKETS tickets (a million by
 * default) on each engine, then times a ticket by id, a filtered list and a full-text search
 * through the desk store as an agent, and prints p50, p99 and mean with the targets' verdicts.
 *
 * Environment: BENCH_STORE_TICKETS (default 1000000), BENCH_STORE_ENGINES (default
 * `sqlite,postgres`), BENCH_STORE_ITERATIONS (default 2000), BENCH_STORE_WARMUP (calls, default 200),
 * BENCH_STORE_WARMUP_MS (default 1000: each operation warms up for at least both), TEST_DATABASE_URL (the PostgreSQL server to create the bench database on).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createServer, defineConfig, type DatabaseEngine } from '../../core/index.js';
import { seedDemoData } from '../../plugins/desk/demo/seed.js';
import { deskPlugin, deskStoreRef } from '../../plugins/desk/index.js';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  defaultPostgresUrl,
  type BenchDatabase,
} from './bench-database.js';
import { measure } from './measure.js';
import { storeOperations } from './operations.js';
import { printResults, type EngineResult } from './report.js';

interface StoreBenchOptions {
  readonly tickets: number;
  readonly engines: readonly DatabaseEngine[];
  readonly iterations: number;
  readonly warmup: number;
  readonly warmupMs: number;
  readonly postgresUrl: string;
}

function wholeNumber(name: string, fallback: number, min: number) {
  const raw = process.env[name]?.replaceAll('_', '').trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(
      `${name} must be a whole number of at least ${min}, got "${process.env[name]}"`,
    );
  }
  return value;
}

function readOptions(env: NodeJS.ProcessEnv): StoreBenchOptions {
  const engines = (env.BENCH_STORE_ENGINES ?? 'sqlite,postgres')
    .split(',')
    .map((engine) => engine.trim())
    .filter((engine) => engine !== '');
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') {
      throw new Error(`BENCH_STORE_ENGINES lists "${engine}"; use sqlite, postgres or both`);
    }
  }
  return {
    tickets: wholeNumber('BENCH_STORE_TICKETS', 1_000_000, 1),
    engines: engines as DatabaseEngine[],
    iterations: wholeNumber('BENCH_STORE_ITERATIONS', 2000, 1),
    warmup: wholeNumber('BENCH_STORE_WARMUP', 200, 0),
    warmupMs: wholeNumber('BENCH_STORE_WARMUP_MS', 1000, 0),
    postgresUrl: env.TEST_DATABASE_URL ?? defaultPostgresUrl,
  };
}

async function freshDatabase(engine: DatabaseEngine, options: StoreBenchOptions) {
  return engine === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase(options.postgresUrl);
}

async function benchEngine(
  database: BenchDatabase,
  options: StoreBenchOptions,
): Promise<EngineResult> {
  const server = await createServer(
    defineConfig({ plugins: [deskPlugin()], collections: [], log: { level: 'silent' } }),
    { env: { DATABASE_URL: database.url }, purpose: 'command' },
  );
  try {
    const log = (line: string) => process.stderr.write(`[${database.engine}] ${line}\n`);
    log(`seeding ${options.tickets.toLocaleString('en-GB')} tickets…`);
    let reported = 0;
    const seedStarted = performance.now();
    const seeded = await seedDemoData(server.db, database.engine, {
      tickets: options.tickets,
      onProgress(done, total) {
        if (done - reported >= 100_000 || done === total) {
          reported = done;
          const seconds = (performance.now() - seedStarted) / 1000;
          log(`  ${done.toLocaleString('en-GB')} tickets, ${seconds.toFixed(1)} s`);
        }
      },
    });
    const seedMs = performance.now() - seedStarted;
    if (!seeded.seeded) throw new Error(`the fresh database was not seeded: ${seeded.reason}`);

    const { rows } = await sql<{ max_id: number | string | null }>`
      select max(id) as max_id from desk_tickets`.execute(server.db);
    const maxTicketId = Number(rows[0]?.max_id ?? 0);
    const desk = server.services.get(deskStoreRef);
    const operations = [];
    for (const operation of storeOperations(desk, maxTicketId)) {
      log(`measuring ${operation.name}…`);
      const summary = await measure((i) => operation.run(i), options);
      operations.push({ name: operation.name, summary });
    }
    return { engine: database.engine, tickets: seeded.tickets, seedMs, operations };
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.env);
  const results: EngineResult[] = [];
  for (const engine of options.engines) {
    const database = await freshDatabase(engine, options);
    try {
      results.push(await benchEngine(database, options));
    } finally {
      await database.drop();
    }
  }
  printResults(results, options);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:store failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
