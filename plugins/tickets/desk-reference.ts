import type { Database } from '../../core/index.js';
import type { CatalogueItemRow, DeskTables, TicketTypeRow } from '../desk/index.js';

/**
 * A ticket type as the tools show it.
 *
 * @example
 * const incident: TicketTypeInfo = { id: 1, key: 'incident', name: 'Incident' };
 */
export interface TicketTypeInfo {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

/**
 * A catalogue item the tools can log a ticket from.
 *
 * @example
 * (await reference.catalogueItem('vpn-access'))?.typeKey // 'incident'
 */
export interface CatalogueTemplate {
  readonly key: string;
  readonly name: string;
  readonly typeKey: string;
  readonly defaultTeamId: number | null;
}

/**
 * Reference data the desk store does not (yet) expose: ticket types by id and catalogue items.
 * Read-only and free of row scope (every caller may know which ticket types exist), so reading
 * the desk's tables here cannot widen anyone's reach; it goes once the store offers these.
 *
 * @example
 * const types = await reference.ticketTypes();
 * types.get(ticket.type_id)?.key // 'incident'
 */
export interface DeskReference {
  ticketTypes(): Promise<ReadonlyMap<number, TicketTypeInfo>>;
  catalogueItem(key: string): Promise<CatalogueTemplate | undefined>;
}

/**
 * Builds a {@link DeskReference} over the server's database.
 *
 * @example
 * const reference = createDeskReference(ctx.db);
 */
export function createDeskReference(database: Database): DeskReference {
  const db = database.withTables<DeskTables>();
  return Object.freeze({
    async ticketTypes() {
      const rows: Pick<TicketTypeRow, 'id' | 'key' | 'name'>[] = await db
        .selectFrom('desk_ticket_types')
        .select(['id', 'key', 'name'])
        .orderBy('key')
        .execute();
      return new Map(rows.map((row) => [row.id, row]));
    },
    async catalogueItem(key: string) {
      const row:
        | (Pick<CatalogueItemRow, 'key' | 'name' | 'default_team_id'> & { type_key: string })
        | undefined = await db
        .selectFrom('desk_catalogue_items')
        .innerJoin(
          'desk_ticket_types',
          'desk_ticket_types.id',
          'desk_catalogue_items.ticket_type_id',
        )
        .select([
          'desk_catalogue_items.key',
          'desk_catalogue_items.name',
          'desk_catalogue_items.default_team_id',
          'desk_ticket_types.key as type_key',
        ])
        .where('desk_catalogue_items.key', '=', key)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        key: row.key,
        name: row.name,
        typeKey: row.type_key,
        defaultTeamId: row.default_team_id,
      };
    },
  } satisfies DeskReference);
}
