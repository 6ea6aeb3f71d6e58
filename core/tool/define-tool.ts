import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Scope } from '../scope/scope.js';
import type { JsonSchemaShape } from './json-schema-shape.js';
import type { ToolContext } from './tool-context.js';
import type { ToolResult } from './tool-result.js';
import type { ToolTasks } from './tool-tasks.js';
import type { ToolUi } from '../view/tool-ui.js';

/** MCP tool annotations: hints for clients, never a security boundary. */
export interface ToolAnnotations {
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

/** A tool's input or output: a zod object schema, or a raw JSON Schema from {@link fromJsonSchema}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shape type is accepted here
export type ToolShape = AnyObjectSchema | JsonSchemaShape<any>;

/** The value a shape validates to (what the handler sees). */
export type ShapeOutput<T extends ToolShape> = T extends AnyObjectSchema
  ? z.output<T>
  : T extends JsonSchemaShape<infer V>
    ? V
    : never;

/** The value a handler may return for a shape (before defaults and transforms apply). */
export type ShapeInput<T extends ToolShape> = T extends AnyObjectSchema
  ? z.input<T>
  : T extends JsonSchemaShape<infer V>
    ? V
    : never;

/** What a handler may return: the output value when the tool has an output schema, else text or content. */
export type ToolReturn<TOutput extends ToolShape | undefined> = TOutput extends ToolShape
  ? ShapeInput<TOutput> | ToolResult<ShapeInput<TOutput>>
  : string | readonly ContentBlock[] | ToolResult;

/** A tool as written by a plugin author. */
export interface ToolSpec<
  TInput extends ToolShape,
  TOutput extends ToolShape | undefined = undefined,
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
  summarize?(output: TOutput extends ToolShape ? ShapeOutput<TOutput> : never): string;
  /** Argument names whose values the audit log must redact. */
  readonly secretArguments?: readonly string[];
  /**
   * Other tools this one calls through `ctx.callTool`. Every collection that offers this tool
   * must offer these too; the server refuses to start otherwise (COLLECTION_MISSING_TOOL).
   */
  readonly calls?: readonly string[];
  handler(
    ctx: ToolContext<ShapeOutput<TInput>>,
  ): Promise<ToolReturn<TOutput>> | ToolReturn<TOutput>;
  /**
   * Long work the tool can hand back as a task to a 2026-07-28 client that declares the Tasks
   * extension; other clients keep getting the handler's answer. See {@link ToolTasks}.
   */
  readonly task?: ToolTasks<ShapeOutput<TInput>, ToolReturn<TOutput>>;
  /**
   * MCP Apps: the view a host renders beside the result, and whether the model or only views
   * call the tool. See {@link ToolUi}.
   */
  readonly ui?: ToolUi;
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
  readonly input: z.ZodType | JsonSchemaShape<unknown>;
  readonly output?: z.ZodType | JsonSchemaShape<unknown> | undefined;
  readonly scopes: readonly Scope[];
  readonly annotations?: ToolAnnotations;
  readonly secretArguments?: readonly string[];
  readonly calls?: readonly string[];
  summarize?(output: Record<string, unknown>): string;
  handler(ctx: ToolContext<unknown>): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input type is accepted here
  readonly task?: ToolTasks<any, unknown>;
  readonly ui?: ToolUi;
}

/** A frozen tool definition, as produced by {@link defineTool}. */
export interface ToolDefinition<
  TInput extends ToolShape = AnyObjectSchema,
  TOutput extends ToolShape | undefined = ToolShape | undefined,
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
  TInput extends ToolShape,
  TOutput extends ToolShape | undefined = undefined,
>(spec: ToolSpec<TInput, TOutput>): ToolDefinition<TInput, TOutput> {
  return Object.freeze({
    kind: 'tool' as const,
    ...spec,
    scopes: Object.freeze([...spec.scopes]),
    annotations: Object.freeze({ ...spec.annotations }),
    ...(spec.calls && { calls: Object.freeze([...spec.calls]) }),
  });
}
