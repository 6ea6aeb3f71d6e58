import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Scope } from '../scope/scope.ts';
import type { ToolContext } from './tool-context.ts';
import type { ToolResult } from './tool-result.ts';

/** MCP tool annotations: hints for clients, never a security boundary. */
export interface ToolAnnotations {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/** What a handler may return: the output value when the tool has an output schema, else text or content. */
export type ToolReturn<TOutput extends AnyObjectSchema | undefined> =
  TOutput extends AnyObjectSchema
    ? z.input<TOutput> | ToolResult<z.input<TOutput>>
    : string | readonly ContentBlock[] | ToolResult;

/** A tool as written by a plugin author. */
export interface ToolSpec<
  TInput extends AnyObjectSchema,
  TOutput extends AnyObjectSchema | undefined = undefined,
> {
  /** snake_case, at most 64 characters of `[A-Za-z0-9_-]`, unique within each collection. */
  readonly name: string;
  readonly title: string;
  /** Written for a language model: when to use it, what it returns, what to call next. */
  readonly description: string;
  readonly input: TInput;
  readonly output?: TOutput;
  /** Every scope here must be in the caller's effective scopes to list or call the tool. */
  readonly scopes: readonly Scope[];
  readonly annotations?: ToolAnnotations;
  /** Text content for a structured result; JSON of the output when absent. */
  summarize?(output: TOutput extends AnyObjectSchema ? z.output<TOutput> : never): string;
  /** Argument names whose values the audit log must redact. */
  readonly secretArguments?: readonly string[];
  handler(ctx: ToolContext<z.output<TInput>>): Promise<ToolReturn<TOutput>> | ToolReturn<TOutput>;
}

/**
 * Any tool, whatever its schemas: what registries and plugins hold. Every {@link ToolDefinition}
 * is assignable to it.
 */
export interface AnyToolDefinition {
  readonly kind: 'tool';
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: z.ZodType;
  readonly output?: z.ZodType | undefined;
  readonly scopes: readonly Scope[];
  readonly annotations?: ToolAnnotations;
  readonly secretArguments?: readonly string[];
  summarize?(output: Record<string, unknown>): string;
  handler(ctx: ToolContext<unknown>): unknown;
}

/** A frozen tool definition, as produced by {@link defineTool}. */
export interface ToolDefinition<
  TInput extends AnyObjectSchema = AnyObjectSchema,
  TOutput extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
> extends ToolSpec<TInput, TOutput> {
  readonly kind: 'tool';
}

/**
 * Declares a tool. The handler's `input` type is inferred from the zod schema.
 *
 * @example
 * export const echo = defineTool({
 *   name: 'echo', title: 'Echo', description: 'Returns the text it is given.',
 *   input: z.object({ text: z.string() }), scopes: ['demo:read'],
 *   annotations: { readOnlyHint: true },
 *   handler: ({ input }) => input.text,
 * });
 */
export function defineTool<
  TInput extends AnyObjectSchema,
  TOutput extends AnyObjectSchema | undefined = undefined,
>(spec: ToolSpec<TInput, TOutput>): ToolDefinition<TInput, TOutput> {
  return Object.freeze({
    kind: 'tool' as const,
    ...spec,
    scopes: Object.freeze([...spec.scopes]),
    annotations: Object.freeze({ ...spec.annotations }),
  });
}
