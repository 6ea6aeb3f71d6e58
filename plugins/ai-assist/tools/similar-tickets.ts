import type { Principal } from '../../../core/index.js';
import type { DeskStore, Ticket, TicketStatus } from '../../desk/api.js';
import { queryWords } from '../scoring/tokenise.js';

/** Statuses of tickets that were worked to an end: the ones that hold a resolution. */
export const finishedStatuses: readonly TicketStatus[] = ['resolved', 'closed'];
/** Statuses of tickets still being worked on. */
export const unfinishedStatuses: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/** A team as tools report it. */
export interface TeamLabel {
  readonly key: string;
  readonly name: string;
}

/** A past ticket similar to the one asked about. */
export interface SimilarTicket {
  readonly id: number;
  readonly summary: string;
  readonly status: TicketStatus;
  readonly priority: number;
  readonly category: string | null;
  readonly team: TeamLabel | null;
  /** The requester's organisation, or null for a requester without one. */
  readonly organisationId: number | null;
  /** The search engine's relevance (engine-specific scale; higher is more similar). */
  readonly score: number;
}

/** The words a ticket is matched by: its summary, then its details. */
export function ticketQuery(ticket: Pick<Ticket, 'summary' | 'details'>): string[] {
  return queryWords(`${ticket.summary}\n${ticket.details}`);
}

/** Team id → key and name, read once per call (teams are few). */
export async function teamLabels(
  desk: DeskStore,
  principal: Principal,
): Promise<ReadonlyMap<number, TeamLabel>> {
  const teams = await desk.directory.listTeams(principal);
  return new Map(teams.map((team) => [team.id, { key: team.key, name: team.name }]));
}

/**
 * The tickets most similar to `ticket` among those with one of `statuses`, best first, the ticket
 * itself left out: the desk's full-text search run with the ticket's own words, any of which may
 * match (more matches rank higher). Row scope is the store's, as everywhere.
 *
 * @example
 * const past = await findSimilarTickets(desk, principal, { ticket, statuses: finishedStatuses, limit: 10, teams });
 */
export async function findSimilarTickets(
  desk: DeskStore,
  principal: Principal,
  request: {
    readonly ticket: Pick<Ticket, 'id' | 'summary' | 'details'>;
    readonly statuses: readonly TicketStatus[];
    readonly limit: number;
    readonly teams: ReadonlyMap<number, TeamLabel>;
  },
): Promise<SimilarTicket[]> {
  const { ticket, statuses, limit, teams } = request;
  const words = ticketQuery(ticket);
  if (words.length === 0 || limit <= 0) return [];
  const page = await desk.search.searchTickets(principal, {
    text: words.join(' '),
    match: 'any',
    status: statuses,
    // One more than asked, in case the ticket itself is among the hits.
    limit: Math.min(limit + 1, 100),
  });
  return page.hits
    .filter((hit) => hit.row.id !== ticket.id)
    .slice(0, limit)
    .map(({ row, score }) => ({
      id: row.id,
      summary: row.summary,
      status: row.status,
      priority: row.priority,
      category: row.category,
      team: row.team_id === null ? null : (teams.get(row.team_id) ?? null),
      organisationId: row.organisation_id,
      score,
    }));
}

/**
 * How a finished ticket was resolved: its latest public note (the demo desk, like most desks,
 * writes the resolution as a public note when resolving), or null when it has none. One ticket
 * read per id: the store has no bulk read of notes.
 *
 * @example
 * const notes = await resolutionNotes(desk, principal, [12, 40]);
 * notes.get(12) // 'Replaced the VPN client; no drops since.'
 */
export async function resolutionNotes(
  desk: DeskStore,
  principal: Principal,
  ids: readonly number[],
): Promise<ReadonlyMap<number, string | null>> {
  const details = await Promise.all(ids.map((id) => desk.tickets.get(principal, id)));
  return new Map(
    ids.map((id, i) => {
      const notes = details[i]?.notes ?? [];
      const last = notes.filter((note) => note.visibility === 'public').at(-1);
      return [id, last?.body ?? null];
    }),
  );
}
