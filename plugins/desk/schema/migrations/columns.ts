import {
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Expression,
} from 'kysely';
import type { DatabaseEngine } from '../../../../core/index.js';

/**
 * Column shapes the desk migrations repeat, written once for both engines: integer primary keys
 * (`integer primary key autoincrement` on SQLite, `bigserial` on PostgreSQL) and foreign keys of
 * the matching type.
 */
export interface DeskColumns {
  readonly id: <TTable extends string>(
    table: CreateTableBuilder<TTable>,
  ) => CreateTableBuilder<TTable>;
  /** A column that refers to an id: `integer` on SQLite, `bigint` on PostgreSQL. */
  readonly idType: 'integer' | 'bigint';
  /** `references table(id)` on an id-typed column. */
  readonly references: (
    target: string,
  ) => (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/** The column helpers for `engine`. */
export function deskColumns(engine: DatabaseEngine): DeskColumns {
  const postgres = engine === 'postgres';
  return {
    id: (table) =>
      table.addColumn('id', postgres ? 'bigserial' : 'integer', (c) =>
        postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
      ),
    idType: postgres ? 'bigint' : 'integer',
    references: (target) => (c) => c.references(`${target}.id`),
  };
}

/**
 * `column in ('a', 'b', …)` for a check constraint. The values are constants written in the
 * migrations, never input; `sql.lit` still quotes each one.
 */
export function oneOf(column: string, values: readonly string[]): Expression<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** `column between low and high` for a check constraint. */
export function between(column: string, low: number, high: number): Expression<unknown> {
  return sql`${sql.ref(column)} between ${sql.lit(low)} and ${sql.lit(high)}`;
}
