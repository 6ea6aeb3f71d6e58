import { definePlugin, type Principal } from '../../../core/index.js';
import {
  ticketTriageRef,
  type TicketTriage,
  type TriageField,
  type TriageOutcome,
} from '../../../plugins/ai-assist/api.js';
import { deskStoreRef, type TicketUpdate } from '../../../plugins/desk/api.js';

/** What the fake triage was asked, and whether it should fail; tests read and set it. */
export interface FakeTriageState {
  readonly calls: { userId: string; ticketId: number; fields: readonly TriageField[] }[];
  fail: boolean;
}

/** The routing the fake "predicts" for each field, with its confidence. */
const predictions = {
  team: { value: 'network', confidence: 0.9 },
  category: { value: 'VPN', confidence: 0.8 },
  priority: { value: 2, confidence: 0.7 },
} as const;

/** Writes as the real triage does: a service with no desk user, through the caller's endpoint. */
function servicePrincipal(caller: Principal): Principal {
  return {
    userId: 'fake-triage',
    role: 'service',
    organisationId: undefined,
    email: undefined,
    clientId: caller.clientId,
    collectionId: caller.collectionId,
    scopes: new Set(['tickets:read:all', 'tickets:write:all']),
  };
}

/**
 * A test-only plugin providing ai-assist's triage service (`ticketTriageRef`): it sets every field it is asked for to a fixed
 * prediction through the real desk store, says 8 similar tickets voted and suggests one article.
 * Set `state.fail` to make it throw.
 *
 * @example
 * const state: FakeTriageState = { calls: [], fail: false };
 * await startTicketsServer(engine, [fakeTriagePlugin(state)]);
 */
export function fakeTriagePlugin(state: FakeTriageState) {
  return definePlugin({
    id: 'fake-triage',
    version: '0.0.0',
    requires: ['desk'],
    setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      const triage: TicketTriage = {
        async triageNewTicket(principal, ticketId, { fields }): Promise<TriageOutcome> {
          state.calls.push({ userId: principal.userId, ticketId, fields: [...fields] });
          if (state.fail) throw new Error('the similar-ticket index is unavailable');
          const applied = fields.map((field) => ({ field, ...predictions[field] }));
          const update: TicketUpdate = {
            ...(fields.includes('team') && { team: predictions.team.value }),
            ...(fields.includes('category') && { category: predictions.category.value }),
            ...(fields.includes('priority') && { priority: predictions.priority.value }),
            provenance: 'ai',
          };
          await desk.tickets.update(servicePrincipal(principal), ticketId, update);
          return {
            applied,
            similarResolved: 8,
            articles: [
              { id: 7, slug: 'vpn-drops', title: 'When the VPN keeps dropping', score: 4.2 },
            ],
          };
        },
        // Fills nothing, so tests of routing see the store's own answer on type fields.
        suggestTypeFields() {
          if (state.fail)
            return Promise.reject(new Error('the similar-ticket index is unavailable'));
          return Promise.resolve([]);
        },
      };
      ctx.provide(ticketTriageRef, triage);
    },
  });
}
