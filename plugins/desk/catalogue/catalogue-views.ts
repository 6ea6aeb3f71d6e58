import type { TicketFieldDefinition } from '../schema/tables.js';

/** A service the desk provides to customers (e.g. "Managed Laptops"). */
export interface DeskService {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
}

/** A ticket type with its own fields, and the team and priority its tickets start with. */
export interface TicketTypeInfo {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly fields: readonly TicketFieldDefinition[];
  readonly defaultTeam: { readonly key: string; readonly name: string } | null;
  readonly defaultPriority: number;
}

/**
 * A request form of the service catalogue: what it is for, the service it belongs to, and the
 * ticket type (with its fields) to create when someone asks for it.
 */
export interface CatalogueEntry {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly service: { readonly key: string; readonly name: string } | null;
  readonly ticketType: { readonly key: string; readonly name: string };
  readonly team: { readonly key: string; readonly name: string } | null;
  /** Relevance to the search text, higher is better; 0 when listing without text. */
  readonly score: number;
}

/** One service of the catalogue and whether a customer has it. */
export interface CustomerService extends DeskService {
  readonly has: boolean;
  /** When the customer took the service on; null when they do not have it. */
  readonly since: string | null;
}

/** A customer organisation, its account manager, and every service with has / has not. */
export interface OrganisationServices {
  readonly organisation: { readonly id: number; readonly name: string };
  readonly accountManager: {
    readonly id: number;
    readonly name: string;
    readonly email: string;
  } | null;
  readonly services: readonly CustomerService[];
}
