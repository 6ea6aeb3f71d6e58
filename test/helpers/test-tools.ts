import { z } from 'zod';
import { defineTool, type Scope, type ToolDefinition } from '../../core/index.js';

/**
 * A minimal valid tool that echoes `text`, for tests that need a tool with a given name and
 * scopes and care about nothing else.
 *
 * @example
 * definePlugin({ id: 'a', version: '1', scopes: { 'a:read': 'Read' }, tools: [echoTool('echo', ['a:read'])] })
 */
export function echoTool(
  name: string,
  scopes: readonly Scope[],
): ToolDefinition<z.ZodObject<{ text: z.ZodString }>> {
  return defineTool({
    name,
    title: `Echo (${name})`,
    description: 'Returns the text it is given.',
    input: z.object({ text: z.string() }),
    scopes,
    annotations: { readOnlyHint: true },
    handler: ({ input }) => input.text,
  });
}
