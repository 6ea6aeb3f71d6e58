import {
  Client,
  StreamableHTTPClientTransport,
  isJSONRPCErrorResponse,
  isJSONRPCResultResponse,
  type ClientCapabilities,
  type Implementation,
  type JSONRPCRequest,
  type Transport,
} from '@modelcontextprotocol/client';
import {
  DispatchError,
  createTaskSessionFromClient,
  type JsonRpcResponse,
  type RawClientDispatch,
  type TaskEnabledSession,
  type WithTasksOptions,
} from '@modelcontextprotocol/ext-tasks/client';
import type { JsonValue } from '@modelcontextprotocol/ext-tasks/core';

/** The id of the MCP Tasks extension, as servers advertise it and clients declare it. */
export const tasksExtensionId = 'io.modelcontextprotocol/tasks';

/** Where and as whom {@link openTasksSession} connects. */
export interface TasksSessionOptions {
  /** The collection's MCP endpoint. */
  readonly url: URL;
  /** The bearer token sent on every request. */
  readonly token: string;
  /** The client's name and version; defaults to `tasks-test-client` 2.4.0-test. */
  readonly clientInfo?: Implementation;
  /** Session options such as `onInputRequest`, which answers a task's `inputRequests`. */
  readonly tasks?: WithTasksOptions;
}

/** An ext-tasks session on a connected 2026-07-28 client, with the one way to end both. */
export interface TasksSession {
  /** Calls tools; a `resultType: 'task'` answer becomes an execution that polls `tasks/get`. */
  readonly session: TaskEnabledSession;
  /** The underlying SDK client, for ordinary requests such as `listTools`. */
  readonly client: Client;
  /** Closes the session (best-effort cancelling unsettled tasks), then the client. */
  close(): Promise<void>;
}

/** The capabilities the client declares; ext-tasks adds the tasks extension per request. */
const clientCapabilities = {} as const satisfies ClientCapabilities;

/**
 * A {@link RawClientDispatch} that sends through the client's own connected transport, so the
 * request carries the transport's bearer token and the `MCP-Protocol-Version`, `Mcp-Method` and
 * `Mcp-Name` headers it derives from the body, while its answer bypasses the SDK's result
 * decoding, which rejects `resultType: 'task'`. Call after `client.connect(transport)`. A
 * per-request `requestTimeoutMs` is not applied; the test's own timeout bounds a lost answer.
 */
function transportDispatch(transport: Transport): RawClientDispatch {
  const pending = new Map<string, (response: JsonRpcResponse) => void>();
  let nextId = 0;
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    const isResponse = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
    const settle = isResponse ? pending.get(String(message.id)) : undefined;
    if (settle === undefined) deliver?.(message, extra);
    else if (isJSONRPCResultResponse(message))
      settle({ kind: 'result', result: message.result as JsonValue });
    else if (isJSONRPCErrorResponse(message))
      settle({ kind: 'error', error: message.error as { code: number; message: string } });
  };
  return (request, { signal, context } = {}) =>
    new Promise<JsonRpcResponse>((resolve, reject) => {
      const id = `ext-tasks:${++nextId}`;
      const finish = (settle: () => void) => {
        if (!pending.delete(id)) return;
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const fail = (reason: unknown) =>
        finish(() => reject(reason instanceof Error ? reason : new DispatchError(String(reason))));
      const onAbort = () => fail(signal?.reason);
      pending.set(id, (response) => finish(() => resolve(response)));
      signal?.addEventListener('abort', onAbort, { once: true });
      const message = { ...(request as object), jsonrpc: '2.0', id } as JSONRPCRequest;
      transport
        .send(message, {
          ...(context?.headers && { headers: context.headers }),
          ...(signal && { requestSignal: signal }),
          onRequestStreamEnd: () => fail('the response stream ended without an answer'),
        })
        .catch(fail);
    });
}

/**
 * Connects a `@modelcontextprotocol/client` 2.4.0 client pinned to revision 2026-07-28 to `url`
 * with a bearer token, and wraps it in an `@modelcontextprotocol/ext-tasks` session. The server
 * must advertise `io.modelcontextprotocol/tasks` as exactly `{}` in `server/discover`; otherwise
 * the session is Tasks-unaware, never declares the extension, and a task answer is refused.
 *
 * @example
 * const { session, close } = await openTasksSession({ url: new URL(t.urlOf('agent')), token });
 * try {
 *   const execution = await session.callTool('export_report', { month: '2026-07' });
 *   expect(execution.kind).toBe('task');
 *   const { outcome } = await execution.settle();
 *   expect(resultFromTaskOutcome(outcome)).toMatchObject({ structuredContent: { rows: 3 } });
 * } finally {
 *   await close();
 * }
 */
export async function openTasksSession(options: TasksSessionOptions): Promise<TasksSession> {
  const clientInfo = options.clientInfo ?? { name: 'tasks-test-client', version: '2.4.0-test' };
  const client = new Client(clientInfo, {
    capabilities: clientCapabilities,
    versionNegotiation: { mode: { pin: '2026-07-28' } },
  });
  const transport = new StreamableHTTPClientTransport(options.url, {
    requestInit: { headers: { authorization: `Bearer ${options.token}` } },
  });
  await client.connect(transport);
  const protocolVersion = client.getNegotiatedProtocolVersion();
  if (protocolVersion === undefined) throw new Error('the client negotiated no protocol version');
  let session: TaskEnabledSession;
  try {
    session = createTaskSessionFromClient(client, {
      ...options.tasks,
      endpointId: options.url.href,
      rawDispatch: transportDispatch(transport),
      v2RequestFraming: {
        protocolVersion,
        clientInfo: { ...clientInfo },
        clientCapabilities: { ...clientCapabilities },
      },
    });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    session,
    client,
    close: async () => {
      await session.close();
      await client.close();
    },
  };
}
