import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A tool result with its structured content and its text joined, for assertions. */
export interface Called {
  /** True when the tool failed (`isError`): a refusal, a bad argument or a `ToolError`. */
  readonly isError: boolean;
  /** The text blocks of the result, joined with new lines. */
  readonly text: string;
  /** The result's `structuredContent`, undefined when the tool has none. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read any shape
  readonly out: any;
}

/**
 * Calls `name` through the SDK client and flattens the result. A tool failure comes back with
 * `isError: true`; a protocol error (an unknown tool, say) rejects.
 *
 * @example
 * const { out, isError, text } = await call(agent, 'get_ticket', { ticketId: 1 });
 */
export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<Called> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
  return { isError: result.isError === true, text, out: result.structuredContent };
}
