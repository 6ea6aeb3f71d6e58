import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import type { Completer } from '../resource/define-resource.js';
import type { Scope } from '../scope/scope.js';
import type { ToolContext } from '../tool/tool-context.js';

/** One prompt argument (always a string on the wire). */
export interface PromptArgument {
  readonly name: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly complete?: Completer;
}

/** A prompt template a user can pick in their assistant. */
export interface PromptDefinition {
  readonly kind: 'prompt';
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly arguments?: readonly PromptArgument[];
  readonly scopes: readonly Scope[];
  /**
   * Renders the prompt. `elicit`, `sample` and `listRoots` are there as in a tool handler, where
   * the client can be asked (a 2026-07-28 client answers by multi-round-trip requests).
   */
  readonly get: (
    ctx: {
      readonly arguments: Readonly<Record<string, string>>;
      readonly principal: Principal;
    } & Pick<ToolContext<unknown>, 'elicit' | 'sample' | 'listRoots'>,
  ) => Promise<GetPromptResult['messages']> | GetPromptResult['messages'];
}

/**
 * Declares a prompt.
 *
 * @example
 * definePrompt({ name: 'triage', scopes: [], arguments: [{ name: 'ticket', required: true }],
 *   get: ({ arguments: a }) => [{ role: 'user', content: { type: 'text', text: `Triage ${a.ticket}` } }] })
 */
export function definePrompt(spec: Omit<PromptDefinition, 'kind'>): PromptDefinition {
  return Object.freeze({ kind: 'prompt' as const, ...spec });
}
