/**
 * `npm run bench:models`: for each size in BENCH_MODEL_TICKETS (default `100000,1000000`), seeds
 * the demo desk on a fresh SQLite file, then trains the ai-assist plugin's learned models as a
 * server does (reading the newest `maxTrainingTickets` resolved tickets through the store) and
 * prints the read and training time, the memory the trained models keep and the peak the
 * training needed, and the p50/p99 of one prediction and of a whole `apply_ai_suggestions` dry
 * run (models and the similar-ticket search).
 *
 * Environment: BENCH_MODEL_TICKETS, BENCH_MODEL_MAX_TRAINING (the plugin's default, 50000),
 * BENCH_MODEL_ITERATIONS (default 1000). Run with `--expose-gc` (the npm script does) so the
 * retained memory is measured after a collection.
 */
import { performance } from 'node:perf_hooks';
import { createServer, defineConfig, type Logger } from '../../core/index.js';
import { aiAssistPlugin } from '../../plugins/ai-assist/index.js';
import {
  createFieldModels,
  defaultMaxTrainingTickets,
} from '../../plugins/ai-assist/model/field-models.js';
import { historyReader } from '../../plugins/ai-assist/model/history-reader.js';
import { suggestionFields } from '../../plugins/ai-assist/scoring/suggestion-fields.js';
import { suggestTicketFields } from '../../plugins/ai-assist/tools/suggest-ticket-fields.js';
import { unfinishedStatuses } from '../../plugins/ai-assist/tools/similar-tickets.js';
import { seedDemoData } from '../../plugins/desk/demo/seed.js';
import { deskPlugin, deskStoreRef, type Ticket } from '../../plugins/desk/index.js';
import { createSqliteDatabase } from '../store/bench-database.js';
import { measure } from '../store/measure.js';
import { memoryMeter, megabytes } from './memory-meter.js';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

function sizes(env: NodeJS.ProcessEnv, name: string, fallback: string): number[] {
  return (env[name] ?? fallback).split(',').map((raw) => {
    const value = Number(raw.replaceAll('_', '').trim());
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${name} must list whole numbers of at least 1, got "${env[name]}"`);
    }
    return value;
  });
}

async function openTickets(server: Awaited<ReturnType<typeof createServer>>, count: number) {
  const desk = server.services.get(deskStoreRef);
  const tickets: Ticket[] = [];
  let cursor: string | undefined;
  do {
    const page = await desk.tickets.list(historyReader, {
      status: unfinishedStatuses,
      limit: 100,
      ...(cursor !== undefined && { cursor }),
    });
    tickets.push(...page.tickets);
    cursor = page.nextCursor;
  } while (cursor !== undefined && tickets.length < count);
  return tickets.slice(0, count);
}

async function benchSize(tickets: number, maxTraining: number, iterations: number) {
  const database = createSqliteDatabase();
  const server = await createServer(
    defineConfig({
      plugins: [deskPlugin(), aiAssistPlugin()],
      collections: [],
      log: { level: 'silent' },
    }),
    { env: { DATABASE_URL: database.url }, purpose: 'command' },
  );
  try {
    const seedStarted = performance.now();
    await seedDemoData(server.db, 'sqlite', { tickets });
    const seedMs = performance.now() - seedStarted;
    const desk = server.services.get(deskStoreRef);
    const models = createFieldModels(desk, {
      maxTickets: maxTraining,
      refreshMinutes: 0,
      log: silent,
    });
    const meter = memoryMeter();
    const started = performance.now();
    const trained = await models.refresh({ force: true });
    const trainMs = performance.now() - started;
    const memory = meter.stop();
    if (trained === undefined) throw new Error('the models did not train');
    const open = await openTickets(server, 200);
    const texts = open.map((t) => `${t.summary}\n${t.details}`);
    const predict = await measure(
      (i) => {
        const text = texts[i % texts.length]!;
        for (const field of suggestionFields) trained.classifiers[field]?.predict(text);
        return Promise.resolve();
      },
      { warmup: 100, warmupMs: 500, iterations },
    );
    const dryRun = await measure(
      (i) =>
        suggestTicketFields(desk, historyReader, {
          ticket: open[i % open.length]!,
          fields: suggestionFields,
          neighbours: 10,
          threshold: 0.85,
          dryRun: true,
          models: trained,
        }),
      { warmup: 20, warmupMs: 500, iterations: Math.min(iterations, 300) },
    );
    return { tickets, seedMs, trained, trainMs, memory, predict, dryRun };
  } finally {
    await server.close();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const [maxTraining = defaultMaxTrainingTickets] = sizes(
    process.env,
    'BENCH_MODEL_MAX_TRAINING',
    String(defaultMaxTrainingTickets),
  );
  const [iterations = 1000] = sizes(process.env, 'BENCH_MODEL_ITERATIONS', '1000');
  console.log('bench:models — learned ai-assist models on the demo desk (SQLite)');
  for (const tickets of sizes(process.env, 'BENCH_MODEL_TICKETS', '100000,1000000')) {
    process.stderr.write(`seeding ${tickets.toLocaleString('en-GB')} tickets…\n`);
    const r = await benchSize(tickets, maxTraining, iterations);
    const fields = Object.entries(r.trained.classifiers)
      .map(([field, c]) => `${field} ${c.labels.length} classes ${megabytes(c.memoryBytes)}`)
      .join(', ');
    console.log(
      [
        `desk of ${tickets.toLocaleString('en-GB')} tickets (seeded in ${(r.seedMs / 1000).toFixed(1)} s):`,
        `  trained on the newest ${r.trained.tickets.toLocaleString('en-GB')} resolved/closed tickets`,
        `  read + train: ${(r.trainMs / 1000).toFixed(1)} s`,
        `  memory kept by the models: ${megabytes(r.memory.retained)} (${fields})`,
        `  peak during training: heap + buffers +${megabytes(r.memory.peak)} above the start`,
        `  predict (3 fields) p50 ${r.predict.p50.toFixed(3)} ms, p99 ${r.predict.p99.toFixed(3)} ms`,
        `  apply_ai_suggestions dry run p50 ${r.dryRun.p50.toFixed(1)} ms, p99 ${r.dryRun.p99.toFixed(1)} ms`,
      ].join('\n'),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:models failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
