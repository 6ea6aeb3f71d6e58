import type { SlaPolicyRow, TicketRow, TicketStatus } from '../schema/tables.js';

/** Where a ticket stands against its resolution target. */
export type SlaState = 'ok' | 'at_risk' | 'breached';

/** The SLA times a policy gives a ticket, as ISO-8601 UTC strings. */
export interface SlaDueTimes {
  readonly response_due_at: string;
  readonly resolution_due_at: string;
}

/** The policy columns the SLA clock reads. */
export type SlaPolicy = Pick<
  SlaPolicyRow,
  'priority' | 'response_minutes' | 'resolution_minutes' | 'at_risk_percent'
>;

/** The ticket columns the SLA clock reads. */
export type SlaTicket = Pick<
  TicketRow,
  'status' | 'response_due_at' | 'resolution_due_at' | 'responded_at' | 'resolved_at'
>;

/** A ticket's SLA standing at one moment. */
export interface SlaStatus {
  readonly state: SlaState;
  /**
   * Whole minutes until resolution is due, negative once breached; for a resolved ticket the
   * clock stopped at resolution. Null when the ticket has no resolution target.
   */
  readonly minutes_remaining: number | null;
  readonly resolution_due_at: string | null;
  readonly response_due_at: string | null;
  /** True when the first response came late, or has not come and is overdue. */
  readonly response_breached: boolean;
}

const minute = 60_000;

/** Statuses in which the resolution clock has stopped. */
export const resolvedStatuses: readonly TicketStatus[] = Object.freeze(['resolved', 'closed']);

function addMinutes(from: Date, minutes: number): string {
  return new Date(from.getTime() + minutes * minute).toISOString();
}

/**
 * Response and resolution due times for a ticket created (or re-prioritised) at `from`.
 *
 * @example
 * slaDueTimes({ response_minutes: 60, resolution_minutes: 480, ... }, new Date('2026-01-05T09:00:00Z'))
 * // { response_due_at: '2026-01-05T10:00:00.000Z', resolution_due_at: '2026-01-05T17:00:00.000Z' }
 */
export function slaDueTimes(policy: SlaPolicy, from: Date): SlaDueTimes {
  return {
    response_due_at: addMinutes(from, policy.response_minutes),
    resolution_due_at: addMinutes(from, policy.resolution_minutes),
  };
}

/**
 * The due times after a priority change at `changedAt`: both restart from the change under the
 * new priority's policy, except that a ticket already responded to keeps its response due time
 * (its response target was met or missed already).
 */
export function slaDueTimesOnPriorityChange(
  ticket: Pick<TicketRow, 'responded_at' | 'response_due_at'>,
  policy: SlaPolicy,
  changedAt: Date,
): { readonly response_due_at: string | null; readonly resolution_due_at: string } {
  const due = slaDueTimes(policy, changedAt);
  return ticket.responded_at === null ? due : { ...due, response_due_at: ticket.response_due_at };
}

function isResolved(ticket: SlaTicket): boolean {
  return ticket.resolved_at !== null || resolvedStatuses.includes(ticket.status);
}

/**
 * The moment the resolution clock reads: now for an open ticket, the resolution time for a
 * resolved one (or now, if a resolved status carries no resolution time).
 */
function clockTime(ticket: SlaTicket, now: Date): number {
  if (ticket.resolved_at !== null) return Date.parse(ticket.resolved_at);
  return now.getTime();
}

/**
 * A ticket's SLA state at `now`: `breached` once past its resolution due time without being
 * resolved (or when it was resolved late), `at_risk` once `at_risk_percent` of the resolution
 * window is used, else `ok`. The window is the policy's resolution minutes ending at the due time,
 * so it follows a due time that a priority change moved.
 *
 * @example
 * slaStatus(ticket, policy, new Date()).state // 'at_risk'
 */
export function slaStatus(
  ticket: SlaTicket,
  // Only the resolution window and its at-risk share decide the state.
  policy: Pick<SlaPolicy, 'resolution_minutes' | 'at_risk_percent'> | undefined,
  now: Date,
): SlaStatus {
  const responseBreached =
    ticket.response_due_at !== null &&
    (ticket.responded_at === null
      ? now.getTime() > Date.parse(ticket.response_due_at) && !isResolved(ticket)
      : Date.parse(ticket.responded_at) > Date.parse(ticket.response_due_at));
  const base = {
    resolution_due_at: ticket.resolution_due_at,
    response_due_at: ticket.response_due_at,
    response_breached: responseBreached,
  };
  if (ticket.resolution_due_at === null) return { ...base, state: 'ok', minutes_remaining: null };

  const due = Date.parse(ticket.resolution_due_at);
  const at = clockTime(ticket, now);
  const minutesRemaining = Math.floor((due - at) / minute);
  if (at > due) return { ...base, state: 'breached', minutes_remaining: minutesRemaining };
  if (policy !== undefined && !isResolved(ticket)) {
    const windowMs = policy.resolution_minutes * minute;
    const usedMs = at - (due - windowMs);
    if (usedMs * 100 >= windowMs * policy.at_risk_percent) {
      return { ...base, state: 'at_risk', minutes_remaining: minutesRemaining };
    }
  }
  return { ...base, state: 'ok', minutes_remaining: minutesRemaining };
}

/**
 * The latest resolution due time at which an open ticket under `policy` counts as at risk at
 * `now`: due ≤ now + (100 − at_risk_percent) % of the resolution window. For queries.
 */
export function atRiskCutoff(policy: SlaPolicy, now: Date): string {
  const spareMs = (policy.resolution_minutes * minute * (100 - policy.at_risk_percent)) / 100;
  return new Date(now.getTime() + spareMs).toISOString();
}
