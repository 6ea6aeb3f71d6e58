import { z } from 'zod';
import { defineTool, ToolError, type AnyToolDefinition } from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import type { FieldModels } from '../model/field-models.js';
import type { SuggestionOutcome } from '../scoring/suggestion-decision.js';
import { suggestionFields } from '../scoring/suggestion-fields.js';
import { finishedStatuses } from './similar-tickets.js';
import { suggestTicketFields, type FieldSuggestion } from './suggest-ticket-fields.js';
import { requireTicket, ticketIdInput } from './ticket-id.js';

/** Options of {@link applySuggestionsTool}. */
export interface ApplySuggestionsSettings {
  /** How many similar resolved tickets vote. */
  readonly neighbours: number;
  /** The confidence a field needs when the caller names no threshold. */
  readonly threshold: number;
  /** The desk's learned classifiers; the similar tickets' vote alone without them. */
  readonly models?: FieldModels;
}

const outcomes = [
  'applied',
  'would_apply',
  'below_threshold',
  'already_set',
  'no_evidence',
] as const satisfies readonly SuggestionOutcome[];

const output = z.object({
  ticketId: z.number(),
  threshold: z.number(),
  dryRun: z.boolean(),
  changed: z.array(z.enum(suggestionFields)).describe('Fields this call changed on the ticket'),
  suggestions: z.array(
    z.object({
      field: z.enum(suggestionFields),
      current: z.string().nullable(),
      predicted: z.string().nullable().describe('Team by key; priority as "1"–"4"'),
      confidence: z
        .number()
        .describe(
          "0–1: the learned model's calibrated probability, or the predicted value's share of the vote",
        ),
      method: z
        .enum(['learned', 'similar_tickets'])
        .nullable()
        .describe('learned: the model trained on resolved tickets; similar_tickets: their vote'),
      outcome: z.enum(outcomes),
      reason: z.string(),
      evidence: z
        .array(z.number())
        .describe('Similar resolved tickets with the predicted value: why it is likely'),
    }),
  ),
  evidenceTicketIds: z
    .array(z.number())
    .describe('Every similar resolved ticket found, most similar first'),
});

type Output = z.output<typeof output>;

const percent = (share: number) => `${Number((share * 100).toFixed(1))}%`;

/** "tickets like #12 and #40 went to network", or nothing without such tickets. */
function explanation(suggestion: FieldSuggestion): string {
  const ids = suggestion.evidence.slice(0, 3).map((id) => `#${id}`);
  if (ids.length === 0 || suggestion.predicted === null) return '';
  const like = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return `; similar resolved tickets like ${like} had ${suggestion.predicted}`;
}

function reasonFor(suggestion: FieldSuggestion, threshold: number): string {
  return `${outcomeReason(suggestion, threshold)}${
    suggestion.method === 'learned' ? ` (learned model${explanation(suggestion)})` : ''
  }`;
}

function outcomeReason(suggestion: FieldSuggestion, threshold: number): string {
  switch (suggestion.outcome) {
    case 'applied':
      return `confidence ${percent(suggestion.confidence)} ≥ ${percent(threshold)}; changed from ${suggestion.current ?? 'unset'}`;
    case 'would_apply':
      return `confidence ${percent(suggestion.confidence)} ≥ ${percent(threshold)}; not changed (dry run)`;
    case 'below_threshold':
      return `confidence ${percent(suggestion.confidence)} < ${percent(threshold)}; left as it is`;
    case 'already_set':
      return 'the ticket already has this value';
    case 'no_evidence':
      return 'no similar resolved ticket has this field';
  }
}

function summarize(out: Output): string {
  const head =
    out.changed.length > 0
      ? `Ticket ${out.ticketId}: changed ${out.changed.join(', ')} (recorded as AI in its history).`
      : `Ticket ${out.ticketId}: nothing changed${out.dryRun ? ' (dry run)' : ''}.`;
  const lines = out.suggestions.map(
    (s) =>
      `- ${s.field}: ${s.predicted ?? 'no prediction'} (${percent(s.confidence)}) — ${s.outcome}: ${s.reason}`,
  );
  const evidence =
    out.evidenceTicketIds.length > 0
      ? `Evidence: tickets ${out.evidenceTicketIds.join(', ')}.`
      : 'No similar resolved tickets found.';
  return [head, ...lines, evidence].join('\n');
}

/**
 * `apply_ai_suggestions`: predicts a ticket's category, priority and team with the model learned
 * from the desk's resolved tickets (the most similar ones' vote before it is trained) and applies the confident predictions that
 * change something, with provenance `ai` in the ticket history.
 *
 * @example
 * ctx.addTool(applySuggestionsTool(desk, { neighbours: 10, threshold: 0.85 }));
 */
export function applySuggestionsTool(
  desk: DeskStore,
  settings: ApplySuggestionsSettings,
): AnyToolDefinition {
  return defineTool({
    name: 'apply_ai_suggestions',
    title: 'Apply AI suggestions to a ticket',
    description:
      "Predicts a ticket's category, priority and team with a model learned from the desk's resolved tickets " +
      '(calibrated confidence; before it is trained, or for a field too sparse to learn, a vote of the most similar ' +
      'resolved tickets) and sets each field whose confidence reaches the ' +
      'threshold and differs from the current value. Changes are recorded in the ticket history as made by AI. ' +
      'Returns per field the prediction, confidence, whether it was applied and why, and the evidence ticket ids. ' +
      'Use dryRun to only see the predictions; use get_matching_articles_and_tickets to read the evidence. ' +
      'Only for tickets that are not resolved or closed.',
    input: z.object({
      ticketId: ticketIdInput,
      threshold: z
        .number()
        .min(0, 'threshold must be from 0 to 1, e.g. 0.85')
        .max(1, 'threshold must be from 0 to 1, e.g. 0.85')
        .optional()
        .describe(`Confidence (0–1) a field needs to be applied (${settings.threshold})`),
      dryRun: z.boolean().default(false).describe('true: predict and explain, change nothing'),
    }),
    output,
    scopes: ['tickets:read:all', 'tickets:write:all'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    summarize,
    handler: async ({ input, principal }) => {
      const threshold = input.threshold ?? settings.threshold;
      const { ticket } = await requireTicket(desk, principal, input.ticketId);
      if (finishedStatuses.includes(ticket.status) && !input.dryRun) {
        throw new ToolError(
          `ticket ${ticket.id} is ${ticket.status}; suggestions triage open tickets. ` +
            'Reopen it first, or call again with dryRun: true to only see the predictions',
        );
      }
      const { suggestions, changed, similar } = await suggestTicketFields(desk, principal, {
        ticket,
        fields: suggestionFields,
        neighbours: settings.neighbours,
        threshold,
        dryRun: input.dryRun,
        models: settings.models?.current(),
      });
      return {
        ticketId: ticket.id,
        threshold,
        dryRun: input.dryRun,
        changed: [...changed],
        suggestions: suggestions.map((s) => ({
          ...s,
          evidence: [...s.evidence],
          reason: reasonFor(s, threshold),
        })),
        evidenceTicketIds: similar.map((t) => t.id),
      };
    },
  });
}
