import { sql, type SelectQueryBuilder } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskKbArticlesTable, DeskTables } from '../schema/tables.js';
import { postgresTsQuery } from './postgres-query.js';
import { bindableText, fts5MatchExpression, searchTerms, type TextQuery } from './search-terms.js';
import {
  normalisePage,
  toPage,
  type ArticleSearchInput,
  type ArticleSearchRow,
  type SearchResult,
} from './search-types.js';
import { leadingSnippet, matchSnippets } from './snippets.js';
import type { DeskSearchContext } from './ticket-search.js';
import { isStaff } from '../store/directory.js';

type ArticleQuery = SelectQueryBuilder<DeskTables & { a: DeskKbArticlesTable }, 'a', object>;

// bm25 weights per FTS5 column (title, body, tags): title above tags above body.
const articleWeights = sql`10.0, 1.0, 3.0`;
// Staff's index adds learned_text: above body, below tags. bm25 saturates a column's word count,
// so the learned text, however often it repeats a word, stays below one title match.
const learnedWeights = sql`10.0, 1.0, 3.0, 2.0`;

/**
 * PostgreSQL has no IDF, and ts_rank_cd of an `any` query sums every occurrence, so title, body
 * and tags (A and B, ranked alone with ts_filter and the default weights) score several points on
 * a long article. The learned text counts by its density `d`, the share of its words that are
 * query words (normalisation 2: divided by its length), saturated as `s = d / (d + 0.25)`: it
 * multiplies the authored score by `1 + 3s`, and adds `0.9s` so an article found only through
 * its learned text ranks above a body-only match once a quarter of its learned words match, and
 * below a one-word title match always. Tuned on held-out demo tickets (docs/desk-store.md).
 */
const learnedBoost = 3;
const learnedAlone = 0.9;
const learnedHalf = 0.25;
// ts_rank_cd's weights are {D, C, B, A}; only C is left after ts_filter, counted in full.
const learnedOnlyWeights = '{0.1, 1.0, 0.4, 1.0}';

const articleColumns = [
  'a.id',
  'a.slug',
  'a.title',
  'a.category',
  'a.published',
  'a.updated_at',
  'a.tags',
] as const;

/** The published flag, category and tag filters on `desk_kb_articles as a`. */
function filteredArticles(
  context: DeskSearchContext,
  principal: Principal,
  input: ArticleSearchInput,
): ArticleQuery {
  let query: ArticleQuery = context.db.selectFrom('desk_kb_articles as a');
  const drafts = input.includeUnpublished === true && principal.role !== 'end_user';
  if (!drafts) query = query.where('a.published', '=', 1);
  if (input.category !== undefined)
    query = query.where('a.category', '=', bindableText(input.category));
  for (const tag of input.tags ?? []) {
    const wanted = bindableText(tag).trim().toLowerCase();
    // Tags are a JSON array in text; each engine reads it with its own JSON functions.
    query = query.where(
      context.engine === 'sqlite'
        ? sql<boolean>`exists (select 1 from json_each(a.tags) where lower(value) = ${wanted})`
        : sql<boolean>`exists (select 1 from jsonb_array_elements_text(a.tags::jsonb) as tag
            where lower(tag) = ${wanted})`,
    );
  }
  return query;
}

function rankedArticles(
  context: DeskSearchContext,
  query: ArticleQuery,
  request: { readonly search: TextQuery; readonly learned: boolean },
) {
  const { search, learned } = request;
  const selected = query.select(articleColumns);
  if (context.engine === 'sqlite') {
    // End users search the authored index; staff the one with the learned text too.
    const fts = sql.table(learned ? 'desk_kb_learned_fts' : 'desk_kb_fts');
    const weights = learned ? learnedWeights : articleWeights;
    const matches = sql<{ id: number; rank: number }>`(select rowid as id,
      bm25(${fts}, ${weights}) as rank from ${fts}
      where ${fts} match ${fts5MatchExpression(search)})`;
    return selected
      .innerJoin(matches.as('m'), 'm.id', 'a.id')
      .select(sql<number>`-m.rank`.as('score'))
      .orderBy('m.rank')
      .orderBy('a.id');
  }
  const tsquery = postgresTsQuery(search);
  const authored = sql`ts_rank_cd(ts_filter(a.search, '{a,b}'), ${tsquery})`;
  const density = sql`ts_rank_cd(${learnedOnlyWeights}::float4[],
    ts_filter(a.search, '{c}'), ${tsquery}, 2)`;
  const saturated = sql`(${density} / (${density} + ${learnedHalf}))`;
  const score = learned
    ? sql<number>`(${authored} * (1 + ${learnedBoost} * ${saturated})
        + ${learnedAlone} * ${saturated})::float8`
    : sql<number>`${authored}::float8`;
  // The index finds the candidates; an end user's must match in title, body or tags (A and B).
  const matching = selected.where(sql<boolean>`a.search @@ ${tsquery}`);
  return (
    learned ? matching : matching.where(sql<boolean>`ts_filter(a.search, '{a,b}') @@ ${tsquery}`)
  )
    .select(score.as('score'))
    .orderBy(score, 'desc')
    .orderBy('a.id');
}

/** The tags column (a JSON array in text) as a list; anything malformed reads as no tags. */
export function parseArticleTags(tags: string): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) ? parsed.filter((tag) => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Full-text search of the knowledge base: published articles (staff may ask for drafts too),
 * filtered by category and tags, ranked with a title match above a body match. For staff, the
 * words of the resolved tickets that mention an article (its learned text) match too, ranked
 * between title and body; end users search the authored text only.
 *
 * @example
 * const page = await searchArticles(context, principal, { text: 'vpn drops', tags: ['vpn'] });
 */
export async function searchArticles(
  context: DeskSearchContext,
  principal: Principal,
  input: ArticleSearchInput,
): Promise<SearchResult<ArticleSearchRow>> {
  const page = normalisePage(input);
  const listOnly = input.text === undefined || input.text.trim() === '';
  const terms = searchTerms(input.text);
  if (!listOnly && terms.length === 0) return toPage([], page);
  const filtered = filteredArticles(context, principal, input);

  if (listOnly) {
    const rows = await filtered
      .select(articleColumns)
      .select('a.body')
      .orderBy('a.title')
      .orderBy('a.id')
      .limit(page.limit + 1)
      .offset(page.offset)
      .execute();
    const hits = rows.map(({ body, tags, ...row }) => ({
      row: { ...row, tags: parseArticleTags(tags) },
      score: 0,
      snippet: leadingSnippet(body),
    }));
    return toPage(hits, page);
  }

  // The knowledge base is small enough that the last word is always read as a prefix as well.
  const search: TextQuery = { terms, mode: input.match ?? 'all', prefix: true };
  // Staff search the words learned from every organisation's resolved tickets; end users do not.
  const learned = isStaff(principal);
  const rows = await rankedArticles(context, filtered, { search, learned })
    .limit(page.limit + 1)
    .offset(page.offset)
    .execute();
  const snippets = await matchSnippets(context, {
    source: 'articles',
    ids: rows.map((row) => row.id),
    search,
  });
  const hits = rows.map(({ score, tags, ...row }) => ({
    row: { ...row, tags: parseArticleTags(tags) },
    score: Number(score),
    snippet: snippets.get(row.id) ?? leadingSnippet(row.title),
  }));
  return toPage(hits, page);
}
