import { defineServiceRef, type Principal, type ServiceRef } from '../../core/index.js';
import type { TicketFieldDefinition } from '../desk/api.js';
import type { FieldModels } from './model/field-models.js';

// The ai-assist plugin's public API: its triage service and the types it speaks. A plugin that
// imports it lists 'ai-assist' in `requires`, or in `optionalRequires` when it checks
// `ctx.services.has(ticketTriageRef)` and works without it (as the tickets plugin does).

/**
 * The id under which the ai-assist plugin provides {@link TicketTriage}; use
 * {@link ticketTriageRef} rather than this id.
 *
 * @example
 * ticketTriageRef.id === ticketTriageServiceId // true
 */
export const ticketTriageServiceId = 'ai-assist.triage';

/** A field triage may set on a new ticket. */
export type TriageField = 'team' | 'category' | 'priority';

/** What triage did to a new ticket, for the caller to report. */
export interface TriageOutcome {
  /** Fields set because the weighted vote of similar resolved tickets reached the threshold. */
  readonly applied: readonly {
    readonly field: TriageField;
    readonly value: string | number;
    /** Left out for a caller who may not read every ticket that voted (an end user). */
    readonly confidence?: number;
  }[];
  /**
   * How many similar resolved tickets voted (0 when none were found); left out for a caller who
   * may not read every ticket that voted (an end user).
   */
  readonly similarResolved?: number;
  /** The most relevant published knowledge-base articles for the ticket, best first (≤ 3). */
  readonly articles: readonly {
    readonly id: number;
    readonly slug: string;
    readonly title: string;
    readonly score: number;
  }[];
}

/** A value for a ticket type's own choice field, found before the ticket is logged. */
export interface TypeFieldSuggestion {
  /** The field's key, e.g. `affected_service`. */
  readonly field: string;
  /** One of the field's options. */
  readonly value: string;
  /** `ticket_text`: the caller's own words name the option; `similar_tickets`: their vote. */
  readonly source: 'ticket_text' | 'similar_tickets';
  /** The vote's share; left out for the ticket text, and for an end user (as for routing). */
  readonly confidence?: number;
  /** How many similar tickets voted; left out as `confidence` is. */
  readonly voters?: number;
}

/**
 * Routes a ticket just created through a tool: predicts the `fields` its creator did not set from
 * the most similar resolved tickets (the same weighted vote as `apply_ai_suggestions`) and applies
 * those above the plugin's threshold. It reads the desk's history with the server's own authority
 * — an end user's new ticket is routed by everyone's history — but reveals only the routing and
 * published articles, never other tickets. Changes are recorded with AI provenance and the
 * caller's collection and client.
 *
 * @example
 * const triage = ctx.services.get(ticketTriageRef);
 * const outcome = await triage.triageNewTicket(principal, ticket.id, { fields: ['team', 'category'] });
 */
export interface TicketTriage {
  triageNewTicket(
    principal: Principal,
    ticketId: number,
    options: { readonly fields: readonly TriageField[] },
  ): Promise<TriageOutcome>;
  /**
   * Values for a new ticket's required choice fields that its caller left out, before it is
   * logged: an option its own words name, else the confident vote of similar resolved tickets of
   * the same type (for an end user, only a value several organisations' tickets agree on). Fields
   * with no confident value are left out of the answer; nothing is written.
   *
   * @example
   * await triage.suggestTypeFields(principal, { type: 'incident', summary, details, fields: [affectedService] })
   */
  suggestTypeFields(
    principal: Principal,
    request: {
      readonly type: string;
      readonly summary: string;
      readonly details: string;
      readonly fields: readonly TicketFieldDefinition[];
    },
  ): Promise<readonly TypeFieldSuggestion[]>;
}

/**
 * The triage service, as the core hands it over. Optional for a plugin that can do without it:
 * check `services.has(ticketTriageRef)` first.
 *
 * @example
 * import { ticketTriageRef } from '../ai-assist/api.js';
 * if (ctx.services.has(ticketTriageRef)) {
 *   await ctx.services.get(ticketTriageRef).triageNewTicket(principal, ticketId, { fields: ['team'] });
 * }
 */
export const ticketTriageRef: ServiceRef<TicketTriage> =
  defineServiceRef<TicketTriage>(ticketTriageServiceId);

export type { FieldModels, TrainedFieldModels } from './model/field-models.js';

/**
 * The desk's learned classifiers for category, priority and team, provided while a server runs
 * with them on (`maxTrainingTickets` above 0): when they were trained, on how many tickets, and a
 * way to retrain now (`refresh({ force: true })`) rather than at the next scheduled check.
 *
 * @example
 * const models = ctx.services.get(fieldModelsRef);
 * await models.refresh({ force: true });
 * models.current()?.tickets // 48_210
 */
export const fieldModelsRef: ServiceRef<FieldModels> =
  defineServiceRef<FieldModels>('ai-assist.models');
