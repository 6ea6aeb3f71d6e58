import { sql, type RawBuilder } from 'kysely';
import { prefixTerm, websearchText, type TextQuery } from './search-terms.js';

/**
 * The PostgreSQL tsquery for a {@link TextQuery}, built only from functions that accept any text:
 * `websearch_to_tsquery('english', …)` for the words and, with `prefix`, for the last word also a
 * prefix match (`'word':*` in the `simple` configuration, so "printe" finds "printer"). `quote_literal` makes
 * the word one quoted lexeme whatever it holds; an empty tsquery drops out of `&&` and `||`.
 *
 * @example
 * sql`desk_tickets.search @@ ${postgresTsQuery({ terms: ['vpn', 'drops'], mode: 'all', prefix: false })}`
 */
export function postgresTsQuery({ terms, mode, ...options }: TextQuery): RawBuilder<unknown> {
  const prefix = options.prefix ? prefixTerm(terms) : undefined;
  if (prefix === undefined)
    return sql`websearch_to_tsquery('english', ${websearchText(terms, mode)})`;
  const words = sql`websearch_to_tsquery('english', ${websearchText(terms.slice(0, -1), mode)})`;
  const last = sql`(websearch_to_tsquery('english', ${prefix})
    || to_tsquery('simple', quote_literal(${prefix}) || ':*'))`;
  return mode === 'all' ? sql`(${words} && ${last})` : sql`(${words} || ${last})`;
}
