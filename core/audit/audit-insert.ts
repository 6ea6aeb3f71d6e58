import { CompiledQuery } from 'kysely';
import type { DatabaseEngine } from '../storage/database.js';
import { auditArgumentsJson } from './audit-arguments.js';
import type { AuditEntry } from './audit-log.js';
import type { AuditOutcome, AuditTables } from './audit-schema.js';

/**
 * One audit row's values, in the order of {@link auditColumns}: a tuple rather than an object, so
 * a pending row is one small array and a batch needs no reshaping before it is bound.
 */
export type AuditValues = readonly [
  at: string,
  collectionId: string,
  userId: string,
  role: string,
  clientId: string,
  tool: string,
  arguments: string,
  outcome: AuditOutcome,
  errorCode: string | null,
  durationMs: number,
  correlationId: string,
  clientName: string | null,
  clientVersion: string | null,
  protocolVersion: string | null,
];

/** Each written column, in the order of {@link AuditValues}, with its PostgreSQL type (for `unnest`). */
const columnTypes = [
  ['at', 'text'],
  ['collection_id', 'text'],
  ['user_id', 'text'],
  ['role', 'text'],
  ['client_id', 'text'],
  ['tool', 'text'],
  ['arguments', 'text'],
  ['outcome', 'text'],
  ['error_code', 'text'],
  ['duration_ms', 'double precision'],
  ['correlation_id', 'text'],
  ['client_name', 'text'],
  ['client_version', 'text'],
  ['protocol_version', 'text'],
] as const satisfies readonly (readonly [keyof AuditTables['sdm_audit'], string])[];

/**
 * The columns an audit insert writes, in the order of {@link AuditValues}.
 *
 * @example
 * auditColumns[10] // 'correlation_id'
 */
export const auditColumns: readonly string[] = Object.freeze(columnTypes.map(([column]) => column));

/**
 * The values of `entry`'s row: arguments redacted and bounded (see `auditArgumentsJson`).
 *
 * @example
 * pending.push(auditValues(entry));
 */
export function auditValues(entry: AuditEntry): AuditValues {
  return [
    entry.at.toISOString(),
    entry.collectionId,
    entry.userId,
    entry.role,
    entry.clientId,
    entry.tool,
    auditArgumentsJson(entry.arguments, entry.secretArguments),
    entry.outcome,
    entry.errorCode ?? null,
    entry.durationMs,
    entry.correlationId,
    entry.clientName ?? null,
    entry.clientVersion ?? null,
    entry.protocolVersion ?? null,
  ];
}

const columnList = auditColumns.join(', ');

/**
 * SQLite batches are cut into chunks of these sizes (largest first), so the statement cache holds
 * one prepared statement per size instead of one per batch length, and a chunk binds at most
 * 256 × 14 parameters, far below SQLite's limit.
 */
const sqliteChunkSizes = [256, 128, 64, 32, 16, 8, 4, 2, 1] as const;

function sqliteInsert(rows: number): string {
  const tuple = `(${auditColumns.map(() => '?').join(', ')})`;
  return `insert into sdm_audit (${columnList}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** Any number of rows in one statement: one array per column, so the text never changes. */
const postgresInsert =
  `insert into sdm_audit (${columnList}) select * from unnest(` +
  `${columnTypes.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;

/** Writes audit rows with SQL built once, without the query builder; every value is a parameter. */
export interface AuditInsert {
  /**
   * The statements that write `rows` (in order), each with how many rows it writes, so a caller
   * can drop the rows of each statement that succeeded.
   */
  statements(rows: readonly AuditValues[]): { query: CompiledQuery; rows: number }[];
}

const sqliteStatementText: ReadonlyMap<number, string> = new Map(
  sqliteChunkSizes.map((size) => [size, sqliteInsert(size)]),
);

function sqliteStatements(rows: readonly AuditValues[]): { query: CompiledQuery; rows: number }[] {
  const out: { query: CompiledQuery; rows: number }[] = [];
  let start = 0;
  for (const size of sqliteChunkSizes) {
    while (rows.length - start >= size) {
      const parameters: unknown[] = [];
      for (let i = start; i < start + size; i++) parameters.push(...(rows[i] as AuditValues));
      out.push({
        query: CompiledQuery.raw(sqliteStatementText.get(size) as string, parameters),
        rows: size,
      });
      start += size;
    }
  }
  return out;
}

function postgresStatements(
  rows: readonly AuditValues[],
): { query: CompiledQuery; rows: number }[] {
  const columns = auditColumns.map((_, c) => rows.map((row) => row[c]));
  return [{ query: CompiledQuery.raw(postgresInsert, columns), rows: rows.length }];
}

/**
 * The audit insert for `engine`: SQLite, multi-row inserts of a few fixed sizes that its
 * statement cache keeps prepared; PostgreSQL, one `insert … select from unnest($1::text[], …)`
 * whose text is the same for any number of rows, so a batch is one round trip.
 *
 * @example
 * for (const { query } of auditInsert('sqlite').statements(rows)) await db.executeQuery(query);
 */
export function auditInsert(engine: DatabaseEngine): AuditInsert {
  return Object.freeze({
    statements: engine === 'postgres' ? postgresStatements : sqliteStatements,
  });
}
