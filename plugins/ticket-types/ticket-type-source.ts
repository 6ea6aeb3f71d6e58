import type { Principal } from '../../core/index.js';
import type { DeskStore, TicketFieldDefinition } from '../desk/api.js';
import { configInvalid, type PlannedTicketTypeTool, type Refusal } from './tool-config.js';

/**
 * What a ticket-type tool is built from, read from the desk at startup: the ticket type with its
 * own fields, the catalogue item (for a catalogue tool), and the team and priority it starts with.
 *
 * @example
 * const [source] = await loadTicketTypeSources(desk, { planned, purpose: 'serve' });
 */
export interface TicketTypeSource {
  readonly planned: PlannedTicketTypeTool;
  readonly type: { readonly key: string; readonly name: string; readonly description: string };
  readonly catalogueItem?: {
    readonly key: string;
    readonly name: string;
    readonly description: string;
  };
  readonly fields: readonly TicketFieldDefinition[];
  /** The catalogue item's team, else the type's; null for none. */
  readonly defaultTeam: { readonly key: string; readonly name: string } | null;
  readonly defaultPriority: number;
}

// The catalogue is public and ignores who asks; setup has no caller, so it asks as the plugin.
const setupPrincipal: Principal = Object.freeze({
  userId: 'plugin:ticket-types',
  role: 'service',
  organisationId: undefined,
  email: undefined,
  clientId: 'ticket-types',
  scopes: new Set(['catalogue:read']),
  collectionId: '',
});

/** Names the tool in messages, and makes the error for a key the desk does not have. */
interface SourceCheck {
  readonly where: string;
  readonly refuse: Refusal;
}

async function typeSource(
  desk: DeskStore,
  planned: PlannedTicketTypeTool,
  check: SourceCheck,
): Promise<TicketTypeSource> {
  const type = await desk.catalogue.getTicketType(setupPrincipal, planned.key);
  if (type === undefined) {
    const known = (await desk.catalogue.listTicketTypes(setupPrincipal)).map((t) => t.key);
    throw check.refuse(
      `${check.where} names ticket type "${planned.key}", which the desk does not have; ` +
        `known types: ${known.join(', ') || 'none (load the desk first: servicedesk-mcp seed)'}`,
    );
  }
  return {
    planned,
    type: { key: type.key, name: type.name, description: type.description },
    fields: type.fields,
    defaultTeam: type.defaultTeam,
    defaultPriority: type.defaultPriority,
  };
}

async function catalogueSource(
  desk: DeskStore,
  planned: PlannedTicketTypeTool,
  check: SourceCheck,
): Promise<TicketTypeSource> {
  const entry = await desk.catalogue.getEntry(setupPrincipal, planned.key);
  if (entry === undefined) {
    const known = (await desk.catalogue.search(setupPrincipal, { limit: 100 })).map((e) => e.key);
    throw check.refuse(
      `${check.where} names catalogue item "${planned.key}", which the desk does not have; ` +
        `known items: ${known.sort().join(', ') || 'none (load the desk first: servicedesk-mcp seed)'}`,
    );
  }
  const type = await typeSource(desk, { ...planned, key: entry.ticketType.key }, check);
  return {
    ...type,
    planned,
    catalogueItem: { key: entry.key, name: entry.name, description: entry.description },
    defaultTeam: entry.team ?? type.defaultTeam,
  };
}

/** A stand-in for a command run on an empty desk: the tool exists, without the type's fields. */
function placeholderSource(planned: PlannedTicketTypeTool): TicketTypeSource {
  return {
    planned,
    type: { key: planned.key, name: planned.key, description: '' },
    fields: [],
    defaultTeam: null,
    defaultPriority: 3,
  };
}

/**
 * Reads each tool's ticket type (or catalogue item and its type) from the desk. One the desk
 * does not have stops startup with the error `refuse` makes (`CONFIG_INVALID` by default), naming
 * the tool as `where` does (`tools[<index>] (<name>)` by default) and the known keys. A command
 * (`seed`, `tools`) on a desk with no ticket types at all gets stand-ins instead, so
 * `servicedesk-mcp seed` can load an empty database.
 *
 * @example
 * const sources = await loadTicketTypeSources(desk, { planned, purpose: ctx.purpose });
 */
export async function loadTicketTypeSources(
  desk: DeskStore,
  options: {
    readonly planned: readonly PlannedTicketTypeTool[];
    readonly purpose: 'serve' | 'command';
    readonly where?: (planned: PlannedTicketTypeTool, index: number) => string;
    readonly refuse?: Refusal;
  },
): Promise<{ readonly sources: readonly TicketTypeSource[]; readonly placeholders: boolean }> {
  if (options.purpose === 'command') {
    const types = await desk.catalogue.listTicketTypes(setupPrincipal);
    if (types.length === 0) {
      return { sources: options.planned.map(placeholderSource), placeholders: true };
    }
  }
  const whereOf = options.where ?? ((planned, index) => `tools[${index}] (${planned.name})`);
  const refuse = options.refuse ?? configInvalid;
  const sources: TicketTypeSource[] = [];
  for (const [index, planned] of options.planned.entries()) {
    const check = { where: whereOf(planned, index), refuse };
    sources.push(
      planned.kind === 'type'
        ? await typeSource(desk, planned, check)
        : await catalogueSource(desk, planned, check),
    );
  }
  return { sources, placeholders: false };
}
