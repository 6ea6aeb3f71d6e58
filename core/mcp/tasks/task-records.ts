import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../storage/database.js';
import type { TaskTables } from './task-schema.js';

/** How long a task may be polled after it was created, in ms: a working day and night. */
export const taskTtlMs = 24 * 60 * 60_000;

/** What the core keeps of one task: whose it is, where it was made and where its work is stored. */
export interface TaskRecord {
  readonly collection: string;
  readonly tool: string;
  readonly ref: string;
  readonly user: string;
  readonly client: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

function hashOf(taskId: string): string {
  return createHash('sha256').update(taskId).digest('base64url');
}

/**
 * The tasks handed to 2026-07-28 clients, in the server's database so that any instance answers
 * `tasks/get` for a task another created. Task ids are 192 random bits (the extension requires
 * ids no one can guess) and are stored only as their SHA-256, like every other bearer value.
 *
 * @example
 * const records = new TaskRecords(runtime.db);
 * const { taskId } = await records.create({ collection: 'agent', tool: 'run_x', ref: runId, user, client });
 * const record = await records.find(taskId);
 */
export class TaskRecords {
  readonly #db;
  #nextSweep = 0;

  constructor(db: Database) {
    this.#db = db.withTables<TaskTables>();
  }

  /** Stores a new task and returns its id; the row is written before this resolves. */
  async create(
    owner: Omit<TaskRecord, 'createdAt' | 'expiresAt'>,
  ): Promise<{ taskId: string; record: TaskRecord }> {
    await this.#sweep();
    const taskId = randomBytes(24).toString('base64url');
    const createdAt = new Date();
    const record: TaskRecord = {
      ...owner,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + taskTtlMs),
    };
    await this.#db
      .insertInto('sdm_tasks')
      .values({
        id_hash: hashOf(taskId),
        collection_id: record.collection,
        tool: record.tool,
        ref: record.ref,
        user_id: record.user,
        client_id: record.client,
        created_at: createdAt.toISOString(),
        expires_at: record.expiresAt.toISOString(),
      })
      .execute();
    return { taskId, record };
  }

  /** The task with this id, expired or not; undefined when there is none. */
  async find(taskId: string): Promise<TaskRecord | undefined> {
    const row = await this.#db
      .selectFrom('sdm_tasks')
      .selectAll()
      .where('id_hash', '=', hashOf(taskId))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      collection: row.collection_id,
      tool: row.tool,
      ref: row.ref,
      user: row.user_id,
      client: row.client_id,
      createdAt: new Date(row.created_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Drops tasks a day past their expiry (until then they are answered "expired"), at most hourly. */
  async #sweep(): Promise<void> {
    if (Date.now() < this.#nextSweep) return;
    this.#nextSweep = Date.now() + 60 * 60_000;
    await this.#db
      .deleteFrom('sdm_tasks')
      .where('expires_at', '<', new Date(Date.now() - taskTtlMs).toISOString())
      .execute();
  }
}
