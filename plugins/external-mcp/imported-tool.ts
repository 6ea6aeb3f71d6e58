import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import {
  defineTool,
  type AnyToolDefinition,
  type ToolAnnotations,
  type ToolResult,
} from '../../core/index.js';
import type { RemoteConfig } from './check-options.js';
import { passThroughSchema } from './schema-pass-through.js';

/** What the handler of an imported tool hands the remote call. */
export interface ForwardedCall {
  readonly remoteName: string;
  readonly args: Record<string, unknown>;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: number, total?: number, message?: string) => Promise<void>;
  /** The remote tool's output schema, to refuse a result that does not match it. */
  readonly output: ReturnType<typeof passThroughSchema> | undefined;
}

/** Forwards one call to the remote and turns its answer into ours. */
export type ForwardCall = (call: ForwardedCall) => Promise<ToolResult>;

function annotationsOf(tool: Tool): ToolAnnotations {
  const given = tool.annotations ?? {};
  const kept: Record<string, boolean> = {};
  for (const hint of [
    'readOnlyHint',
    'destructiveHint',
    'idempotentHint',
    'openWorldHint',
  ] as const)
    if (typeof given[hint] === 'boolean') kept[hint] = given[hint];
  return kept;
}

/**
 * Our tool for one remote tool: named `localName`, with the remote's schemas, title,
 * description and annotations, the scopes the configuration gives it, and a handler that
 * forwards the call. Returns why not when the remote's schemas cannot be served.
 *
 * @example
 * const imported = importTool(remote, { tool, localName: 'ev_get_sum', forward });
 * if (typeof imported !== 'string') tools.push(imported);
 */
export function importTool(
  remote: RemoteConfig,
  spec: { readonly tool: Tool; readonly localName: string; readonly forward: ForwardCall },
): AnyToolDefinition | string {
  const { tool, localName, forward } = spec;
  const input = passThroughSchema(tool.inputSchema);
  if (typeof input === 'string') return `input ${input}`;
  const output = tool.outputSchema === undefined ? undefined : passThroughSchema(tool.outputSchema);
  if (typeof output === 'string') return `output ${output}`;
  const description = tool.description ?? `The tool "${tool.name}".`;
  return defineTool({
    name: localName,
    title: tool.title ?? tool.annotations?.title ?? tool.name,
    // The model should know the answer comes from elsewhere, and from where.
    description: `${description}\n\n(From the remote MCP server "${remote.title}", tool "${tool.name}".)`,
    input,
    ...(output && { output }),
    scopes: remote.scopesFor(tool.name),
    annotations: annotationsOf(tool),
    // The remote's answer is checked in forwardCall; the core checks it against `output` again.
    handler: ({ input: args, signal, progress }) =>
      forward({ remoteName: tool.name, args, signal, onProgress: progress, output }) as Promise<
        ToolResult<Record<string, unknown>>
      >,
  });
}
