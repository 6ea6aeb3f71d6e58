import type { Database, DatabaseEngine } from '../storage/database.js';
import type { Logger } from '../log/logger.js';
import { outsideCalls } from '../log/call-frame.js';
import { auditInsert, auditValues, type AuditInsert, type AuditValues } from './audit-insert.js';
import type { AuditOutcome, AuditTables } from './audit-schema.js';

/** One tool call, as the MCP binding reports it. */
export interface AuditEntry {
  readonly at: Date;
  readonly collectionId: string;
  readonly userId: string;
  readonly role: string;
  readonly clientId: string;
  readonly tool: string;
  /** As the caller sent them: the row keeps them redacted and cut to `auditArgumentLimits`. */
  readonly arguments: unknown;
  /** Argument keys the tool declares secret, redacted besides those named like secrets. */
  readonly secretArguments?: readonly string[] | undefined;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string | undefined;
  readonly durationMs: number;
  readonly correlationId: string;
  /** The client program's name and version, when the request says (see `RequestContext`). */
  readonly clientName?: string | undefined;
  readonly clientVersion?: string | undefined;
  readonly protocolVersion?: string | undefined;
}

/** A stored audit row. */
export type AuditRow = Omit<AuditTables['sdm_audit'], 'id'> & { id: number };

const maxBatch = 500;
/** Rows kept in memory while the database refuses them; past this, new rows are dropped (and counted). */
export const maxPendingAuditRows = 50_000;
/** The longest pause between two attempts while audit writes fail. */
const maxRetryMs = 30_000;

/** While writes fail: since when, and how many attempts so far. */
interface Outage {
  readonly since: number;
  attempts: number;
}

/**
 * Writes one audit row per tool call. Rows are batched (one multi-row insert at most every
 * `flushMs`) so auditing adds no database round trip to a call; `flush()` and `close()` write
 * what is pending. The insert's SQL is built once per engine (see `auditInsert`): a call pays
 * for one small array, a batch for binding its values, never for the query builder. While the
 * database refuses them, rows wait in memory (at most {@link maxPendingAuditRows}) and one retry
 * loop with backoff writes them when it recovers; the outage is logged once when it starts and
 * once when it ends.
 */
export class AuditLog {
  readonly #db;
  readonly #log: Logger;
  readonly #flushMs: number;
  readonly #insert: AuditInsert;
  #pending: AuditValues[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #outage: Outage | undefined;
  /** Rows dropped since the backlog was last full. */
  #dropped = 0;
  readonly #onRecord: ((entry: AuditEntry) => void) | undefined;

  constructor(options: {
    db: Database;
    engine: DatabaseEngine;
    log: Logger;
    flushMs?: number;
    /** Told of every entry as it is recorded (the call metrics), dropped or not. */
    onRecord?: (entry: AuditEntry) => void;
  }) {
    this.#db = options.db.withTables<AuditTables>();
    this.#onRecord = options.onRecord;
    this.#log = options.log;
    this.#flushMs = options.flushMs ?? 200;
    this.#insert = auditInsert(options.engine);
  }

  record(entry: AuditEntry): void {
    this.#onRecord?.(entry);
    if (this.#pending.length >= maxPendingAuditRows) {
      this.#drop(entry);
      return;
    }
    this.#pending.push(auditValues(entry));
    // During an outage only the retry loop writes: a write per call would flood the database.
    if (this.#outage) return;
    // The batch is written for many calls: outside this one's log id and span.
    if (this.#pending.length >= maxBatch) outsideCalls(() => void this.flush());
    else
      this.#timer ??= outsideCalls(() =>
        setTimeout(() => void this.flush(), this.#flushMs).unref(),
      );
  }

  /** Rows waiting to be written. */
  get pendingRows(): number {
    return this.#pending.length;
  }

  /** Writes every pending row (one attempt during an outage). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#writePending());
    return this.#flushing;
  }

  #drop(entry: AuditEntry): void {
    if (this.#dropped === 0) {
      this.#log.error('audit backlog full; new rows are dropped until it drains', {
        pending: this.#pending.length,
        tool: entry.tool,
        correlationId: entry.correlationId,
      });
    }
    this.#dropped++;
  }

  async #writePending(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#pending.length > 0) {
      const batch = this.#pending.slice(0, maxBatch);
      // Each statement's rows leave the backlog once written, so a retry never writes them twice.
      for (const { query, rows } of this.#insert.statements(batch)) {
        try {
          await this.#db.executeQuery(query);
        } catch (error) {
          this.#failed(error as Error);
          return;
        }
        this.#pending.splice(0, rows);
      }
    }
    this.#recovered();
  }

  #failed(error: Error): void {
    if (this.#outage === undefined || this.#outage.attempts === 0) {
      this.#log.error('audit writes are failing; rows are kept in memory and retried', {
        pending: this.#pending.length,
        limit: maxPendingAuditRows,
        error: error.message,
      });
    }
    const outage = (this.#outage ??= { since: Date.now(), attempts: 0 });
    outage.attempts++;
    const pause = Math.min(this.#flushMs * 5 * 2 ** (outage.attempts - 1), maxRetryMs);
    this.#timer = setTimeout(() => void this.flush(), pause * (0.75 + Math.random() / 2));
    this.#timer.unref();
  }

  #recovered(): void {
    const outage = this.#outage;
    const dropped = this.#dropped;
    this.#outage = undefined;
    this.#dropped = 0;
    if (outage === undefined && dropped === 0) return;
    this.#log.warn('audit writes recovered; the rows kept were written', {
      ...(outage && { outageMs: Date.now() - outage.since, attempts: outage.attempts }),
      dropped,
    });
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
