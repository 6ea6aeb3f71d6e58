import { z } from 'zod';
import {
  untrustedText,
  untrustedTextNotice,
  defineTool,
  ToolError,
  type Principal,
} from '../../../core/index.js';
import type { DeskStore } from '../../desk/api.js';
import { aiNoteBody } from '../ai-note.js';
import { abilityPrompt } from '../ability-prompt.js';
import { aiRunScopes } from '../ability-reach.js';
import { runAbility } from '../ability-runner.js';
import { loadAbilityTicket, type AbilityTicket } from '../ability-ticket.js';
import type { AbilityDefinition, AbilityOutputSchema } from '../define-ability.js';
import type { AiProviderSettings } from '../provider-settings.js';

/**
 * What every `run_ai_<id>` tool is built from; made once in the plugin's setup.
 *
 * @example
 * runAbilityTool({ desk, provider: settings, maxInstructionLength: 1000 }, summariseAbility)
 */
export interface RunAbilityDeps {
  readonly desk: DeskStore;
  /** Undefined when no provider is configured: the tool then needs sampling. */
  readonly provider: AiProviderSettings | undefined;
  readonly maxInstructionLength: number;
}

/** Fails before the model is asked when a write-back could not be written anyway. */
function checkWriteBack(principal: Principal, ticket: AbilityTicket): void {
  if (principal.role === 'end_user') {
    throw new ToolError(
      'writeBack saves a private note, which only agents may add; call again without writeBack',
    );
  }
  if (![...principal.scopes].some((scope) => scope.startsWith('tickets:write:'))) {
    throw new ToolError(
      'writeBack needs the scope tickets:write:own (or :org, :all), which this caller does not hold; call again without writeBack',
    );
  }
  if (ticket.status === 'closed') {
    throw new ToolError(
      `ticket ${ticket.id} is closed and takes no more notes; call again without writeBack`,
    );
  }
}

function inputSchema(maxInstructionLength: number) {
  return z.object({
    ticketId: z
      .number({ error: 'ticketId must be a ticket number such as 1042' })
      .int('ticketId must be a whole ticket number')
      .positive('ticketId must be a ticket number of 1 or more')
      .describe('The ticket number, e.g. 1042 (from search_tickets or get_assigned_tickets).'),
    instruction: z
      .string()
      .max(
        maxInstructionLength,
        `instruction must be at most ${maxInstructionLength} characters; shorten it`,
      )
      .optional()
      .describe('An extra instruction for this run, e.g. "in French" or "mention the VPN outage".'),
    writeBack: z
      .boolean()
      .optional()
      .describe(
        'true: also save the answer on the ticket as a private note marked as written by AI ' +
          '(agents only). false (default): only return it.',
      ),
  });
}

function outputSchema(ability: AbilityDefinition) {
  // A text ability never sends `result`; its placeholder schema keeps one output type for both.
  const result: AbilityOutputSchema =
    ability.output === 'text' ? z.object({}).catchall(z.unknown()) : ability.output;
  return z.object({
    ticketId: z.number().int(),
    ability: z.string(),
    text: z
      .string()
      .describe(`The model's answer as text; it may quote the ticket. ${untrustedTextNotice}`),
    result: result.optional().describe('The parsed JSON answer (structured abilities only)'),
    via: z.enum(['provider', 'sampling']).describe('The configured provider, or client sampling'),
    model: z.string().describe('The model that answered, as its provider names it'),
    noteId: z.number().int().optional().describe('The private note written (writeBack only)'),
    shortened: z.boolean().describe('True when the ticket was shortened to fit the prompt'),
  });
}

/**
 * `run_ai_<id>`: runs one AI ability on a ticket the caller may read, on the configured provider
 * or through client sampling, and with `writeBack` saves the answer as a private AI note. An
 * ability another plugin contributes also needs `scope`, one that plugin defines.
 *
 * @example
 * ctx.addTool(runAbilityTool(deps, summariseAbility));
 * contributor.addTool(runAbilityTool(deps, triageAbility, 'noc:triage:own'));
 */
export function runAbilityTool(deps: RunAbilityDeps, ability: AbilityDefinition, scope?: string) {
  return defineTool({
    name: `run_ai_${ability.id}`,
    title: ability.title,
    description:
      `${ability.description} Runs on a language model with the ticket's text (notes included). ` +
      'Returns the answer; with writeBack: true it is also saved on the ticket as a private note ' +
      'marked as written by AI. ' +
      untrustedTextNotice,
    input: inputSchema(deps.maxInstructionLength),
    output: outputSchema(ability),
    scopes: [...(scope === undefined ? [] : [scope]), aiRunScopes.own, 'tickets:read:own'],
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    },
    summarize: (out) =>
      out.noteId === undefined
        ? out.text
        : `${out.text}\n\n(Saved on ticket #${out.ticketId} as private note #${out.noteId}.)`,
    handler: async (ctx) => {
      const { input, principal } = ctx;
      const writeBack = input.writeBack ?? false;
      const ticket = await loadAbilityTicket(deps.desk, principal, input.ticketId);
      if (writeBack) checkWriteBack(principal, ticket);
      const prompt = abilityPrompt(ability, ticket, input.instruction);
      const run = await runAbility(ctx, ability, { prompt, provider: deps.provider });
      ctx.signal.throwIfAborted();
      const note = writeBack
        ? await deps.desk.tickets.addNote(principal, {
            ticketId: ticket.id,
            body: aiNoteBody(ability, run),
            visibility: 'private',
            provenance: 'ai',
          })
        : undefined;
      return {
        ticketId: ticket.id,
        ability: ability.id,
        // The model read people's text and may repeat what it said: its answer is fenced too.
        text: untrustedText(`AI answer on ticket ${ticket.id}`, run.text),
        ...(run.result !== undefined && { result: run.result }),
        via: run.via,
        model: run.model,
        ...(note !== undefined && { noteId: note.id }),
        shortened: ticket.shortened,
      };
    },
  });
}
