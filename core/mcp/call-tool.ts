import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  McpError,
  type CallToolRequest,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import { randomUUID } from 'node:crypto';
import { protocolError } from '../errors/protocol-error.js';
import type { AuditOutcome } from '../audit/audit-schema.js';
import { permits, type CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Runtime } from '../server/runtime.js';
import {
  storageFailureCode,
  storageFailureOf,
  storageFailureText,
} from '../storage/storage-failure.js';
import { checkArguments } from '../tool/check-arguments.js';
import { ClientCapabilityRequired } from '../tool/client-capability-required.js';
import { toToolResult } from './tool-output.js';
import { handlerContext } from './handler-context.js';
import { startRound } from './modern/call-round.js';
import type { RequestStates } from './modern/request-states.js';
import { CreatedTask, startTask, taskContractFor } from './tasks/start-task.js';
import type { TaskRecords } from './tasks/task-records.js';
import { approveWrite, type Approval } from './write-approval.js';
import { principalOf } from './request-principal.js';
import { requestContextOf } from './request-context.js';
import type { SessionState } from './session-state.js';
import { isCancelled } from './lazy-abort.js';
import { failure, nestedCaller } from './nested-caller.js';
import { CallCutOffError } from './call-cutoff.js';
import { currentCallFrame } from '../log/call-frame.js';
import { tracedToolCalls } from './traced-call.js';
import { rateLimitedError } from '../limits/rate-limited-error.js';
import { withViewActions } from '../view/view-actions.js';

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Where a call runs: the collection, the server runtime and the connection's state. */
export interface CallScope {
  readonly registry: CollectionRegistry;
  readonly runtime: Runtime;
  readonly session: SessionState;
  /** How many tools up the chain called this one through `ctx.callTool` (0 for a client's call). */
  readonly depth?: number;
  /** Seals and opens MRTR request state; set on the 2026-07-28 binding only. */
  readonly requestStates?: RequestStates;
  /** Keeps the tasks of tools that offer them; set on the 2026-07-28 binding only. */
  readonly tasks?: TaskRecords;
}

/** True for a protocol error carrying our `code` in its data. */
function hasDataCode(error: unknown, code: string): boolean {
  return error instanceof McpError && (error.data as { code?: unknown } | undefined)?.code === code;
}

/** What a call's race ends with when its handler asked the client something (MRTR). */
const waitingForInput = Symbol('waiting for input');

/**
 * Runs one `tools/call`: looks the tool up among those the caller may use, validates the
 * arguments, runs the handler, validates and shapes the output, and writes the audit row.
 * An unknown or forbidden tool is a protocol error; everything else is a tool result — among
 * them a runtime tool its plugin reports unavailable, for a caller whose scopes allow it.
 */
export const callTool = tracedToolCalls(runToolCall);

