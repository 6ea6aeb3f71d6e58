import { ToolError, type Principal } from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import type { FieldModels } from '../model/field-models.js';
import { finishedStatuses, ticketQuery } from '../tools/similar-tickets.js';
import { suggestTicketFields } from '../tools/suggest-ticket-fields.js';
import type { TicketTriage, TriageOutcome } from '../api.js';
import { suggestTypeFieldValues } from './type-field-triage.js';

/** Settings of {@link createTicketTriage}: the plugin's own. */
export interface TicketTriageSettings {
  /** How many similar resolved tickets vote. */
  readonly neighbours: number;
  /** The confidence a field needs to be applied. */
  readonly threshold: number;
  /** The vote share a type's required choice needs to be filled in. */
  readonly typeFieldThreshold: number;
  /** The desk's learned classifiers; the similar tickets' vote alone without them. */
  readonly models?: FieldModels;
}

/** Roles that may read every ticket, and so may see how triage decided. */
const staffRoles: ReadonlySet<string> = new Set(['agent', 'admin', 'service']);

/**
 * What a value needs before triage applies it for an end user: three voting tickets from at
 * least two organisations, so the routing reflects the desk's history, not one customer's ticket.
 */
export const endUserSupport = Object.freeze({ tickets: 3, organisations: 2 });

/** Articles triage returns at most. */
const maxArticles = 3;

/**
 * Who triage reads the history and writes the routing as: a service that reaches every ticket
 * and may set a team, with no desk user behind it (so the history row has no actor and reads
 * `ai`), but carrying the caller's collection and client so the row shows where the change came
 * through.
 *
 * @example
 * await desk.tickets.update(triagePrincipal(principal), id, { team: 'network', provenance: 'ai' });
 */
export function triagePrincipal(caller: Principal): Principal {
  return Object.freeze({
    userId: 'ai-assist',
    role: 'service',
    organisationId: undefined,
    email: undefined,
    clientId: caller.clientId,
    collectionId: caller.collectionId,
    scopes: new Set(['tickets:read:all', 'tickets:write:all', 'kb:read']),
  });
}

/**
 * The {@link TicketTriage} service over `desk`: the ticket is read as the caller (so nobody
 * triages a ticket they cannot see), predicted from the resolved tickets the caller may read and
 * routed as {@link triagePrincipal} with the same code as `apply_ai_suggestions`, and the articles
 * are searched as the caller, published only.
 *
 * @example
 * ctx.provide(ticketTriageRef, createTicketTriage(desk, { neighbours: 10, threshold: 0.85, typeFieldThreshold: 0.6 }));
 */
export function createTicketTriage(desk: DeskStore, settings: TicketTriageSettings): TicketTriage {
  const triage: TicketTriage = {
    async triageNewTicket(principal, ticketId, options): Promise<TriageOutcome> {
      const detail = await desk.tickets.get(principal, ticketId);
      if (detail === undefined) throw new ToolError(`ticket ${ticketId} not found`);
      const { ticket } = detail;
      if (finishedStatuses.includes(ticket.status)) {
        throw new ToolError(
          `ticket ${ticket.id} is ${ticket.status}; triage routes new and open tickets only`,
        );
      }
      // Staff may read every ticket that votes. Anyone else gets the routing but nothing derived
      // from tickets they may not read: no count, no confidence; the learned models read only
      // words several organisations' tickets hold, and the vote (before they are trained) applies
      // only values that several tickets of several organisations agree on.
      const staff = staffRoles.has(principal.role);
      const { suggestions, similar } = await suggestTicketFields(desk, triagePrincipal(principal), {
        ticket,
        fields: options.fields,
        neighbours: settings.neighbours,
        threshold: settings.threshold,
        models: settings.models?.current(),
        dryRun: false,
        ...(!staff && { minimumSupport: endUserSupport, sharedOnly: true }),
      });
      const words = ticketQuery(ticket);
      const articles =
        words.length === 0
          ? []
          : (
              await desk.search.searchArticles(principal, {
                text: words.join(' '),
                match: 'any',
                limit: maxArticles,
              })
            ).hits.filter((hit) => hit.row.published === 1);
      return {
        applied: suggestions.flatMap((s) =>
          s.outcome === 'applied' && s.predicted !== null
            ? [
                {
                  field: s.field,
                  value: s.field === 'priority' ? Number(s.predicted) : s.predicted,
                  ...(staff && { confidence: s.confidence }),
                },
              ]
            : [],
        ),
        ...(staff && { similarResolved: similar.length }),
        articles: articles.map(({ row, score }) => ({
          id: row.id,
          slug: row.slug,
          title: row.title,
          score,
        })),
      };
    },
    async suggestTypeFields(principal, request) {
      const staff = staffRoles.has(principal.role);
      const suggestions = await suggestTypeFieldValues(desk, request, {
        historyReader: triagePrincipal(principal),
        neighbours: settings.neighbours,
        threshold: settings.typeFieldThreshold,
        ...(!staff && { minimumSupport: endUserSupport }),
      });
      // As for routing: an end user learns the value, not how many tickets of others voted.
      return staff
        ? suggestions
        : suggestions.map(({ field, value, source }) => ({ field, value, source }));
    },
  };
  return Object.freeze(triage);
}
