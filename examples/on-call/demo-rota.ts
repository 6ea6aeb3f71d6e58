import type { Kysely } from 'kysely';
import type { DeskTables } from '../../plugins/desk/index.js';
import type { OnCallTables } from './schema.js';

const dayMs = 86_400_000;

/**
 * Fills an empty rota with daily shifts for every desk team that has members, from a week ago
 * to four weeks ahead, taking the team's members in turn. Does nothing when any shift exists, so
 * every start may call it. Returns the shifts written.
 *
 * @example
 * await seedDemoRota(ctx.db.withTables<DeskTables & OnCallTables>(), new Date());
 */
export async function seedDemoRota(
  db: Kysely<DeskTables & OnCallTables>,
  now: Date,
): Promise<number> {
  const existing = await db.selectFrom('oncall_shifts').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const members = await db
    .selectFrom('desk_team_members')
    .innerJoin('desk_teams', 'desk_teams.id', 'desk_team_members.team_id')
    .innerJoin('desk_users', 'desk_users.id', 'desk_team_members.user_id')
    .select(['desk_teams.key as team', 'desk_users.email as engineer'])
    .orderBy('desk_teams.key')
    .orderBy('desk_users.email')
    .execute();
  const byTeam = new Map<string, string[]>();
  for (const { team, engineer } of members)
    byTeam.set(team, [...(byTeam.get(team) ?? []), engineer]);
  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 7 * dayMs;
  const shifts = [...byTeam].flatMap(([team, engineers]) =>
    Array.from({ length: 35 }, (_, day) => ({
      team_key: team,
      engineer: engineers[day % engineers.length]!,
      starts_at: new Date(firstDay + day * dayMs).toISOString(),
      ends_at: new Date(firstDay + (day + 1) * dayMs).toISOString(),
    })),
  );
  if (shifts.length > 0) await db.insertInto('oncall_shifts').values(shifts).execute();
  return shifts.length;
}