async function runToolCall(
  request: CallToolRequest,
  extra: Extra,
  scope: CallScope,
): Promise<CallToolResult> {
  const started = performance.now();
  const principal = principalOf(extra);
  const name = request.params.name;
  const args = request.params.arguments ?? {};
  const tool = scope.registry.tools.get(name);
  const frame = currentCallFrame();
  const correlationId = frame?.correlationId ?? randomUUID();
  const context = requestContextOf(extra);
  const audit = (outcome: AuditOutcome, errorCode?: string): void => {
    frame?.span?.setAttribute('servicedesk.outcome', outcome);
    scope.runtime.audit.record({
      at: new Date(),
      collectionId: scope.registry.collection.id,
      userId: principal.userId,
      role: principal.role,
      clientId: principal.clientId,
      tool: name,
      arguments: args,
      secretArguments: tool?.definition.secretArguments,
      outcome,
      errorCode,
      durationMs: performance.now() - started,
      correlationId,
      // As `auditedClient` words them, without its object and spread per row.
      clientName: context?.clientInfo?.name,
      clientVersion: context?.clientInfo?.version,
      protocolVersion: context?.protocolVersion,
    });
  };
  const unavailable = tool ? undefined : scope.registry.unavailableTool(name);
  if (unavailable && permits(principal.scopes, unavailable.scopes)) {
    audit('tool_error', 'TOOL_UNAVAILABLE');
    return failure(unavailable.message);
  }
  if (!tool || !permits(principal.scopes, tool.definition.scopes)) {
    audit('denied', 'TOOL_NOT_FOUND');
    // The same answer for unknown and forbidden tools, so a caller cannot probe what exists.
    throw protocolError(
      'TOOL_NOT_FOUND',
      `Tool ${name} not found: it is not available on this endpoint with your permissions; call tools/list to see the tools you can use`,
    );
  }
  // After the scope check: an unauthenticated or forbidden flood is the connection limiter's job.
  const refusal = scope.depth ? undefined : await scope.runtime.callLimits?.charge(principal);
  if (refusal) {
    audit('rate_limited', 'TOOL_RATE_LIMITED');
    throw rateLimitedError(refusal);
  }
  const checked = checkArguments(tool, args);
  if (!checked.ok) {
    audit('invalid_input', 'TOOL_INVALID_INPUT');
    return failure(
      `Invalid arguments for tool ${name}: ${checked.problems}. Correct these arguments and call ${name} again.`,
    );
  }
  const opening = startRound(request.params, { extra, scope, principal });
  const round =
    opening instanceof Promise
      ? await opening.catch((error: unknown) => {
          audit('invalid_input', 'MCP_REQUEST_STATE_INVALID');
          throw error;
        })
      : opening;
  let approval: Approval;
  try {
    approval = await approveWrite({ tool, args, extra, scope, ledger: round.ledger });
  } catch (error) {
    // Asking failed (a replayed confirmation, the client or the database): nothing was written.
    if (hasDataCode(error, 'MCP_REQUEST_STATE_INVALID')) {
      audit('invalid_input', 'MCP_REQUEST_STATE_INVALID');
      throw error;
    }
    audit('tool_error', 'TOOL_NOT_CONFIRMED');
    return failure(
      `Tool ${name} could not ask the person to confirm (${(error as Error).message}); nothing was written. Try again.`,
    );
  }
  if (approval.kind === 'fail') {
    audit('denied', approval.code);
    throw approval.error;
  }
  if (approval.kind === 'refuse') {
    audit('denied', approval.code);
    return failure(approval.text);
  }
  if (approval.kind === 'ask') {
    audit('input_required');
    return (await round.inputRequired()) as CallToolResult;
  }
  try {
    // Shutdown's cutoff ends the call (and fires its signal) if the handler outlasts the timeout.
    const returned = await scope.runtime.cutoff.run(
      () => extra.signal,
      (signal) => {
        // The handler's principal carries the audit row's correlation id, so a store can link
        // the changes it records to this call.
        const ctx = handlerContext(tool, checked.input, {
          extra,
          scope,
          principal: { ...principal, correlationId },
          signal,
          nested: nestedCaller(extra, scope, callTool),
          ledger: round.ledger,
        });
        const task = taskContractFor(tool, extra, scope);
        const running = task
          ? startTask(task, ctx, {
              collection: scope.registry.collection.id,
              tool: name,
              principal,
            })
          : tool.definition.handler(ctx);
        // A 2026-07-28 handler that asks what it has no answer to is left waiting; the call ends.
        const asked = round.ledger?.required.then(() => waitingForInput);
        return asked ? Promise.race([running, asked]) : running;
      },
    );
    if (returned === waitingForInput) {
      audit('input_required');
      return (await round.inputRequired()) as CallToolResult;
    }
    if (isCancelled(extra)) throw new Error('cancelled');
    if (returned instanceof CreatedTask) {
      audit('task');
      return returned.result as CallToolResult;
    }
    const result = toToolResult(tool, returned);
    if (result.ok) {
      audit(result.value.isError === true ? 'tool_error' : 'ok');
      return withViewActions(result.value, tool, {
        scopes: principal.scopes,
        offered: scope.registry.tools,
      });
    }
    scope.runtime.log.error('tool returned output that does not match its output schema', {
      plugin: tool.pluginId,
      tool: name,
      correlationId,
      issues: result.issues,
    });
    audit('invalid_output', 'TOOL_INVALID_OUTPUT');
    return failure(
      `Tool ${name} produced a result that does not match its declared output (correlation id ${correlationId}); this is a defect in the tool, not in your arguments.`,
    );
  } catch (error) {
    if (error instanceof ClientCapabilityRequired) {
      audit('denied', 'MCP_MISSING_CLIENT_CAPABILITY');
      if (requestContextOf(extra)?.era === 'modern') throw error.toProtocolError();
      return failure(error.message);
    }
    if (isCancelled(extra) || error instanceof CallCutOffError) {
      audit('cancelled', 'TOOL_CANCELLED');
      return failure(`Tool ${name} was cancelled.`);
    }
    if (
      error instanceof ServiceDeskError &&
      (error.code === 'TOOL_FAILED' || error.code === 'TOOL_INVALID_INPUT')
    ) {
      audit('tool_error', error.code);
      return failure(error.message);
    }
    const storage = storageFailureOf(error);
    if (storage) {
      const code = storageFailureCode(storage);
      scope.runtime.log.warn('the database failed a tool call', {
        plugin: tool.pluginId,
        tool: name,
        correlationId,
        code,
        reason: storage.reason,
      });
      audit('tool_error', code);
      return failure(storageFailureText(storage));
    }
    scope.runtime.log.error('tool failed', {
      plugin: tool.pluginId,
      tool: name,
      correlationId,
      error: (error as Error).message,
      stack: (error as Error).stack,
    });
    audit('internal_error', 'INTERNAL_ERROR');
    return failure(
      `Tool ${name} failed with an internal error (correlation id ${correlationId}). The failure was logged; try again later or ask an administrator.`,
    );
  }
}
