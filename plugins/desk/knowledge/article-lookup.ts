import type { Kysely } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskTables, KbArticleRow } from '../schema/tables.js';
import { parseArticleTags } from '../search/article-search.js';
import { isStaff } from '../store/directory.js';

/** A knowledge-base article as the store hands it out (without the learned text, which is internal). */
export type KbArticle = Omit<KbArticleRow, 'tags' | 'published' | 'learned_text'> & {
  readonly tags: readonly string[];
  readonly published: boolean;
};

/** How a caller names an article: its id, or its slug (e.g. `vpn-keeps-disconnecting`). */
export type ArticleReference = number | string;

/**
 * Reads one article by id or slug (a numeric string is read as an id). End users see published
 * articles only; a draft is "not found" to them, exactly like an article that does not exist.
 */
export async function findArticle(
  db: Kysely<DeskTables>,
  principal: Principal,
  reference: ArticleReference,
): Promise<KbArticle | undefined> {
  const byId = typeof reference === 'number' || /^\d+$/.test(reference.trim());
  // An id beyond the integer range names no article; it must not reach PostgreSQL's bigint.
  if (byId && !Number.isSafeInteger(Number(reference))) return undefined;
  let query = db
    .selectFrom('desk_kb_articles')
    .select([
      'id',
      'slug',
      'title',
      'body',
      'tags',
      'category',
      'published',
      'created_at',
      'updated_at',
    ]);
  query = byId
    ? query.where('id', '=', Number(reference))
    : query.where('slug', '=', String(reference).trim().toLowerCase());
  if (!isStaff(principal)) query = query.where('published', '=', 1);
  const row = await query.executeTakeFirst();
  if (row === undefined) return undefined;
  return { ...row, tags: parseArticleTags(row.tags), published: row.published === 1 };
}
