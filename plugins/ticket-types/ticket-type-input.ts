import { z } from 'zod';
import { checkFieldDefinitions, fieldSchema } from './field-schema.js';
import type { TicketTypeSource } from './ticket-type-source.js';

/** A desk user or organisation as a caller names it: text (an e-mail or a name) or an id. */
const reference = (field: string, what: string) =>
  z.union([z.string().trim().min(1), z.number().int().positive()], {
    error: `${field} must be ${what}`,
  });

/**
 * The arguments every ticket-type tool has, with the type's defaults in their descriptions.
 *
 * @example
 * z.strictObject({ ...commonArguments(source) })
 */
export function commonArguments(source: TicketTypeSource) {
  const team = source.defaultTeam;
  return {
    summary: z
      .string({ error: 'summary is required: give a one-line title' })
      .trim()
      .min(1, 'summary must not be blank; give a one-line title')
      .max(200, 'summary must be at most 200 characters; put the rest in details')
      .describe(`A one-line title of the ${source.type.name.toLowerCase()}.`),
    details: z
      .string({ error: 'details is required: say what the ticket is about' })
      .max(20_000, 'details must be at most 20,000 characters')
      .describe('What the ticket is about, in full.'),
    priority: z
      .number({ error: 'priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)' })
      .int('priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)')
      .min(1, 'priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)')
      .max(4, 'priority must be 1 (critical), 2 (high), 3 (medium) or 4 (low)')
      .default(source.defaultPriority)
      .describe(
        `1 critical, 2 high, 3 medium, 4 low; P${source.defaultPriority} (the type's default) when left out.`,
      ),
    requester: reference('requester', 'an e-mail address or a desk user id')
      .optional()
      .describe(
        'Agents only: who the ticket is for, by e-mail or desk user id; yourself when left out.',
      ),
    organisation: reference('organisation', 'an organisation name or id')
      .optional()
      .describe(
        'Agents only: the customer organisation the ticket is about, by name (e.g. "Acorn ' +
          'Construction") or id; the requester\'s organisation when left out.',
      ),
    team: z
      .string({ error: 'team must be a team key such as service-desk' })
      .trim()
      .min(1, 'team must be a team key such as service-desk')
      .optional()
      .describe(
        `Agents only: the team key to route it to; ${team === null ? 'no team' : `"${team.key}" (${team.name})`} when left out.`,
      ),
    agent: reference('agent', 'an e-mail address or a desk user id')
      .optional()
      .describe(
        'Agents only: the agent to assign it to at once, by e-mail or desk user id (e.g. the ' +
          "customer's account manager); the ticket then starts open. Unassigned when left out.",
      ),
  };
}

/**
 * The input schema of a ticket-type tool: the common arguments and, as top-level arguments, the
 * type's own fields (required, enum options, defaults and descriptions from their definitions).
 * Unknown arguments are refused, so a misspelt field is not silently dropped.
 *
 * @example
 * ticketTypeInput(source).parse({ summary: 'Acorn Construction - Backup', details: '...', service: 'Backup & Recovery' })
 */
export function ticketTypeInput(source: TicketTypeSource) {
  checkFieldDefinitions(
    source.fields,
    `tool "${source.planned.name}" (ticket type "${source.type.key}")`,
  );
  const own = Object.fromEntries(source.fields.map((field) => [field.key, fieldSchema(field)]));
  // Title and details first, then the type's own fields, then routing: the order the model reads.
  const { summary, details, ...routing } = commonArguments(source);
  return z.strictObject({ summary, details, ...own, ...routing });
}

/**
 * The arguments a ticket-type tool's handler receives.
 *
 * @example
 * const { summary, agent } = input satisfies TicketTypeArguments;
 */
export type TicketTypeArguments = z.output<ReturnType<typeof ticketTypeInput>>;
