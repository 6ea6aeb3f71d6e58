// Reads a ticket out of the results of the tools that show the card. Their shapes differ:
// get_ticket and update_ticket nest it under `ticket`, create_ticket returns it flat with the
// agent as an e-mail and the due times at the top level, assign_to_me returns a card.
import { unfence } from '../kit/untrusted.js';

/** A note on the ticket, in the order the server sent them. */
export interface CardNote {
  id: number;
  author: string;
  visibility: string;
  body: string;
  createdAt: string;
  writtenByAi: boolean;
}

/** Where the ticket stands against its SLA, when the result says. */
export interface CardSla {
  state: string;
  minutesRemaining: number | null;
  resolutionDueAt: string | null;
  responseDueAt: string | null;
  responseBreached: boolean;
}

/** What the card shows; fields the result lacks are undefined, never invented. */
export interface CardTicket {
  id: number;
  summary: string;
  status?: string | undefined;
  priority?: number | undefined;
  type?: string | undefined;
  team?: string | null | undefined;
  category?: string | null | undefined;
  /** The agent's name (or e-mail from create_ticket); null = unassigned; undefined = not said. */
  assignee?: string | null | undefined;
  /** For end users, who get `assigned` instead of the agent. */
  assigned?: boolean | undefined;
  requester?: string | null | undefined;
  organisation?: string | null | undefined;
  details?: string | undefined;
  sla?: CardSla | undefined;
  /** create_ticket's due time when there is no SLA block. */
  dueAt?: string | null | undefined;
  notes?: CardNote[] | undefined;
  /** Agents get `agent`/`requester` fields; end users do not (ticketCardSchema). */
  seenByStaff: boolean;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const fencedText = (value: unknown): string | undefined =>
  typeof value === 'string' ? unfence(value) : undefined;
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
function nullableStr(value: unknown): string | null | undefined {
  return value === null ? null : str(value);
}

function person(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (isRecord(value)) return str(value.name) ?? str(value.email);
  return undefined;
}

function sla(value: unknown): CardSla | undefined {
  if (!isRecord(value) || typeof value.state !== 'string') return undefined;
  return {
    state: value.state,
    minutesRemaining: num(value.minutes_remaining) ?? null,
    resolutionDueAt: nullableStr(value.resolution_due_at) ?? null,
    responseDueAt: nullableStr(value.response_due_at) ?? null,
    responseBreached: value.response_breached === true,
  };
}

function notes(value: unknown): CardNote[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((note) => ({
    id: num(note.id) ?? 0,
    author: str(note.author) ?? 'unknown',
    visibility: str(note.visibility) ?? 'public',
    body: unfence(str(note.body) ?? ''),
    createdAt: str(note.created_at) ?? '',
    writtenByAi: note.written_by_ai === true,
  }));
}

/**
 * The ticket in a tool's structured result, or undefined when there is none.
 *
 * @example
 * readTicket({ ticket: { id: 7, summary: 'VPN down', status: 'open' } })?.summary // "VPN down"
 */
export function readTicket(structured: Fields | undefined): CardTicket | undefined {
  if (!structured) return undefined;
  const t = isRecord(structured.ticket) ? structured.ticket : structured;
  const id = num(t.id);
  const summary = fencedText(t.summary);
  if (id === undefined || summary === undefined) return undefined;
  return {
    id,
    summary,
    status: str(t.status),
    priority: num(t.priority),
    type: str(t.type),
    team: nullableStr(t.team),
    category: nullableStr(t.category),
    assignee: person(t.agent),
    assigned: typeof t.assigned === 'boolean' ? t.assigned : undefined,
    requester: person(t.requester),
    organisation: nullableStr(t.organisation),
    details: fencedText(t.details),
    sla: sla(t.sla),
    dueAt: nullableStr(t.resolution_due_at),
    notes: notes(t.notes),
    // create_ticket sends `agent` (an e-mail or null) to everyone, but never `assigned`.
    seenByStaff: 'requester' in t || isRecord(t.agent) || (t.agent === null && 'assigned' in t),
  };
}
