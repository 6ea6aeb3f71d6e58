import type { Principal } from '../../../core/index.js';
import type { DeskStore, TicketFieldDefinition } from '../../desk/api.js';
import { predictByWeightedVote, type Neighbour } from '../scoring/weighted-vote.js';
import { finishedStatuses, ticketQuery } from '../tools/similar-tickets.js';
import { meetsSupport, type MinimumSupport } from '../tools/suggest-ticket-fields.js';
import type { TypeFieldSuggestion } from '../api.js';
import { optionNamedInText } from './option-named-in-text.js';

/** What {@link suggestTypeFieldValues} predicts from. */
export interface TypeFieldRequest {
  /** The new ticket's type key. */
  readonly type: string;
  readonly summary: string;
  readonly details: string;
  /** The type's choice fields the caller left out; others are skipped. */
  readonly fields: readonly TicketFieldDefinition[];
}

/**
 * Values for a new ticket's missing choice fields, before it is logged. An option the ticket's
 * own words name ("my VPN…" → "VPN and Remote Access") is taken as said. Otherwise the
 * `neighbours` most similar resolved tickets of the same type vote with their own values, read
 * as `historyReader`; the winner is taken when its share reaches
 * `threshold` and, when `minimumSupport` is given (an end user's ticket), when enough tickets of
 * enough organisations voted for it. Only values among the field's options are ever returned.
 *
 * @example
 * await suggestTypeFieldValues(desk, { type: 'incident', summary, details, fields }, { historyReader, neighbours: 10, threshold: 0.85 })
 * // [{ field: 'affected_service', value: 'VPN and Remote Access', source: 'similar_tickets', confidence: 0.9 }]
 */
export async function suggestTypeFieldValues(
  desk: DeskStore,
  request: TypeFieldRequest,
  settings: {
    /** Who reads the history: the server's authority, so everyone's tickets vote. */
    readonly historyReader: Principal;
    readonly neighbours: number;
    readonly threshold: number;
    readonly minimumSupport?: MinimumSupport;
  },
): Promise<TypeFieldSuggestion[]> {
  const { historyReader } = settings;
  const choices = request.fields.filter((f) => f.type === 'enum' && (f.options ?? []).length > 0);
  const text = `${request.summary}\n${request.details}`;
  const suggestions: TypeFieldSuggestion[] = [];
  const toVote: TicketFieldDefinition[] = [];
  for (const field of choices) {
    const named = optionNamedInText(field.options ?? [], text);
    if (named === undefined) toVote.push(field);
    else suggestions.push({ field: field.key, value: named, source: 'ticket_text' });
  }
  const words = ticketQuery(request);
  if (toVote.length === 0 || words.length === 0) return suggestions;
  const page = await desk.search.searchTickets(historyReader, {
    text: words.join(' '),
    match: 'any',
    status: finishedStatuses,
    type: request.type,
    limit: Math.min(settings.neighbours, 100),
  });
  const details = await Promise.all(
    page.hits.map((hit) => desk.tickets.get(historyReader, hit.row.id)),
  );
  const voters: Neighbour<string>[] = page.hits.map((hit, i) => ({
    id: String(hit.row.id),
    score: hit.score,
    labels: Object.fromEntries(
      toVote.map((field) => {
        const value = details[i]?.ticket.custom_fields[field.key];
        return [field.key, typeof value === 'string' ? value : null];
      }),
    ),
  }));
  const organisationOf = new Map(
    page.hits.map((hit) => [String(hit.row.id), hit.row.organisation_id]),
  );
  const predictions = predictByWeightedVote(
    voters,
    toVote.map((field) => field.key),
  );
  for (const field of toVote) {
    const prediction = predictions[field.key];
    if (prediction === undefined || prediction.confidence < settings.threshold) continue;
    if (!(field.options ?? []).includes(prediction.value)) continue;
    const minimum = settings.minimumSupport;
    if (minimum !== undefined && !meetsSupport(prediction.evidence, organisationOf, minimum))
      continue;
    suggestions.push({
      field: field.key,
      value: prediction.value,
      source: 'similar_tickets',
      confidence: prediction.confidence,
      voters: prediction.voters,
    });
  }
  return suggestions;
}
