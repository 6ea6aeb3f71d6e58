// Words for times and SLA states, shared by the views so a ticket reads the same everywhere.

/** A ticket's standing against its SLA, as the server reports it. */
export type SlaState = 'ok' | 'at_risk' | 'breached';

function duration(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 1) return 'less than 1 min';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  // Two units at most: "2 d 3 h" is precise enough for a queue.
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
  return `${mins} min`;
}

/**
 * How long until (or since) a due time, in words.
 *
 * @example
 * timeLeft('2026-01-01T12:10:00Z', new Date('2026-01-01T10:00:00Z')) // "2 h 10 min left"
 * timeLeft('2026-01-01T07:00:00Z', new Date('2026-01-01T10:00:00Z')) // "breached 3 h ago"
 * timeLeft(null, new Date()) // "no due time"
 */
export function timeLeft(dueIso: string | null, now: Date): string {
  if (dueIso === null) return 'no due time';
  const due = Date.parse(dueIso);
  if (Number.isNaN(due)) return 'no due time';
  const minutes = (due - now.getTime()) / 60_000;
  return minutes >= 0 ? `${duration(minutes)} left` : `breached ${duration(-minutes)} ago`;
}

/**
 * The same words from a count of minutes (the server's `minutes_remaining`).
 *
 * @example
 * minutesLeft(130) // "2 h 10 min left"
 * minutesLeft(-180) // "breached 3 h ago"
 */
export function minutesLeft(minutes: number | null): string {
  if (minutes === null) return 'no due time';
  return minutes >= 0 ? `${duration(minutes)} left` : `breached ${duration(-minutes)} ago`;
}

/**
 * The CSS class that colours an SLA state (base.css: `.sla-ok`, `.sla-at_risk`, `.sla-breached`).
 *
 * @example
 * h('span', { class: `badge ${slaClass(ticket.sla.state)}` }, 'at risk')
 */
export function slaClass(state: string | undefined): string {
  return state === 'ok' || state === 'at_risk' || state === 'breached'
    ? `sla-${state}`
    : 'sla-none';
}

/**
 * An SLA state in words.
 *
 * @example
 * slaLabel('at_risk') // "at risk"
 */
export function slaLabel(state: string | undefined): string {
  switch (state) {
    case 'ok':
      return 'on track';
    case 'at_risk':
      return 'at risk';
    case 'breached':
      return 'breached';
    case undefined:
    default:
      return 'no SLA';
  }
}

/**
 * A priority number in words (1 critical … 4 low).
 *
 * @example
 * priorityLabel(1) // "P1 critical"
 */
export function priorityLabel(priority: number): string {
  const names = ['critical', 'high', 'medium', 'low'];
  const name = names[priority - 1];
  return name === undefined ? `P${priority}` : `P${priority} ${name}`;
}

/**
 * A status value in words (`on_hold` → "on hold").
 *
 * @example
 * statusLabel('on_hold') // "on hold"
 */
export function statusLabel(status: string): string {
  return status.replaceAll('_', ' ');
}

/**
 * A date and time in the reader's locale, short; the input unchanged if it is not a date.
 *
 * @example
 * formatDateTime('2026-01-01T10:00:00Z') // "1 Jan 2026, 10:00" (en-GB)
 */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
