import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Principal, Scope } from '../../core/index.js';
import type { DeskStore, DeskTables } from '../desk/api.js';

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * The summary schema of a report that declares none: an empty object.
 *
 * @example
 * const none: NoSummary = z.object({});
 */
export type NoSummary = z.ZodObject<Record<string, never>>;

/**
 * What a report's `query` receives: its validated parameters, the caller, the desk's tables as a
 * typed Kysely (`db.withTables<MyTables>()` reaches a deployment's own tables), the desk store,
 * the report clock and the call's cancellation signal.
 *
 * @example
 * query: async ({ params, db }) => ({ rows: await db.selectFrom('desk_teams').select(['key', 'name']).execute(), summary: {} })
 */
export interface ReportContext<TParams> {
  readonly params: TParams;
  readonly principal: Principal;
  readonly db: Kysely<DeskTables>;
  readonly desk: DeskStore;
  /** The report clock (the plugin's `now` option): "this month", "the last 4 weeks". */
  readonly now: Date;
  readonly signal: AbortSignal;
}

/**
 * The whole result of a report: every row (the plugin pages them) and totals over all of them,
 * so the summary is the same on every page.
 *
 * @example
 * const result: ReportResult<{ team: string }, { teams: number }> = { rows: [{ team: 'network' }], summary: { teams: 1 } };
 */
export interface ReportResult<TRow, TSummary> {
  readonly rows: readonly TRow[];
  readonly summary: TSummary;
  /** Parameters as the report resolved them (e.g. the month a default stood for), echoed back. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * A report as its author writes it; see {@link defineReport}.
 *
 * @example
 * const spec: ReportSpec<typeof params, typeof row> = { id: 'mine', title, description, parameters: params, row, query };
 */
export interface ReportSpec<
  TParams extends AnyObjectSchema,
  TRow extends AnyObjectSchema,
  TSummary extends AnyObjectSchema = NoSummary,
> {
  /** snake_case, so the tool `get_report_<id>` is at most 64 characters. */
  readonly id: string;
  readonly title: string;
  /** Written for a language model: what the report answers and when to use it. */
  readonly description: string;
  /** The report's own arguments; `.describe()` each. `limit` and `cursor` are the plugin's. */
  readonly parameters: TParams;
  /** One output row. Keep it flat: the text form is a table of these columns. */
  readonly row: TRow;
  /** Totals over the whole result; an empty object when left out. */
  readonly summary?: TSummary;
  /** Scopes needed besides `reports:read:all`, e.g. `tickets:read:all`. */
  readonly scopes?: readonly Scope[];
  /**
   * Reads the whole result with Kysely (parameterised, never SQL text built from input). Throw
   * `ToolError` naming the parameter for input the schema cannot reject (e.g. from after to).
   */
  query(
    ctx: ReportContext<z.output<TParams>>,
  ): Promise<ReportResult<z.input<TRow>, z.input<TSummary>>>;
}

/**
 * A report with its types erased, as the plugin registers it.
 *
 * @example
 * const reports: AnyReportDefinition[] = [whitespaceReport, myReport];
 */
export interface AnyReportDefinition {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly parameters: AnyObjectSchema;
  readonly row: AnyObjectSchema;
  readonly summary?: AnyObjectSchema;
  readonly scopes: readonly Scope[];
  query(ctx: ReportContext<Record<string, unknown>>): Promise<ReportResult<unknown, unknown>>;
}

/**
 * A report definition, frozen, as {@link defineReport} returns it.
 *
 * @example
 * const mine: ReportDefinition<typeof params, typeof row> = defineReport({ ... });
 */
export type ReportDefinition<
  TParams extends AnyObjectSchema,
  TRow extends AnyObjectSchema,
  TSummary extends AnyObjectSchema = NoSummary,
> = Readonly<ReportSpec<TParams, TRow, TSummary>> & { readonly scopes: readonly Scope[] };

/**
 * Declares a named, parameterised, read-only report; `reportsPlugin({ reports: [...] })` serves
 * it as the tool `get_report_<id>` with paging and a summary. Types flow from the schemas: the
 * query's `params` are the parsed parameters, its rows must fit `row`.
 *
 * @example
 * const teamSizes = defineReport({
 *   id: 'team_sizes',
 *   title: 'Team sizes',
 *   description: 'How many agents each team has.',
 *   parameters: z.object({}),
 *   row: z.object({ team: z.string(), agents: z.number().int() }),
 *   query: async ({ db }) => ({
 *     rows: await db.selectFrom('desk_teams').innerJoin('desk_team_members', 'team_id', 'desk_teams.id')
 *       .select((eb) => ['desk_teams.key as team', eb.fn.countAll<number>().as('agents')])
 *       .groupBy('desk_teams.key').orderBy('desk_teams.key').execute(),
 *     summary: {},
 *   }),
 * });
 */
export function defineReport<
  TParams extends AnyObjectSchema,
  TRow extends AnyObjectSchema,
  TSummary extends AnyObjectSchema = NoSummary,
>(spec: ReportSpec<TParams, TRow, TSummary>): ReportDefinition<TParams, TRow, TSummary> {
  return Object.freeze({ ...spec, scopes: Object.freeze([...(spec.scopes ?? [])]) });
}
