import type { Logger, Principal, ServiceLocator } from '../../core/index.js';
import { ticketTriageRef, type TypeFieldSuggestion } from '../ai-assist/api.js';
import type { NewTicket, TicketFieldDefinition } from '../desk/api.js';
import type { TicketToolDeps } from './ticket-deps.js';
import type { TicketNames } from './ticket-names.js';

/** A new ticket with the type fields AI triage filled in, and what it filled. */
export interface FilledTicket {
  readonly ticket: NewTicket;
  readonly filled: readonly TypeFieldSuggestion[];
}

/** The type a new ticket will get: its own, else its catalogue item's (looked up), else none. */
async function typeOf(
  ticket: NewTicket,
  context: { readonly deps: TicketToolDeps; readonly principal: Principal },
): Promise<string | undefined> {
  if (ticket.type !== undefined) return ticket.type;
  if (ticket.catalogueItem === undefined) return undefined;
  const entry = await context.deps.desk.catalogue.getEntry(context.principal, ticket.catalogueItem);
  return entry?.ticketType.key;
}

/** Required choice fields with no default that the caller left out: what triage may fill. */
function missingChoices(
  fields: readonly TicketFieldDefinition[],
  given: NewTicket['customFields'],
): TicketFieldDefinition[] {
  return fields.filter(
    (field) =>
      field.required &&
      field.type === 'enum' &&
      field.default === undefined &&
      given?.[field.key] === undefined,
  );
}

/**
 * Fills a new ticket's required choice fields that the caller left out from AI triage where it is
 * confident (the option the ticket's words name, or the vote of similar resolved tickets of its
 * type), so "my VPN keeps dropping" needs no `affected_service`. Without the triage service, or
 * when it fails or is unsure, the ticket is returned as it was and the store's answer lists every
 * missing field with its values. Never overrides what the caller gave.
 *
 * @example
 * const { ticket, filled } = await fillTypeFields(request, { deps, principal, names, services, serverLog });
 */
export async function fillTypeFields(
  ticket: NewTicket,
  context: {
    readonly deps: TicketToolDeps;
    readonly principal: Principal;
    readonly names: TicketNames;
    readonly services: ServiceLocator;
    readonly serverLog: Logger;
  },
): Promise<FilledTicket> {
  if (!context.services.has(ticketTriageRef)) return { ticket, filled: [] };
  const typeKey = await typeOf(ticket, context);
  const type = context.names.types.find((t) => t.key === typeKey);
  if (type === undefined) return { ticket, filled: [] };
  const missing = missingChoices(type.fields, ticket.customFields);
  if (missing.length === 0) return { ticket, filled: [] };
  let filled: readonly TypeFieldSuggestion[];
  try {
    filled = await context.services.get(ticketTriageRef).suggestTypeFields(context.principal, {
      type: type.key,
      summary: ticket.summary,
      details: ticket.details,
      fields: missing,
    });
  } catch (error) {
    context.serverLog.warn('AI triage of a new ticket’s type fields failed; the caller is asked', {
      type: type.key,
      error: error instanceof Error ? error.message : String(error),
    });
    return { ticket, filled: [] };
  }
  if (filled.length === 0) return { ticket, filled };
  const customFields = {
    ...ticket.customFields,
    ...Object.fromEntries(filled.map((s) => [s.field, s.value])),
  };
  return { ticket: { ...ticket, customFields }, filled };
}
