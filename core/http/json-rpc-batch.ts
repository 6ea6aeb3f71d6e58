import type { IncomingMessage } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { isJsonRpcMessage } from './json-rpc-message.js';
import { readBody } from './read-body.js';

/** Messages one JSON-RPC batch may hold, where the protocol revision still has batches. */
export const maxBatchMessages = 32;

/** Revision 2025-06-18 removed JSON-RPC batching (2025-03-26 had added it). */
const firstRevisionWithoutBatches = '2025-06-18';

/**
 * The revision a POST speaks: its MCP-Protocol-Version header, or the one an initialize in it
 * asks for, or 2025-03-26, which the specification tells servers to assume without the header.
 */
function revisionOf(header: string | undefined, messages: readonly unknown[]): string {
  if (header !== undefined) return header;
  for (const message of messages) {
    const params = (message as { method?: unknown; params?: { protocolVersion?: unknown } } | null)
      ?.params;
    if ((message as { method?: unknown }).method === 'initialize') {
      if (typeof params?.protocolVersion === 'string') return params.protocolVersion;
    }
  }
  return '2025-03-26';
}

/**
 * Reads a POST body as the JSON-RPC messages it carries. A batch (a JSON array) is refused
 * under revisions that removed batching and capped at {@link maxBatchMessages} under those that
 * had it, so one request cannot start a thousand calls. Throws ServiceDeskError (answered as a
 * JSON-RPC error, HTTP 400 or 413) for a body that is not JSON, not JSON-RPC, or too long.
 *
 * @example
 * const { messages, batch } = await readJsonRpcMessages(ctx.req, { bodyLimit, revision: header });
 */
export async function readJsonRpcMessages(
  req: IncomingMessage,
  options: { readonly bodyLimit: number; readonly revision: string | undefined },
): Promise<{ messages: JSONRPCMessage[]; batch: boolean }> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req, options.bodyLimit));
  } catch (error) {
    if (error instanceof ServiceDeskError) throw error;
    throw new ServiceDeskError(
      'MCP_PARSE_ERROR',
      'Parse error: the request body is not valid JSON',
    );
  }
  const batch = Array.isArray(body);
  const messages = (batch ? body : [body]) as unknown[];
  if (batch) {
    const revision = revisionOf(options.revision, messages);
    if (revision >= firstRevisionWithoutBatches) {
      throw new ServiceDeskError(
        'MCP_BATCH_REFUSED',
        `Invalid Request: JSON-RPC batches are not part of MCP ${revision} (removed in ${firstRevisionWithoutBatches}); send one message per POST`,
      );
    }
    if (messages.length > maxBatchMessages) {
      throw new ServiceDeskError(
        'MCP_BATCH_REFUSED',
        `Invalid Request: a batch of ${messages.length} messages is over the limit of ${maxBatchMessages}; send at most ${maxBatchMessages} per POST`,
      );
    }
  }
  if (messages.length === 0 || !messages.every(isJsonRpcMessage)) {
    throw new ServiceDeskError(
      'HTTP_BAD_REQUEST',
      'Invalid Request: the body must be a JSON-RPC 2.0 message',
    );
  }
  return { messages, batch };
}
