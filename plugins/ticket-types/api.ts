/**
 * What other plugins may import from the ticket-types plugin (they list `ticket-types` in
 * `requires`): the extension point through which they add ticket-type and catalogue-item tools,
 * and the shapes of those tools.
 *
 * @example
 * import { ticketTypesExtensionPoint } from '../ticket-types/api.js';
 */
export {
  ticketTypesExtensionPoint,
  type TicketTypesExtension,
  type TicketTypeToolContribution,
} from './ticket-type-extension.js';
export type { TicketTypeToolConfig, TicketTypeToolSource } from './tool-config.js';
export type { LoggedTicket } from './ticket-type-output.js';
