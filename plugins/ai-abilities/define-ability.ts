import type { z } from 'zod';
import { ServiceDeskError } from '../../core/index.js';
import type { AbilityTicket } from './ability-ticket.js';

/**
 * A JSON answer's shape: a zod object, so the tool's output schema can carry it as is.
 *
 * @example
 * const output: AbilityOutputSchema = z.object({ language: z.string() });
 */
export type AbilityOutputSchema = z.ZodObject<z.ZodRawShape>;

/**
 * An AI ability as written: a named prompt over one ticket. Give either `template` (the task, with
 * placeholders) or `render(ticket)` (the task built in code); the ticket itself always reaches the
 * model inside `<ticket>` markers, as data.
 *
 * @example
 * const spec: AbilitySpec = { id: 'triage_note', title: 'Triage note', description: '…',
 *   instructions: 'You are a service-desk agent.', template: 'Write a triage note for {{ticket}}' };
 */
export interface AbilitySpec {
  /** snake_case, at most 57 characters: the tool is `run_ai_<id>`. */
  readonly id: string;
  readonly title: string;
  /** For the model choosing the tool: what the ability produces and when to use it. */
  readonly description: string;
  /** The system prompt: who the model is and how it should answer. */
  readonly instructions: string;
  /**
   * The task. Placeholders: `{{ticket}}` (the delimited ticket; appended when absent),
   * `{{ticket.id}}`, `{{ticket.type}}`, `{{ticket.status}}`, `{{ticket.priority}}`.
   */
  readonly template?: string;
  /** The task built from the ticket; `ticket.block` (the delimited ticket) is appended if left out. */
  readonly render?: (ticket: AbilityTicket) => string;
  /** `'text'` (default), or a zod object the model's JSON answer must match. */
  readonly output?: 'text' | AbilityOutputSchema;
  /** Longest answer, in tokens (1–16,000; 1,000 by default). */
  readonly maxTokens?: number;
  /** Sampling temperature, 0–2 (0.2 by default). */
  readonly temperature?: number;
}

/**
 * A checked, frozen {@link AbilitySpec} with its defaults filled in.
 *
 * @example
 * const ability: AbilityDefinition = defineAbility(spec); // ability.maxTokens === 1000
 */
export interface AbilityDefinition extends AbilitySpec {
  readonly kind: 'ai-ability';
  readonly output: 'text' | AbilityOutputSchema;
  readonly maxTokens: number;
  readonly temperature: number;
}

const abilityIdPattern = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const placeholders = new Set([
  'ticket',
  'ticket.id',
  'ticket.type',
  'ticket.status',
  'ticket.priority',
]);

function invalid(id: string, rule: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `plugin "ai-abilities": ability "${id}" ${rule}`);
}

function checkTemplate(id: string, template: string): void {
  for (const match of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    const name = match[1] ?? '';
    if (!placeholders.has(name)) {
      throw invalid(
        id,
        `uses the placeholder {{${name}}}; use one of ${[...placeholders].map((p) => `{{${p}}}`).join(', ')}`,
      );
    }
  }
}

function checkNumbers(spec: AbilitySpec): void {
  const maxTokens = spec.maxTokens ?? 1000;
  if (!Number.isInteger(maxTokens) || maxTokens < 1 || maxTokens > 16_000) {
    throw invalid(spec.id, `has maxTokens ${maxTokens}, which must be a whole number 1–16000`);
  }
  const temperature = spec.temperature ?? 0.2;
  if (!(temperature >= 0 && temperature <= 2)) {
    throw invalid(spec.id, `has temperature ${temperature}, which must be from 0 to 2`);
  }
}

/**
 * Declares an AI ability; `aiAbilitiesPlugin({ abilities: [...] })` serves it as `run_ai_<id>`,
 * or another plugin contributes it through `abilitiesExtensionPoint` (from `ai-abilities/api.ts`).
 * A bad id, a missing or doubled prompt, an unknown placeholder or an out-of-range number throws
 * CONFIG_INVALID naming the ability and the rule.
 *
 * @example
 * defineAbility({ id: 'translate', title: 'Translate', description: 'Translates the ticket into English.',
 *   instructions: 'You translate service-desk tickets.', template: 'Translate {{ticket}} into English.' })
 */
export function defineAbility(spec: AbilitySpec): AbilityDefinition {
  if (!abilityIdPattern.test(spec.id) || spec.id.length > 57) {
    throw invalid(
      spec.id,
      'has an invalid id: use snake_case (lower-case letters, digits, single underscores) of at most 57 characters',
    );
  }
  if (spec.title.trim() === '' || spec.description.trim() === '') {
    throw invalid(spec.id, 'needs a title and a description');
  }
  if (spec.instructions.trim() === '') throw invalid(spec.id, 'needs instructions');
  if ((spec.template === undefined) === (spec.render === undefined)) {
    throw invalid(spec.id, 'must have exactly one of template and render');
  }
  if (spec.template !== undefined) checkTemplate(spec.id, spec.template);
  checkNumbers(spec);
  return Object.freeze({
    ...spec,
    kind: 'ai-ability' as const,
    output: spec.output ?? 'text',
    maxTokens: spec.maxTokens ?? 1000,
    temperature: spec.temperature ?? 0.2,
  });
}
