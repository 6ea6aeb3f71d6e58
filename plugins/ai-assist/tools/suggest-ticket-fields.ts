import type { Principal } from '../../../core/index.js';
import type { DeskStore, Ticket, TicketUpdate } from '../../desk/api.js';
import { decideSuggestion, type SuggestionOutcome } from '../scoring/suggestion-decision.js';
import type { SuggestionField } from '../scoring/suggestion-fields.js';
import type { FieldPrediction, Neighbour } from '../scoring/weighted-vote.js';
import type { PredictionMethod } from '../learning/predict-field.js';
import type { TrainedFieldModels } from '../model/field-models.js';
import { fieldPredictions } from '../model/learned-predictions.js';
import {
  findSimilarTickets,
  finishedStatuses,
  teamLabels,
  type SimilarTicket,
  type TeamLabel,
} from './similar-tickets.js';

/** One field's prediction and what was done with it. Team by key; priority as "1"–"4". */
export interface FieldSuggestion {
  readonly field: SuggestionField;
  readonly current: string | null;
  readonly predicted: string | null;
  /** The learned model's calibrated probability, or the vote's share, 0–1 (0 without one). */
  readonly confidence: number;
  /** Which predicted it: the learned model, or the similar tickets' vote; null without one. */
  readonly method: PredictionMethod | null;
  readonly outcome: SuggestionOutcome;
  /** Similar resolved tickets with the predicted value, most similar first: the explanation. */
  readonly evidence: readonly number[];
}

/** The result of {@link suggestTicketFields}. */
export interface TicketFieldSuggestions {
  /** One per requested field, in the order asked. */
  readonly suggestions: readonly FieldSuggestion[];
  /** The fields written to the ticket (empty on a dry run or when nothing qualified). */
  readonly changed: readonly SuggestionField[];
  /** Every similar resolved ticket that voted, most similar first. */
  readonly similar: readonly SimilarTicket[];
}

/** See `minimumSupport` of {@link suggestTicketFields}. */
export interface MinimumSupport {
  readonly tickets: number;
  readonly organisations: number;
}

/**
 * True when a prediction's `evidence` (ids of the tickets that voted for it) reaches `minimum`:
 * enough tickets, from enough distinct organisations (`organisationOf` maps id to organisation).
 *
 * @example
 * meetsSupport(['3', '9', '12'], organisations, { tickets: 3, organisations: 2 })
 */
export function meetsSupport(
  evidence: readonly string[],
  organisationOf: ReadonlyMap<string, number | null>,
  minimum: MinimumSupport,
): boolean {
  const organisations = new Set(evidence.map((id) => organisationOf.get(id) ?? 'none'));
  return evidence.length >= minimum.tickets && organisations.size >= minimum.organisations;
}

/** Whether a vote's evidence reaches `minimum`; every vote stands without one. */
function voteSupport(
  similar: readonly SimilarTicket[],
  minimum: MinimumSupport | undefined,
): ((vote: FieldPrediction) => boolean) | undefined {
  if (minimum === undefined) return undefined;
  const organisationOf = new Map(similar.map((t) => [String(t.id), t.organisationId]));
  return (vote) => meetsSupport(vote.evidence, organisationOf, minimum);
}

function currentLabels(
  ticket: Ticket,
  teams: ReadonlyMap<number, TeamLabel>,
): Record<SuggestionField, string | undefined> {
  return {
    category: ticket.category ?? undefined,
    priority: String(ticket.priority),
    team: ticket.team_id === null ? undefined : teams.get(ticket.team_id)?.key,
  };
}

/**
 * Predicts `fields` of `ticket` with the desk's learned `models` where they are trained, else
 * from its `neighbours` most similar resolved or closed tickets by the similarity-weighted vote
 * (the similar tickets are the explanation either way), and — unless `dryRun` — writes every
 * prediction that reaches `threshold` and differs from the current value in one
 * `desk.tickets.update` with provenance
 * `ai` and the version read (a concurrent edit is refused, not overwritten). Writing runs as
 * `principal` (`apply_ai_suggestions` passes its caller, triage of a new ticket a service
 * principal); the similar tickets are found as `readAs` (the caller's reach; `principal` when
 * left out), so nothing outside what the caller may read votes or is counted. The one
 * implementation of AI suggestions on the desk.
 *
 * @example
 * const { changed } = await suggestTicketFields(desk, principal, {
 *   ticket, fields: ['team'], neighbours: 10, threshold: 0.85, dryRun: false,
 * });
 */
export async function suggestTicketFields(
  desk: DeskStore,
  principal: Principal,
  request: {
    readonly ticket: Ticket;
    readonly fields: readonly SuggestionField[];
    readonly neighbours: number;
    readonly threshold: number;
    readonly dryRun: boolean;
    /** Whose reach the similar tickets are found in; `principal` when left out. */
    readonly readAs?: Principal;
    /**
     * The least evidence a vote needs: voting tickets, and distinct organisations among them.
     * Below it the field is left alone, so a value never stands for one customer's ticket.
     */
    readonly minimumSupport?: MinimumSupport;
    /** The desk's learned classifiers; the vote alone when left out or not yet trained. */
    readonly models?: TrainedFieldModels;
    /**
     * For callers who may not learn other organisations' words: the classifiers read only words
     * several organisations' tickets hold, and the vote stands in only for an untrained field.
     */
    readonly sharedOnly?: boolean;
  },
): Promise<TicketFieldSuggestions> {
  const { ticket, fields, threshold, dryRun } = request;
  const teams = await teamLabels(desk, principal);
  const similar = await findSimilarTickets(desk, request.readAs ?? principal, {
    ticket,
    statuses: finishedStatuses,
    limit: request.neighbours,
    teams,
  });
  const voters: Neighbour<SuggestionField>[] = similar.map((t) => ({
    id: String(t.id),
    score: t.score,
    labels: { category: t.category, priority: String(t.priority), team: t.team?.key ?? null },
  }));
  const voteStands = voteSupport(similar, request.minimumSupport);
  const predictions = fieldPredictions({
    models: request.models,
    fields,
    text: `${ticket.summary}\n${ticket.details}`,
    neighbours: voters,
    sharedOnly: request.sharedOnly === true,
    ...(voteStands !== undefined && { voteStands }),
  });
  const current = currentLabels(ticket, teams);
  const suggestions = fields.map((field): FieldSuggestion => {
    const prediction = predictions[field];
    return {
      field,
      current: current[field] ?? null,
      predicted: prediction?.value ?? null,
      confidence: prediction?.confidence ?? 0,
      method: prediction?.method ?? null,
      outcome: decideSuggestion({ prediction, current: current[field], threshold, dryRun }),
      evidence: (prediction?.evidence ?? []).map(Number),
    };
  });
  const chosen = new Map(
    suggestions.flatMap((s) =>
      s.outcome === 'applied' && s.predicted !== null ? [[s.field, s.predicted] as const] : [],
    ),
  );
  if (chosen.size > 0) {
    const priority = chosen.get('priority');
    const update: TicketUpdate = {
      ...(chosen.has('category') && { category: chosen.get('category') }),
      ...(priority !== undefined && { priority: Number(priority) }),
      ...(chosen.has('team') && { team: chosen.get('team') }),
      expectedVersion: ticket.version,
      provenance: 'ai',
    };
    await desk.tickets.update(principal, ticket.id, update);
  }
  return { suggestions, changed: [...chosen.keys()], similar };
}
