import type { Kysely } from 'kysely';
import type { OnCallTables } from './schema.js';

/** Who is on call for a team at an instant, and until when. */
export interface OnCallShift {
  readonly team: string;
  readonly engineer: string;
  readonly until: string;
}

/**
 * The shift of `team` covering `at` (the latest-starting one when shifts overlap), or undefined
 * when nobody is on call.
 *
 * @example
 * await shiftAt(db.withTables<OnCallTables>(), { team: 'network', at: new Date().toISOString() })
 */
export async function shiftAt(
  db: Kysely<OnCallTables>,
  query: { readonly team: string; readonly at: string },
): Promise<OnCallShift | undefined> {
  const row = await db
    .selectFrom('oncall_shifts')
    .select(['team_key', 'engineer', 'ends_at'])
    .where('team_key', '=', query.team)
    .where('starts_at', '<=', query.at)
    .where('ends_at', '>', query.at)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { team: row.team_key, engineer: row.engineer, until: row.ends_at };
}
