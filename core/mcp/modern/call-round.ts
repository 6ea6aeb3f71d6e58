import type { Result } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../../auth/principal.js';
import type { CallScope } from '../call-tool.js';
import type { HandlerExtra } from '../direct-request.js';
import { requestContextOf } from '../request-context.js';
import { AskLedger } from './input-required.js';
import type { StateBinding } from './request-states.js';

/** One round of a tool call: its MRTR ledger when the call can have more than one. */
export interface CallRound {
  readonly ledger: AskLedger | undefined;
  /** The `input_required` answer of this round (only when `ledger` asked something). */
  inputRequired(): Promise<Result>;
}

const singleRound: CallRound = {
  ledger: undefined,
  inputRequired: () => Promise.reject(new Error('a single-round call cannot ask')),
};

/** What a round is bound to: the tool (or `prompt:<name>`), its arguments, and the retry's params. */
export interface RoundParams {
  readonly name: string;
  readonly arguments?: unknown;
  readonly requestState?: unknown;
  readonly inputResponses?: unknown;
}

/**
 * Starts a round of a `tools/call` or `prompts/get`: a 2026-07-28 request made by a client (not
 * a tool's nested call) gets a ledger from its `requestState` and `inputResponses`, both checked
 * against the caller, collection, tool or prompt and arguments; any other has one round and asks,
 * if at all, on its session. Throws `MCP_REQUEST_STATE_INVALID` (-32602) for a state that does
 * not hold.
 *
 * A first round is returned as it is (no promise), so the common call pays no extra tick.
 *
 * @example
 * const opening = startRound(request.params, { extra, scope, principal });
 * const round = opening instanceof Promise ? await opening : opening;
 */
export function startRound(
  params: RoundParams,
  call: { readonly extra: HandlerExtra; readonly scope: CallScope; readonly principal: Principal },
): CallRound | Promise<CallRound> {
  const { extra, scope, principal } = call;
  const states = scope.requestStates;
  if (states === undefined || (scope.depth ?? 0) > 0) return singleRound;
  if (requestContextOf(extra)?.era !== 'modern') return singleRound;
  const binding = (): StateBinding => ({
    user: principal.userId,
    client: principal.clientId,
    collection: scope.registry.collection.id,
    tool: params.name,
    arguments: params.arguments ?? {},
  });
  const round = (ledger: AskLedger): CallRound => ({
    ledger,
    inputRequired: () => ledger.result(states, binding()),
  });
  // A first round (most calls) has no state to open: answered without waiting on anything.
  if (params.requestState === undefined && params.inputResponses === undefined)
    return round(AskLedger.fresh());
  return AskLedger.open(states, binding(), params).then(round);
}
