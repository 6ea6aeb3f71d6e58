import {
  ContentBlockSchema,
  type CallToolResult,
  type ContentBlock,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { CompiledTool } from '../tool/compile-tool.js';
import { isToolResult } from '../tool/tool-result.js';
import { describeIssues } from '../tool/validation-message.js';

/** The shaped result, or why the handler's value does not fit the tool's output schema. */
export type ShapedResult = { ok: true; value: CallToolResult } | { ok: false; issues: string };

const contentBlocks = z.array(ContentBlockSchema);

/** Content a handler built itself is checked, so a malformed block never reaches the client. */
function checkContent(result: CallToolResult): ShapedResult {
  const parsed = contentBlocks.safeParse(result.content);
  if (parsed.success) return { ok: true, value: result };
  return { ok: false, issues: `content: ${describeIssues(parsed.error)}` };
}

/**
 * Turns what a handler returned into a `CallToolResult`: structured output is validated against
 * the output schema and sent both as `structuredContent` and as text.
 */
export function toToolResult(tool: CompiledTool, returned: unknown): ShapedResult {
  const { output } = tool.definition;
  const rich = isToolResult(returned) ? returned : undefined;
  if (output) {
    if (rich?.isError === true) return checkContent({ content: [...rich.content], isError: true });
    const value = rich ? rich.structured : returned;
    const parsed = output.safeParse(value);
    if (!parsed.success) return { ok: false, issues: describeIssues(parsed.error) };
    const structured = parsed.data as Record<string, unknown>;
    if (rich && rich.content.length > 0) {
      return checkContent({ content: [...rich.content], structuredContent: structured });
    }
    // The summary is built only when it is the content sent.
    const text = tool.definition.summarize?.(structured) ?? JSON.stringify(structured);
    const content: ContentBlock[] = [{ type: 'text', text }];
    return { ok: true, value: { content, structuredContent: structured } };
  }
  if (typeof returned === 'string')
    return { ok: true, value: { content: [{ type: 'text', text: returned }] } };
  if (Array.isArray(returned)) return checkContent({ content: returned as ContentBlock[] });
  if (rich) {
    return checkContent({
      content: [...rich.content],
      ...(rich.structured !== undefined && {
        structuredContent: rich.structured as Record<string, unknown>,
      }),
      ...(rich.isError !== undefined && { isError: rich.isError }),
    });
  }
  return {
    ok: false,
    issues:
      'a tool without an output schema must return a string, content blocks or toolResult(...)',
  };
}
