import { z } from 'zod';
import { ServiceDeskError, type Principal } from '../../core/index.js';
import type { DeskStore, TicketTypeInfo } from '../desk/api.js';

/**
 * What a collection may set for the tickets plugin (`settings.tickets` of `defineCollection`).
 *
 * @example
 * defineCollection({ id: 'user', ..., settings: { tickets: { defaultType: 'incident' } } })
 */
export const ticketsCollectionSettings = z.strictObject({
  defaultType: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a ticket type key such as "incident"')
    .optional()
    .describe(
      'The type a ticket logged on this collection gets when the caller names neither a type nor ' +
        'a catalogue item: people say "my VPN keeps dropping", not which type that is.',
    ),
});

/** The settings of one collection, as {@link ticketsCollectionSettings} parses them. */
export type TicketsCollectionSettings = z.output<typeof ticketsCollectionSettings>;

// The catalogue is public and ignores who asks; setup has no caller, so it asks as the plugin.
const setupPrincipal: Principal = Object.freeze({
  userId: 'plugin:tickets',
  role: 'service',
  organisationId: undefined,
  email: undefined,
  clientId: 'tickets',
  scopes: new Set(['catalogue:read']),
  collectionId: '',
});

/**
 * Reads the desk's ticket types at startup and checks every collection's `defaultType` against
 * them: one the desk does not have stops a server with CONFIG_INVALID naming the collection and
 * the known types. A command (`seed`, `tools`) on a desk with no types yet is let through, so
 * `servicedesk-mcp seed` can load an empty database.
 *
 * @example
 * const { types, defaultTypes } = await loadTicketTypes(desk, { settings, purpose: ctx.purpose });
 * defaultTypes.get('user') // 'incident'
 */
export async function loadTicketTypes(
  desk: DeskStore,
  options: {
    readonly settings: ReadonlyMap<string, TicketsCollectionSettings>;
    readonly purpose: 'serve' | 'command';
  },
): Promise<{
  readonly types: readonly TicketTypeInfo[];
  readonly defaultTypes: ReadonlyMap<string, string>;
}> {
  const types = await desk.catalogue.listTicketTypes(setupPrincipal);
  const defaultTypes = new Map<string, string>();
  for (const [collectionId, settings] of options.settings) {
    if (settings.defaultType === undefined) continue;
    const known = types.some((type) => type.key === settings.defaultType);
    if (!known && (options.purpose === 'serve' || types.length > 0)) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `plugin "tickets": collection "${collectionId}" settings.tickets.defaultType is "${settings.defaultType}", ` +
          `which the desk does not have; known types: ${types.map((t) => t.key).join(', ') || 'none (load the desk first: servicedesk-mcp seed)'}`,
      );
    }
    defaultTypes.set(collectionId, settings.defaultType);
  }
  return { types, defaultTypes };
}
