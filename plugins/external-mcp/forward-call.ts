import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { toolResult, ToolError, type ToolResult } from '../../core/index.js';
import type { ForwardedCall } from './imported-tool.js';

/** Any JSON-RPC result: the plugin checks it itself, so a malformed one gets our message. */
const anyResult = z.unknown();

/** A short account of validation issues: `path: message; …`. */
export function describeProblems(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): string {
  const listed = issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(result)'}: ${issue.message}`);
  return `${listed.join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`;
}

/** True for an error that means the remote could not be reached, not that it refused the call. */
export function isConnectionFailure(error: unknown): boolean {
  return !(error instanceof McpError) || error.code === (ErrorCode.ConnectionClosed as number);
}

/** The JSON-RPC error message inside an HTTP error body, when there is one. */
function bodyMessage(message: string): string | undefined {
  try {
    const body = JSON.parse(message.slice(message.indexOf('{'))) as {
      error?: { message?: unknown };
    };
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}

/** What went wrong on the way, without a stack: `fetch failed (ECONNREFUSED)`, `HTTP 401: …`. */
export function describeError(error: unknown): string {
  const failure = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const message = typeof failure.message === 'string' ? failure.message : String(error);
  if (error instanceof StreamableHTTPError && error.code !== undefined) {
    const inner = bodyMessage(message);
    return `HTTP ${error.code}${inner === undefined ? '' : `: ${inner}`}`.slice(0, 300);
  }
  const cause = failure.cause?.code ?? failure.cause?.message;
  return (typeof cause === 'string' ? `${message} (${cause})` : message)
    .replace(/^MCP error -?\d+: /, '')
    .slice(0, 300);
}

/**
 * Sends one `tools/call` to the remote with the caller's cancellation, progress and the remote's
 * timeout, and checks the answer: the MCP result shape, and the remote tool's own output schema
 * when it declared one. Every failure is a {@link ToolError} naming the remote; a cancelled
 * call rethrows so the core reports it as cancelled. `onUnreachable` hears of connection
 * failures, so the connection can be re-established.
 *
 * @example
 * const result = await forwardCall(client, call, { remoteId: 'monitoring', timeoutMs: 30_000, onUnreachable });
 */
export async function forwardCall(
  client: Client,
  call: ForwardedCall,
  options: {
    readonly remoteId: string;
    readonly timeoutMs: number;
    readonly onUnreachable: (error: unknown) => void;
  },
): Promise<ToolResult> {
  const remote = `remote "${options.remoteId}"`;
  let answer: unknown;
  try {
    answer = await client.request(
      { method: 'tools/call', params: { name: call.remoteName, arguments: call.args } },
      anyResult,
      {
        signal: call.signal,
        timeout: options.timeoutMs,
        // The timeout is a promise to our caller: progress does not extend it.
        resetTimeoutOnProgress: false,
        onprogress: ({ progress, total, message }) => {
          void call.onProgress(progress, total, message).catch(() => undefined);
        },
      },
    );
  } catch (error) {
    if (call.signal.aborted) throw error;
    if (error instanceof McpError && error.code === (ErrorCode.RequestTimeout as number)) {
      throw new ToolError(
        `${remote} did not answer ${call.remoteName} within ${options.timeoutMs} ms; the call was cancelled there. Try again later, or with less work`,
      );
    }
    if (isConnectionFailure(error)) {
      options.onUnreachable(error);
      throw new ToolError(
        `${remote} could not be reached for ${call.remoteName}: ${describeError(error)}. It is being reconnected; try again in a minute`,
      );
    }
    throw new ToolError(`${remote} refused ${call.remoteName}: ${describeError(error)}`);
  }
  const parsed = CallToolResultSchema.safeParse(answer);
  if (!parsed.success) {
    throw new ToolError(
      `${remote} returned a malformed result for ${call.remoteName}: ${describeProblems(parsed.error.issues)}`,
    );
  }
  const result = parsed.data;
  const output = call.output;
  if (output && typeof output !== 'string' && result.isError !== true) {
    const checked = output.safeParse(result.structuredContent);
    if (result.structuredContent === undefined || !checked.success) {
      const why =
        result.structuredContent === undefined
          ? 'structuredContent is missing although the tool declares an output schema'
          : `structuredContent does not match the tool's output schema: ${describeProblems(checked.success ? [] : checked.error.issues)}`;
      throw new ToolError(`${remote} returned a malformed result for ${call.remoteName}: ${why}`);
    }
  }
  return toolResult({
    content: result.content,
    ...(result.structuredContent !== undefined && { structured: result.structuredContent }),
    ...(result.isError === true && { isError: true }),
  });
}
