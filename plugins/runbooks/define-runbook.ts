import type { z } from 'zod';
import type { Scope } from '../../core/index.js';
import type { StepCondition } from './step-condition.js';
import type { ArgumentTemplate } from './template.js';

/** What a run does when a step fails: stop there (the default) or carry on with the next. */
export type StepErrorPolicy = 'stop' | 'continue';

/** How `run_<id>` runs when the caller does not say: wait for the end, or return a run id at once. */
export type RunMode = 'await' | 'start';

/**
 * One step of a runbook: a call of a tool of the same collection, with arguments templated from
 * the runbook's input and earlier steps' output.
 *
 * @example
 * { id: 'find_article', tool: 'search_knowledge_base', arguments: { query: '{{ input.summary }}' } }
 */
export interface RunbookStep {
  /** snake_case, unique within the runbook; later steps refer to it as `steps.<id>`. */
  readonly id: string;
  /** A short human label for progress messages; the id when left out. */
  readonly title?: string;
  /** The tool to call: any tool the collection offers (built-in, custom, another runbook). */
  readonly tool: string;
  /** The tool's arguments; strings may hold `{{ input.x }}` / `{{ steps.<id>.result.y }}`. */
  readonly arguments?: ArgumentTemplate;
  /** Run the step only when this holds; otherwise it is `skipped`. */
  readonly when?: StepCondition;
  /** `stop` (default): a failure ends the run as `failed`; `continue`: the run carries on. */
  readonly onError?: StepErrorPolicy;
  /** Argument names stored as `[redacted]` in the run record (the audit follows the tool's own list). */
  readonly secretArguments?: readonly string[];
}

/**
 * A runbook as written in configuration.
 *
 * @example
 * const spec: RunbookSpec<typeof input> = { id: 'triage', title: 'Triage', description: '…', input, steps: [] };
 */
export interface RunbookSpec<TInput extends z.ZodObject = z.ZodObject> {
  /** snake_case; the tool is `run_<id>`, so at most 60 characters. */
  readonly id: string;
  readonly title: string;
  /** Written for a language model: what the runbook does and when to run it. */
  readonly description: string;
  /** The runbook's own arguments; `.describe()` each field. `mode` is added by the plugin. */
  readonly input: TInput;
  readonly steps: readonly RunbookStep[];
  /**
   * Scopes the caller needs to run it, each starting with `runbooks:` (the plugin defines them);
   * `['runbooks:run']` by default. Every step still needs the caller's own scopes for its tool.
   */
  readonly scopes?: readonly Scope[];
  /** The mode when the caller gives none (`await` by default). */
  readonly mode?: RunMode;
  /** Input field names stored as `[redacted]` and redacted in the audit, with every argument built from them. */
  readonly secretArguments?: readonly string[];
}

/** A frozen runbook, checked when `runbooksPlugin` is built. */
export type RunbookDefinition = Readonly<RunbookSpec> & { readonly kind: 'runbook' };

/**
 * Declares a runbook: a named, described sequence of tool calls that `runbooksPlugin` turns into
 * the tool `run_<id>`.
 *
 * @example
 * defineRunbook({
 *   id: 'raise_and_resolve',
 *   title: 'Raise a ticket and resolve it from the knowledge base',
 *   description: 'Logs a ticket, adds the best matching article as a private note and logs 45 minutes.',
 *   input: z.object({ summary: z.string().describe('One-line title'), details: z.string() }),
 *   steps: [
 *     { id: 'ticket', tool: 'create_ticket', arguments: { summary: '{{ input.summary }}', details: '{{ input.details }}' } },
 *     { id: 'time', tool: 'log_time', arguments: { ticketId: '{{ steps.ticket.result.id }}', minutes: 45 } },
 *   ],
 * })
 */
export function defineRunbook<TInput extends z.ZodObject>(
  spec: RunbookSpec<TInput>,
): RunbookDefinition {
  return Object.freeze({
    ...spec,
    kind: 'runbook' as const,
    steps: Object.freeze(spec.steps.map((step) => Object.freeze({ ...step }))),
    ...(spec.scopes && { scopes: Object.freeze([...spec.scopes]) }),
  });
}
