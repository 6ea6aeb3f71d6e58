import type { Kysely } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import { searchTerms } from '../search/search-terms.js';
import type { CatalogueEntry } from './catalogue-views.js';

/** What a catalogue search takes. */
export interface CatalogueSearchInput {
  /** Words to look for; without text every entry is listed by name. */
  readonly text?: string;
  /** At most this many entries (default 20, at most 100). */
  readonly limit?: number;
  /** Only the form with this key (exact, any case). */
  readonly key?: string;
}

// How much a word found in each part of an entry counts: its name says most about it.
const weights = { name: 3, service: 2, ticketType: 1, description: 1 } as const;

/** Lower-case words with a plural or verb ending cut off, so "laptops" meets "laptop". */
function stems(text: string): readonly string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map(stem);
}

function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const ending of ['ing', 'ers', 'er', 'es', 'ed', 's']) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

function scoreEntry(queryStems: readonly string[], parts: Record<keyof typeof weights, string>) {
  const partStems = Object.entries(parts).map(
    ([part, text]) => [weights[part as keyof typeof weights], stems(text)] as const,
  );
  let score = 0;
  let matched = 0;
  for (const query of queryStems) {
    // A word counts once for each part that holds it: a laptop form of the laptop service
    // beats a form that mentions laptops in passing.
    const found = partStems
      .filter(([, words]) =>
        words.some((word) => word === query || (query.length >= 4 && word.startsWith(query))),
      )
      .reduce((sum, [weight]) => sum + weight, 0);
    if (found > 0) matched += 1;
    score += found;
  }
  // Every word found beats a higher weight on fewer words.
  return matched === 0 ? 0 : matched * 10 + score;
}

/**
 * Searches the service catalogue. A catalogue holds tens to hundreds of request forms, so it is
 * read whole and ranked here: an entry scores for each query word found in its name, its
 * service's name, its ticket type and its description, and entries with more of the words rank
 * first. Query text is reduced to plain words first, like every desk search.
 */
export async function searchCatalogue(
  db: Kysely<DeskTables>,
  input: CatalogueSearchInput,
): Promise<readonly CatalogueEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), 100);
  const queryStems = [...new Set(searchTerms(input.text).map(stem))];
  // Text with no searchable word in it (only punctuation, say) matches nothing, as elsewhere.
  if (queryStems.length === 0 && (input.text ?? '').trim() !== '') return [];
  const rows = await db
    .selectFrom('desk_catalogue_items as c')
    .innerJoin('desk_ticket_types as t', 't.id', 'c.ticket_type_id')
    .leftJoin('desk_services as s', 's.id', 'c.service_id')
    .leftJoin('desk_teams as team', 'team.id', 'c.default_team_id')
    .select([
      'c.key',
      'c.name',
      'c.description',
      's.key as service_key',
      's.name as service_name',
      't.key as type_key',
      't.name as type_name',
      'team.key as team_key',
      'team.name as team_name',
    ])
    .$if(input.key !== undefined, (query) =>
      query.where('c.key', '=', (input.key ?? '').trim().toLowerCase()),
    )
    .orderBy('c.name')
    .orderBy('c.key')
    .execute();
  const entries = rows.map((row) => ({
    key: row.key,
    name: row.name,
    description: row.description,
    service:
      row.service_key === null || row.service_name === null
        ? null
        : { key: row.service_key, name: row.service_name },
    ticketType: { key: row.type_key, name: row.type_name },
    team:
      row.team_key === null || row.team_name === null
        ? null
        : { key: row.team_key, name: row.team_name },
    score:
      queryStems.length === 0
        ? 0
        : scoreEntry(queryStems, {
            name: row.name,
            service: row.service_name ?? '',
            ticketType: row.type_name,
            description: row.description,
          }),
  }));
  if (queryStems.length === 0) return entries.slice(0, limit);
  return entries
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, limit);
}
