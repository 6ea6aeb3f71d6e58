import {
  ElicitResultSchema,
  McpError,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';
import { auditArgumentsJson } from '../audit/audit-arguments.js';
import { needsConfirmation } from '../collection/write-confirmations.js';
import { errorCodes } from '../errors/error-codes.js';
import { protocolError } from '../errors/protocol-error.js';
import type { CompiledTool } from '../tool/compile-tool.js';
import type { CallScope } from './call-tool.js';
import type { HandlerExtra } from './direct-request.js';
import type { AskLedger, InputRequest } from './modern/input-required.js';
import { requestContextOf } from './request-context.js';

/** What the confirmation step decided about one call. */
export type Approval =
  | { readonly kind: 'go' }
  /** A 2026-07-28 call: the ledger holds the question; answer `input_required`. */
  | { readonly kind: 'ask' }
  | { readonly kind: 'refuse'; readonly code: string; readonly text: string }
  /** A protocol error to send after the audit row (missing capability). */
  | { readonly kind: 'fail'; readonly code: string; readonly error: McpError };

/** The ledger key of the confirmation question, apart from the handler's own `ask-<n>`. */
const confirmKey = 'confirm';

function confirmationRequest(tool: CompiledTool, args: unknown): InputRequest {
  const shown = auditArgumentsJson(args, tool.definition.secretArguments);
  return {
    method: 'elicitation/create',
    params: {
      mode: 'form',
      message: `${tool.definition.name} will change the desk: ${shown}. Confirm?`,
      requestedSchema: {
        type: 'object',
        properties: {
          confirm: {
            type: 'boolean',
            title: 'Confirm',
            description: `Go ahead with ${tool.definition.name}`,
          },
        },
        required: ['confirm'],
      },
    },
  };
}

function isConfirmed(answer: unknown): boolean {
  const result = answer as ElicitResult;
  return result.action === 'accept' && result.content?.['confirm'] === true;
}

/**
 * Asks the person to confirm a call the collection lists under `confirm`, before anything is
 * written: through the call's MRTR ledger (2026-07-28), through elicitation on a stateful
 * 2025-11-25 session, or — when the client can do neither — not at all, with a refusal saying
 * how to enable it. A 2026-07-28 confirmation is single-use: its state is consumed before the
 * handler runs, so a replayed retry writes nothing.
 *
 * @example
 * const approval = await approveWrite({ tool, args, extra, scope, ledger });
 * if (approval.kind !== 'go') …
 */
export async function approveWrite(call: {
  readonly tool: CompiledTool;
  readonly args: Readonly<Record<string, unknown>>;
  readonly extra: HandlerExtra;
  readonly scope: CallScope;
  readonly ledger: AskLedger | undefined;
}): Promise<Approval> {
  const { tool, args, extra, scope, ledger } = call;
  const name = tool.definition.name;
  if (!needsConfirmation(scope.registry.collection.confirm?.[name], args)) return { kind: 'go' };
  const request = confirmationRequest(tool, args);
  const context = requestContextOf(extra);
  let answer: unknown;
  if (context?.era === 'modern') {
    if (context.clientCapabilities?.elicitation === undefined || ledger === undefined) {
      const code = 'MCP_MISSING_CLIENT_CAPABILITY';
      const error = new McpError(
        errorCodes[code].jsonRpc,
        `Tool ${name} changes the desk only after the person confirms, which needs elicitation: declare the elicitation capability in params._meta["io.modelcontextprotocol/clientCapabilities"] and call again`,
        { code, requiredCapabilities: { elicitation: {} } },
      );
      return { kind: 'fail', code, error };
    }
    answer = ledger.answerOrAsk(confirmKey, request);
    if (answer === undefined) return { kind: 'ask' };
  } else if (scope.session.clientCapabilities()?.elicitation !== undefined) {
    answer = await extra.sendRequest(
      { method: 'elicitation/create', params: request.params as never },
      ElicitResultSchema,
    );
  } else {
    return {
      kind: 'refuse',
      code: 'TOOL_CONFIRMATION_UNAVAILABLE',
      text: `Tool ${name} was not called: on this endpoint it changes the desk only after the person confirms, and this connection cannot ask them. Use a client that supports elicitation (MCP 2026-07-28, or a stateful 2025-11-25 session), or ask an administrator to remove ${name} from the collection's confirm list. Nothing was written.`,
    };
  }
  if (!isConfirmed(answer)) {
    return {
      kind: 'refuse',
      code: 'TOOL_NOT_CONFIRMED',
      text: `Tool ${name} was not confirmed by the person; nothing was written.`,
    };
  }
  const payload = ledger?.payload;
  if (payload !== undefined && !(await scope.requestStates?.consume(payload))) {
    throw protocolError(
      'MCP_REQUEST_STATE_INVALID',
      `this confirmation of ${name} was already used; call ${name} again (without requestState) to be asked again`,
    );
  }
  return { kind: 'go' };
}
