import { sql } from 'kysely';
import type { DeskStoreContext } from '../store/store-context.js';
import { postgresTsQuery } from './postgres-query.js';
import { fts5MatchExpression, type TextQuery } from './search-terms.js';

/** The index a snippet is cut from: its FTS5 table and, on PostgreSQL, its table and text. */
export type SnippetSource = 'tickets' | 'articles';

const sources = {
  tickets: {
    fts: sql.table('desk_tickets_fts'),
    table: sql.table('desk_tickets'),
    document: sql`summary || ' — ' || details`,
  },
  articles: {
    fts: sql.table('desk_kb_fts'),
    table: sql.table('desk_kb_articles'),
    // The authored index and text only: a snippet is never cut from the learned text.
    document: sql`title || ' — ' || body`,
  },
} as const;

/** ts_headline's options: matched words in **bold**, as an assistant renders Markdown, about 24 words around them. */
export const headlineOptions = 'StartSel=**, StopSel=**, MaxWords=24, MinWords=12, ShortWord=2';

/** What {@link matchSnippets} needs: the rows found and the query they were found by. */
export interface SnippetRequest {
  readonly source: SnippetSource;
  readonly ids: readonly number[];
  readonly search: TextQuery;
}

/**
 * Excerpts around the matched words of the rows `ids`, by id. Cut in a second query over just the
 * page's rows, so a search matching many rows cuts only the snippets it returns.
 */
export async function matchSnippets(
  { db, engine }: DeskStoreContext,
  { source, ids, search }: SnippetRequest,
): Promise<ReadonlyMap<number, string>> {
  if (ids.length === 0) return new Map();
  const { fts, table, document } = sources[source];
  const idList = sql.join(ids.map((id) => sql.lit(id)));
  const query =
    engine === 'sqlite'
      ? sql<{ id: number; snippet: string }>`select rowid as id,
          snippet(${fts}, -1, '**', '**', '…', 24) as snippet
          from ${fts} where ${fts} match ${fts5MatchExpression(search)}
          and rowid in (${idList})`
      : sql<{ id: number; snippet: string }>`select id,
          ts_headline('english', ${document},
            ${postgresTsQuery(search)}, ${headlineOptions})
          as snippet from ${table} where id in (${idList})`;
  const { rows } = await query.execute(db);
  return new Map(rows.map((row) => [Number(row.id), row.snippet]));
}

/** The start of `text` on word boundaries, for hits listed without query text. */
export function leadingSnippet(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
