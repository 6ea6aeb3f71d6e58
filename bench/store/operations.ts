import type { Principal } from '../../core/index.js';
import type { DeskStore } from '../../plugins/desk/index.js';

/** One measured store operation; `run(i)` performs iteration `i` and checks its answer. */
export interface StoreOperation {
  readonly name: string;
  run(iteration: number): Promise<void>;
}

/** The demo desk's agent (plugins/desk/demo/demo-directory.ts). */
export const benchAgentEmail = 'sam@helpdesk.example';

/** Queries an agent would type, rotated through by the full-text operation. */
export const fullTextQueries = [
  'vpn dropping',
  'printer offline',
  'outlook crashes',
  'black screen after update',
  'mailbox full',
  'new phone mfa',
] as const;

/**
 * The agent's principal as the core builds it for one request. A fresh object per call, as a real
 * tool call has: the store finds the caller's desk user in its short-lived cache by e-mail
 * (ADR 0035), never in a cache of the one principal object.
 */
export function agentPrincipal(): Principal {
  return {
    userId: benchAgentEmail,
    role: 'agent',
    organisationId: undefined,
    email: benchAgentEmail,
    clientId: 'bench-store',
    scopes: new Set(['tickets:read:all', 'kb:read']),
    collectionId: 'agent',
  };
}

/** A small deterministic generator (mulberry32), so every run asks for the same ticket ids. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The operations: a ticket by id (random ids in 1..maxTicketId), a filtered first page (open,
 * priority 2, the Network team), a full-text search, and a full-text search of the closed tickets
 * raised in the last year (filters checked per match). Each throws when its answer is empty, since timing a query
 * that finds nothing would flatter it.
 */
export function storeOperations(desk: DeskStore, maxTicketId: number): readonly StoreOperation[] {
  const random = seededRandom(20_260_105);
  const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString();
  return [
    {
      name: 'ticket by id',
      async run() {
        const id = 1 + Math.floor(random() * maxTicketId);
        const detail = await desk.tickets.get(agentPrincipal(), id);
        if (detail === undefined) throw new Error(`ticket ${id} was not found`);
      },
    },
    {
      name: 'filtered list',
      async run() {
        const page = await desk.tickets.list(agentPrincipal(), {
          status: 'open',
          priority: 2,
          team: 'network',
          limit: 25,
        });
        if (page.tickets.length === 0) throw new Error('the filtered list found no tickets');
      },
    },
    {
      name: 'full-text search',
      async run(iteration) {
        const text = fullTextQueries[iteration % fullTextQueries.length] as string;
        const result = await desk.search.searchTickets(agentPrincipal(), { text, limit: 20 });
        if (result.hits.length === 0) throw new Error(`searching "${text}" found no tickets`);
      },
    },
    {
      name: 'full-text, filtered',
      async run(iteration) {
        const text = fullTextQueries[iteration % fullTextQueries.length] as string;
        const result = await desk.search.searchTickets(agentPrincipal(), {
          text,
          status: 'closed',
          createdFrom: lastYear,
          limit: 20,
        });
        if (result.hits.length === 0) throw new Error(`searching "${text}" found no tickets`);
      },
    },
  ];
}
