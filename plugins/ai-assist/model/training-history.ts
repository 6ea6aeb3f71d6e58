import { createHash } from 'node:crypto';
import type { Principal } from '../../../core/index.js';
import type { DeskStore, Ticket } from '../../desk/api.js';
import type { SuggestionField } from '../scoring/suggestion-fields.js';
import { finishedStatuses, teamLabels } from '../tools/similar-tickets.js';

/** A finished ticket as the models learn from it. */
export interface HistoryTicket {
  readonly id: string;
  /** Summary, then details. */
  readonly text: string;
  /** Team by key, priority as "1"–"4"; a field the ticket lacks is left out. */
  readonly labels: Readonly<Partial<Record<SuggestionField, string>>>;
  /** The requester's organisation; null for a requester without one. */
  readonly organisation: string | null;
}

/** The history read for one training. */
export interface TrainingHistory {
  /** Oldest first. */
  readonly tickets: readonly HistoryTicket[];
  /** Changes when a finished ticket among the newest is added, changed or reopened. */
  readonly signature: string;
}

const pageSize = 100;

function historyTicket(ticket: Ticket, teams: ReadonlyMap<number, { key: string }>): HistoryTicket {
  const team = ticket.team_id === null ? undefined : teams.get(ticket.team_id)?.key;
  return {
    id: String(ticket.id),
    text: `${ticket.summary}\n${ticket.details}`,
    labels: {
      ...(ticket.category !== null && ticket.category !== '' && { category: ticket.category }),
      priority: String(ticket.priority),
      ...(team !== undefined && { team }),
    },
    organisation: ticket.organisation_id === null ? null : String(ticket.organisation_id),
  };
}

/**
 * The newest `maxTickets` resolved and closed tickets, read through the store a page at a time
 * as `reader`, oldest first, with a signature of the newest page: a cheap way to tell whether a
 * retraining would learn anything new.
 *
 * @example
 * const { tickets, signature } = await readTrainingHistory(desk, historyReader, 50_000);
 */
export async function readTrainingHistory(
  desk: DeskStore,
  reader: Principal,
  maxTickets: number,
): Promise<TrainingHistory> {
  const teams = await teamLabels(desk, reader);
  const tickets: HistoryTicket[] = [];
  const hash = createHash('sha256');
  let cursor: string | undefined;
  do {
    const page = await desk.tickets.list(reader, {
      status: finishedStatuses,
      limit: Math.min(pageSize, maxTickets - tickets.length),
      ...(cursor !== undefined && { cursor }),
    });
    if (tickets.length === 0) {
      for (const t of page.tickets) hash.update(`${t.id}:${t.version}:${t.status}\n`);
    }
    tickets.push(...page.tickets.map((t) => historyTicket(t, teams)));
    cursor = page.nextCursor;
  } while (cursor !== undefined && tickets.length < maxTickets);
  return { tickets: tickets.reverse(), signature: `${tickets.length}:${hash.digest('hex')}` };
}
