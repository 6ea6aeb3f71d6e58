// Reads the ticket rows out of get_assigned_tickets and search_tickets results, and orders them
// by breach risk.
import { unfence } from '../kit/untrusted.js';

/** One ticket row on the board; fields the result lacks are undefined. */
export interface BoardRow {
  id: number;
  summary: string;
  status: string;
  priority: number;
  assignee: string;
  slaState?: string | undefined;
  minutesRemaining?: number | null | undefined;
}

/** Which tool a result came from, told apart by its shape: only search_tickets pages. */
export type BoardSource = 'search_tickets' | 'get_assigned_tickets';

/** The rows of a result with what the board needs to ask for more. */
export interface BoardPage {
  rows: BoardRow[];
  source: BoardSource;
  nextCursor: string | null;
  truncated: boolean;
  /** get_assigned_tickets' counts over the whole queue, which may be longer than `rows`. */
  counts?: { total: number; breached: number; atRisk: number } | undefined;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assignee(t: Fields): string {
  if (isRecord(t.agent) && typeof t.agent.name === 'string') return t.agent.name;
  if (t.agent === null) return 'unassigned';
  return t.assigned === true ? 'assigned' : 'unassigned';
}

function row(t: Fields): BoardRow | undefined {
  if (typeof t.id !== 'number' || typeof t.summary !== 'string') return undefined;
  const sla = isRecord(t.sla) ? t.sla : undefined;
  return {
    id: t.id,
    summary: unfence(t.summary),
    status: typeof t.status === 'string' ? t.status : 'unknown',
    priority: typeof t.priority === 'number' ? t.priority : 0,
    assignee: assignee(t),
    slaState: typeof sla?.state === 'string' ? sla.state : undefined,
    minutesRemaining: sla
      ? typeof sla.minutes_remaining === 'number'
        ? sla.minutes_remaining
        : null
      : undefined,
  };
}

/**
 * The board's page in a tool's structured result, or undefined when it holds no ticket list.
 *
 * @example
 * readPage({ tickets: [], nextCursor: null, truncated: false })?.source // "search_tickets"
 */
export function readPage(structured: Fields | undefined): BoardPage | undefined {
  if (!structured || !Array.isArray(structured.tickets)) return undefined;
  const rows = structured.tickets
    .filter(isRecord)
    .map(row)
    .filter((r): r is BoardRow => r !== undefined);
  const paged = 'nextCursor' in structured;
  const { total, breached, at_risk: atRisk } = structured;
  return {
    rows,
    source: paged ? 'search_tickets' : 'get_assigned_tickets',
    nextCursor: typeof structured.nextCursor === 'string' ? structured.nextCursor : null,
    truncated: structured.truncated === true,
    counts:
      typeof total === 'number' && typeof breached === 'number' && typeof atRisk === 'number'
        ? { total, breached, atRisk }
        : undefined,
  };
}

const riskRank: Record<string, number> = { breached: 0, at_risk: 1, ok: 2 };
const NO_SLA = 3;

/**
 * Orders rows by breach risk: breached, then at risk, then on track; within each, the fewest
 * minutes left first (no due time last), then the higher priority (P1 first), then the lower
 * ticket number. Rows with no SLA figure (search_tickets sends none) come last in the order the
 * server gave them, which for a text search is relevance.
 *
 * @example
 * sortByRisk(rows)[0] // the most overdue breached ticket
 */
export function sortByRisk(rows: readonly BoardRow[]): BoardRow[] {
  const rank = (r: BoardRow): number =>
    r.slaState === undefined ? NO_SLA : (riskRank[r.slaState] ?? NO_SLA);
  const left = (r: BoardRow): number => r.minutesRemaining ?? Number.POSITIVE_INFINITY;
  const compare = (a: BoardRow, b: BoardRow): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    // Array.prototype.sort is stable: these keep the server's order.
    if (rank(a) === NO_SLA) return 0;
    if (left(a) !== left(b)) return left(a) < left(b) ? -1 : 1;
    return a.priority - b.priority || a.id - b.id;
  };
  return [...rows].sort(compare);
}
