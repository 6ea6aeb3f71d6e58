import type { Kysely } from 'kysely';
import type { DeskTables } from '../schema/tables.js';
import { fieldDefinitions } from '../store/custom-fields.js';
import type { TicketTypeInfo } from './catalogue-views.js';

/** Every ticket type with its fields and defaults, by name; or the one with `key`. */
export async function readTicketTypes(
  db: Kysely<DeskTables>,
  key?: string,
): Promise<readonly TicketTypeInfo[]> {
  let query = db
    .selectFrom('desk_ticket_types as t')
    .leftJoin('desk_teams as team', 'team.id', 't.default_team_id')
    .selectAll('t')
    .select(['team.key as team_key', 'team.name as team_name'])
    .orderBy('t.name')
    .orderBy('t.key');
  if (key !== undefined) query = query.where('t.key', '=', key.trim().toLowerCase());
  const rows = await query.execute();
  return rows.map(({ team_key, team_name, ...type }) => ({
    id: type.id,
    key: type.key,
    name: type.name,
    description: type.description,
    fields: fieldDefinitions(type),
    defaultTeam:
      team_key === null || team_name === null ? null : { key: team_key, name: team_name },
    defaultPriority: type.default_priority,
  }));
}
