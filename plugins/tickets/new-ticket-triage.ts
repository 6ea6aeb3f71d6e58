import { z } from 'zod';
import type { Logger, Principal, ServiceLocator } from '../../core/index.js';
import {
  ticketTriageRef,
  type TriageField,
  type TriageOutcome,
  type TypeFieldSuggestion,
} from '../ai-assist/api.js';

/**
 * What AI triage did to a new ticket, as `create_ticket` returns it.
 *
 * @example
 * z.object({ triage: newTicketTriageSchema.optional() })
 */
export const newTicketTriageSchema = z
  .object({
    applied: z
      .array(
        z.object({
          field: z
            .string()
            .describe(
              'team, category, priority, or customFields.<key> for a required field of the type.',
            ),
          value: z.union([z.string(), z.number()]),
          confidence: z
            .number()
            .optional()
            .describe('Absent for end users: it is computed from tickets they may not read.'),
        }),
      )
      .describe(
        "Fields set by triage, with the confidence of each (none for an option the ticket's words name).",
      ),
    similar_resolved: z
      .number()
      .int()
      .optional()
      .describe(
        'How many similar resolved tickets voted; absent for end users, since they may not read them.',
      ),
    articles: z
      .array(z.object({ id: z.number().int(), slug: z.string(), title: z.string() }))
      .describe('Knowledge-base articles that may help, best first (get_article reads one).'),
    skipped: z
      .string()
      .nullable()
      .describe('Why triage did not run; null when it ran. The ticket is logged either way.'),
  })
  .describe('AI triage of the new ticket; absent when this server has no AI triage.');

/**
 * A new ticket's triage, as {@link newTicketTriageSchema} describes it.
 *
 * @example
 * const triage: NewTicketTriage = { applied: [], similar_resolved: 0, articles: [], skipped: null };
 */
export type NewTicketTriage = z.output<typeof newTicketTriageSchema>;

function toView(outcome: TriageOutcome): NewTicketTriage {
  return {
    applied: outcome.applied.map(({ field, value, confidence }) => ({
      field,
      value,
      ...(confidence !== undefined && { confidence }),
    })),
    ...(outcome.similarResolved !== undefined && { similar_resolved: outcome.similarResolved }),
    articles: outcome.articles.map(({ id, slug, title }) => ({ id, slug, title })),
    skipped: null,
  };
}

/**
 * Runs AI triage on a ticket just created, for the `fields` its creator left to the desk, when
 * the triage service is there. A failing triage never undoes the ticket: it is logged as a
 * warning and reported as skipped.
 *
 * @example
 * const triage = await triageNewTicket({ services, principal, serverLog }, { ticketId, fields: ['team'] });
 */
export async function triageNewTicket(
  context: {
    readonly services: ServiceLocator;
    readonly principal: Principal;
    readonly serverLog: Logger;
  },
  request: { readonly ticketId: number; readonly fields: readonly TriageField[] },
): Promise<NewTicketTriage | undefined> {
  if (!context.services.has(ticketTriageRef)) return undefined;
  try {
    const outcome = await context.services
      .get(ticketTriageRef)
      .triageNewTicket(context.principal, request.ticketId, { fields: request.fields });
    return toView(outcome);
  } catch (error) {
    context.serverLog.warn('AI triage of a new ticket failed; the ticket stays as logged', {
      ticketId: request.ticketId,
      error: error instanceof Error ? error.message : String(error),
    });
    return {
      applied: [],
      similar_resolved: 0,
      articles: [],
      skipped: 'AI triage failed; the ticket keeps the team and priority it was logged with',
    };
  }
}

/**
 * A new ticket's triage with the type fields filled before it was logged listed first, as
 * `customFields.<key>`.
 *
 * @example
 * withFilledFields(triage, [{ field: 'affected_service', value: 'VPN and Remote Access', source: 'ticket_text' }])
 */
export function withFilledFields(
  triage: NewTicketTriage,
  filled: readonly TypeFieldSuggestion[],
): NewTicketTriage {
  if (filled.length === 0) return triage;
  const fields = filled.map(({ field, value, confidence }) => ({
    field: `customFields.${field}`,
    value,
    ...(confidence !== undefined && { confidence }),
  }));
  return { ...triage, applied: [...fields, ...triage.applied] };
}

/**
 * The sentences a text summary says about triage.
 *
 * @example
 * triageSummary(triage) // 'Routed by AI triage: team network (confidence 0.90), from 8 similar resolved tickets. ...'
 */
export function triageSummary(triage: NewTicketTriage | undefined): string {
  if (triage === undefined) return '';
  if (triage.skipped !== null) return ` Triage skipped: ${triage.skipped}.`;
  const applied = triage.applied
    .map((a) =>
      a.confidence === undefined
        ? `${a.field} ${String(a.value)}`
        : `${a.field} ${String(a.value)} (confidence ${a.confidence.toFixed(2)})`,
    )
    .join(', ');
  const count = triage.similar_resolved;
  const from = count === undefined ? '' : `${count} similar resolved ticket(s)`;
  const routed =
    applied === ''
      ? ` AI triage changed nothing${from === '' ? '' : ` (${from} found)`}.`
      : ` Routed by AI triage: ${applied}${from === '' ? '' : `, from ${from}`}.`;
  const articles =
    triage.articles.length === 0
      ? ''
      : ` Articles that may help: ${triage.articles.map((a) => `"${a.title}" (${a.slug})`).join(', ')}.`;
  return routed + articles;
}
