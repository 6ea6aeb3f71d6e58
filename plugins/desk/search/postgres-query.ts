import { sql, type RawBuilder } from 'kysely';
import { prefixTerm, websearchText, type MatchMode } from './search-terms.js';

/**
 * The PostgreSQL tsquery for `terms`, built only from functions that accept any text:
 * `websearch_to_tsquery('english', …)` for the words, and for the last word also a prefix match
 * (`'word':*` in the `simple` configuration, so "printe" finds "printer"). `quote_literal` makes
 * the word one quoted lexeme whatever it holds; an empty tsquery drops out of `&&` and `||`.
 *
 * @example
 * sql`desk_tickets.search @@ ${postgresTsQuery(['vpn', 'drops'], 'all')}`
 */
export function postgresTsQuery(terms: readonly string[], mode: MatchMode): RawBuilder<unknown> {
  const prefix = prefixTerm(terms);
  if (prefix === undefined)
    return sql`websearch_to_tsquery('english', ${websearchText(terms, mode)})`;
  const words = sql`websearch_to_tsquery('english', ${websearchText(terms.slice(0, -1), mode)})`;
  const last = sql`(websearch_to_tsquery('english', ${prefix})
    || to_tsquery('simple', quote_literal(${prefix}) || ':*'))`;
  return mode === 'all' ? sql`(${words} && ${last})` : sql`(${words} || ${last})`;
}
