import type { TicketRow } from '../schema/tables.js';
import { parseCustomFields, type CustomFieldValues } from './custom-fields.js';

/** A ticket as the store hands it out: its row with the custom fields parsed. */
export type Ticket = Omit<TicketRow, 'custom_fields'> & {
  readonly custom_fields: CustomFieldValues;
};

/** The store's view of a ticket row. */
export function toTicket(row: TicketRow): Ticket {
  return { ...row, custom_fields: parseCustomFields(row.custom_fields) };
}

/** Statuses after which a ticket no longer runs against its SLA. */
export const finishedStatuses = ['resolved', 'closed'] as const;

/** True for a resolved or closed ticket. */
export function isFinished(status: string): boolean {
  return (finishedStatuses as readonly string[]).includes(status);
}
