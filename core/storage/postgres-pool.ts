import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import type { DatabaseMetrics } from '../metrics/core-metrics.js';

/** The limits a PostgreSQL pool is opened with (0 turns a timeout off). */
export interface PostgresLimits {
  readonly poolMax: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

/**
 * How long past the statement timeout the server may take to answer before the connection is
 * given up: the server enforces its own timeout, so silence beyond this means it is frozen or
 * unreachable.
 */
export const answerMarginMs = 2000;

const disablesTimeout =
  /^\s*set\s+(session\s+|local\s+)?statement_timeout\s*(=|to)\s*'?0'?\s*;?\s*$/i;
const setsTimeout =
  /^\s*(set\s+(session\s+|local\s+)?statement_timeout\b|reset\s+statement_timeout\b)/i;

/**
 * The comment that makes a statement a named prepared statement on PostgreSQL: a query whose text
 * carries it near its start (`select /* prepared *\/ …`, e.g. through Kysely's `modifyFront`) is
 * parsed and planned once per connection and then only bound and executed (ADR 0035). Mark only
 * statements of a fixed shape that run often: each distinct text stays prepared on every
 * connection for its life, so at most {@link preparedPerConnection} are, and later ones run
 * unnamed. SQLite reads it as the comment it is.
 *
 * @example
 * db.selectFrom('desk_tickets').modifyFront(sql.raw(preparedMarker)).selectAll().where('id', '=', id)
 */
export const preparedMarker = '/* prepared */';

/** How many named statements one connection keeps at most. */
export const preparedPerConnection = 100;

// The first characters of a statement, where a marker is looked for.
const markerReach = 48;

/** The name a marked statement is prepared under: the same text gives the same name. */
function statementName(text: string): string {
  return `sdm_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
}

/** A pool client whose queries are given up when the server does not answer in time. */
class AnsweringClient implements PostgresPoolClient {
  #broken: Error | undefined;
  /** After `set statement_timeout = 0` (maintenance work) the server may take as long as it needs. */
  #unlimited = false;
  /** The same for `set local`, which ends with the transaction (at the latest, at release). */
  #unlimitedLocally = false;
  /** The marked statements this connection has prepared, by text. */
  readonly #prepared = new Map<string, string>();

  constructor(
    readonly inner: pg.PoolClient,
    readonly answerWithinMs: number,
  ) {}

  query<R>(...args: unknown[]): never {
    const text = typeof args[0] === 'string' ? args[0] : undefined;
    if (text !== undefined && setsTimeout.test(text)) {
      if (/^\s*set\s+local\b/i.test(text)) this.#unlimitedLocally = disablesTimeout.test(text);
      else this.#unlimited = disablesTimeout.test(text);
    }
    if (this.#broken) return Promise.reject(this.#broken) as never;
    const name = text === undefined ? undefined : this.#preparedName(text);
    const answer =
      text !== undefined && name !== undefined
        ? this.inner.query({ name, text, values: args[1] as unknown[] | undefined })
        : (this.inner.query as (...a: unknown[]) => unknown)(...args);
    const unlimited = this.#unlimited || this.#unlimitedLocally || this.answerWithinMs <= 0;
    if (text === undefined || unlimited) return answer as never;
    return this.#withinDeadline(answer as Promise<PostgresQueryResult<R>>) as never;
  }

  /** The name to run a marked statement under, or undefined to run `text` unnamed. */
  #preparedName(text: string): string | undefined {
    const known = this.#prepared.get(text);
    if (known !== undefined) return known;
    if (!text.slice(0, markerReach).includes(preparedMarker)) return undefined;
    if (this.#prepared.size >= preparedPerConnection) return undefined;
    const name = statementName(text);
    this.#prepared.set(text, name);
    return name;
  }

  #withinDeadline<R>(answer: Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The socket is stuck mid-query: the client can never be used again.
        this.#broken = Object.assign(
          new Error(`the database did not answer within ${this.answerWithinMs} ms`),
          { code: 'SDM_NO_ANSWER' },
        );
        reject(this.#broken);
      }, this.answerWithinMs);
      answer.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  release(): void {
    this.#unlimitedLocally = false;
    // An error makes pg-pool close the connection instead of handing it out again.
    this.inner.release(this.#broken);
  }
}

/**
 * A pg pool for Kysely that survives what a database does in production: a connection that dies
 * while in use (restart, a killed backend) is reported through `onConnectionError` instead of
 * crashing the process, statements and lock waits have server-side timeouts, waiting for a free
 * connection has a deadline, and a server that stops answering altogether (frozen, partitioned)
 * fails the query after the statement timeout plus {@link answerMarginMs}.
 *
 * @example
 * const pool = await openPostgresPool(url, limits, { onConnectionError: (error) => log.warn('lost', { error: error.message }) });
 * new Kysely({ dialect: new PostgresDialect({ pool }) });
 */
export async function openPostgresPool(
  url: string,
  limits: PostgresLimits,
  observers: {
    readonly onConnectionError: (error: Error) => void;
    /** Told each wait for a connection; given the pool's counts to read at scrapes. */
    readonly metrics?: DatabaseMetrics;
  },
): Promise<PostgresPool> {
  const { onConnectionError, metrics } = observers;
  const { default: driver } = await import('pg');
  // BIGINT and NUMERIC arrive as strings by default; counts and ids stay numbers here.
  driver.types.setTypeParser(20, (v) => Number(v));
  const pool = new driver.Pool({
    connectionString: url,
    max: limits.poolMax,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    ...(limits.statementTimeoutMs > 0 && { statement_timeout: limits.statementTimeoutMs }),
    ...(limits.lockTimeoutMs > 0 && { lock_timeout: limits.lockTimeoutMs }),
    keepAlive: true,
  });
  // pg-pool listens for 'error' only on idle clients; a connection that dies while checked out
  // would emit 'error' with no listener and end the process. This listener stays for its life.
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // The idle clients' errors are re-emitted here after reaching the listener above.
  pool.on('error', () => undefined);
  const first = await pool.connect();
  first.release();
  const answerWithinMs =
    limits.statementTimeoutMs > 0 ? limits.statementTimeoutMs + answerMarginMs : 0;
  const clients = new WeakMap<pg.PoolClient, AnsweringClient>();
  metrics?.pool(() => ({
    total: pool.totalCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
  }));
  return {
    async connect() {
      const asked = performance.now();
      const client = await pool.connect();
      metrics?.waited(performance.now() - asked);
      // Kysely keeps one connection object per client it is handed, so the wrapper is reused.
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = new AnsweringClient(client, answerWithinMs);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
