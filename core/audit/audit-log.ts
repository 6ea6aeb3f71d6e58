import type { Database } from '../storage/database.js';
import type { Logger } from '../log/logger.js';
import type { AuditOutcome, AuditTables } from './audit-schema.js';

/** One tool call, as the MCP binding reports it. */
export interface AuditEntry {
  readonly at: Date;
  readonly collectionId: string;
  readonly userId: string;
  readonly role: string;
  readonly clientId: string;
  readonly tool: string;
  /** Already redacted. */
  readonly arguments: unknown;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
  readonly correlationId: string;
}

/** A stored audit row. */
export type AuditRow = Omit<AuditTables['sdm_audit'], 'id'> & { id: number };

const maxBatch = 500;
const maxPending = 50_000;

/**
 * Writes one audit row per tool call. Rows are batched (one multi-row insert at most every
 * `flushMs`) so auditing adds no database round trip to a call; `flush()` and `close()` write
 * what is pending.
 */
export class AuditLog {
  readonly #db;
  readonly #log: Logger;
  readonly #flushMs: number;
  #pending: AuditTables['sdm_audit'][] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: { db: Database; log: Logger; flushMs?: number }) {
    this.#db = options.db.withTables<AuditTables>();
    this.#log = options.log;
    this.#flushMs = options.flushMs ?? 200;
  }

  record(entry: AuditEntry): void {
    if (this.#pending.length >= maxPending) {
      this.#log.error('audit backlog full; dropping a row', {
        tool: entry.tool,
        correlationId: entry.correlationId,
      });
      return;
    }
    this.#pending.push({
      id: undefined,
      at: entry.at.toISOString(),
      collection_id: entry.collectionId,
      user_id: entry.userId,
      role: entry.role,
      client_id: entry.clientId,
      tool: entry.tool,
      arguments: JSON.stringify(entry.arguments ?? {}),
      outcome: entry.outcome,
      error_code: entry.errorCode ?? null,
      duration_ms: entry.durationMs,
      correlation_id: entry.correlationId,
    });
    if (this.#pending.length >= maxBatch) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
  }

  /** Writes every pending row. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#writePending());
    return this.#flushing;
  }

  async #writePending(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, maxBatch).map(({ id: _id, ...row }) => row);
      try {
        await this.#db.insertInto('sdm_audit').values(batch).execute();
      } catch (error) {
        this.#log.error('audit write failed; rows kept for the next flush', {
          rows: batch.length,
          error: (error as Error).message,
        });
        this.#pending.unshift(...batch.map((row) => ({ id: undefined, ...row })));
        this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs * 5).unref();
        return;
      }
    }
  }

  /** Rows at or after `since`, newest last. */
  async query(filter: {
    since: Date;
    collectionId?: string;
    tool?: string;
    limit?: number;
  }): Promise<AuditRow[]> {
    let query = this.#db
      .selectFrom('sdm_audit')
      .selectAll()
      .where('at', '>=', filter.since.toISOString());
    if (filter.collectionId !== undefined)
      query = query.where('collection_id', '=', filter.collectionId);
    if (filter.tool !== undefined) query = query.where('tool', '=', filter.tool);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 1000)
      .execute();
    return rows.reverse() as AuditRow[];
  }
}
