import type { CallToolRequest, CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import {
  currentCallFrame,
  endSpanWhenSettled,
  withCallFrame,
  type CallTracer,
} from '../log/call-frame.js';

/**
 * Runs one `tools/call`, when traces are on, in a call frame of its own: a new correlation id
 * (the audit row's) and a span with the collection, the tool and the correlation id
 * (`call-tool.ts` adds the outcome), which every log line and statement of the call finds. A
 * nested call (a runbook step) gets its own id and a child span. With traces off there is no
 * frame: on Node 20 an AsyncLocalStorage in use hooks every promise of the process (ADR 0038),
 * so `call-tool.ts` makes the id and hands it to the handler's loggers instead.
 *
 * @example
 * return tracedCall({ request, collectionId, tracer }, () => runToolCall(request, extra, scope));
 */
export function tracedCall<T>(
  call: {
    readonly request: CallToolRequest;
    readonly collectionId: string;
    readonly tracer: CallTracer | undefined;
  },
  work: () => Promise<T>,
): Promise<T> {
  const { tracer } = call;
  if (tracer === undefined) return work();
  const correlationId = randomUUID();
  const parent = currentCallFrame()?.span;
  const tool = call.request.params.name;
  // No global context manager is installed (several servers may share a process): the call
  // frame carries the span from here on.
  const span = tracer.start(`tools/call ${tool}`, {
    kind: parent ? 'internal' : 'server',
    parent,
    attributes: {
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': tool,
      'servicedesk.collection': call.collectionId,
      'servicedesk.tool': tool,
      'servicedesk.correlation_id': correlationId,
    },
  });
  return endSpanWhenSettled(withCallFrame({ correlationId, span, tracer }, work), span, tracer);
}

/** What {@link tracedToolCalls} reads from a call's scope. */
interface TracedScope {
  readonly registry: { readonly collection: { readonly id: string } };
  readonly runtime: { readonly metrics: { readonly tracer: CallTracer | undefined } };
}

/**
 * Wraps a `tools/call` runner so each call runs in its own call frame ({@link tracedCall}).
 *
 * @example
 * export const callTool = tracedToolCalls(runToolCall);
 */
export function tracedToolCalls<TExtra, TScope extends TracedScope>(
  run: (request: CallToolRequest, extra: TExtra, scope: TScope) => Promise<CallToolResult>,
): (request: CallToolRequest, extra: TExtra, scope: TScope) => Promise<CallToolResult> {
  return (request, extra, scope) =>
    tracedCall(
      { request, collectionId: scope.registry.collection.id, tracer: scope.runtime.metrics.tracer },
      () => run(request, extra, scope),
    );
}
