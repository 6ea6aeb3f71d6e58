import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  ListRootsResultSchema,
  type Result,
} from '@modelcontextprotocol/sdk/types.js';
import { protocolError } from '../../errors/protocol-error.js';
import type { RequestStates, StateBinding, StatePayload } from './request-states.js';

/** A question for the client, as an MRTR `inputRequests` entry carries it. */
export interface InputRequest {
  readonly method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  readonly params: Record<string, unknown>;
}

/** How each kind of answer is checked before a handler (or a task's work) sees it. */
export const answerSchemas: Readonly<Record<string, typeof ElicitResultSchema>> = {
  'elicitation/create': ElicitResultSchema,
  'sampling/createMessage': CreateMessageResultSchema as unknown as typeof ElicitResultSchema,
  'roots/list': ListRootsResultSchema as unknown as typeof ElicitResultSchema,
};

function refused(message: string): Error {
  return protocolError('MCP_REQUEST_STATE_INVALID', message);
}

/**
 * The questions and answers of one 2026-07-28 call across its rounds (ADR 0026, "MRTR"). A handler
 * asks through it as through `ctx.elicit`; an ask already answered (in the verified request
 * state, or in this retry's `inputResponses`) resolves at once, and the first unanswered one
 * settles `required` and never resolves itself: the call is answered `input_required` and runs
 * again from the start when the client retries with the answers.
 *
 * @example
 * const ledger = await AskLedger.open(states, binding, request.params);
 * const answer = await ledger.ask(undefined, { method: 'elicitation/create', params });
 */
export class AskLedger {
  readonly #answers: Record<string, unknown>;
  readonly #asked: Record<string, InputRequest> = {};
  readonly #payload: StatePayload | undefined;
  #next = 0;
  #raise!: () => void;
  /** Settles when the call asks something not answered yet. */
  readonly required: Promise<void>;

  private constructor(answers: Record<string, unknown>, payload: StatePayload | undefined) {
    this.#answers = answers;
    this.#payload = payload;
    this.required = new Promise((resolve) => (this.#raise = resolve));
  }

  /** The ledger of a first round: nothing asked or answered yet. */
  static fresh(): AskLedger {
    return new AskLedger({}, undefined);
  }

  /** The ledger of a call from its `requestState` and `inputResponses`, both checked. */
  static async open(
    states: RequestStates,
    binding: StateBinding,
    params: { readonly requestState?: unknown; readonly inputResponses?: unknown },
  ): Promise<AskLedger> {
    const { requestState, inputResponses } = params;
    if (requestState === undefined) {
      if (inputResponses !== undefined)
        throw refused(
          'params.inputResponses came without params.requestState; send both or neither',
        );
      return AskLedger.fresh();
    }
    const payload = await states.open(requestState, binding);
    const answers: Record<string, unknown> = { ...payload.answers };
    if (inputResponses !== undefined) {
      if (typeof inputResponses !== 'object' || inputResponses === null)
        throw refused('params.inputResponses must be an object of answers by key');
      for (const [key, answer] of Object.entries(inputResponses)) {
        const method = payload.asked[key];
        // A key the last round did not ask is ignored, as the revision asks of servers.
        if (method === undefined) continue;
        const checked = answerSchemas[method]?.safeParse(answer);
        if (!checked?.success)
          throw refused(`params.inputResponses.${key} is not a valid ${method} result`);
        answers[key] = checked.data;
      }
    }
    return new AskLedger(answers, payload);
  }

  /** The state this round opened, if it is a retry. */
  get payload(): StatePayload | undefined {
    return this.#payload;
  }

  /** True when this round asked something it has no answer to. */
  get waiting(): boolean {
    return Object.keys(this.#asked).length > 0;
  }

  /** The answer under `key`, or undefined after recording the question for this round. */
  answerOrAsk(key: string, request: InputRequest): unknown {
    if (key in this.#answers) return this.#answers[key];
    this.#asked[key] = request;
    this.#raise();
    return undefined;
  }

  /**
   * Asks under `key` (the handler's name for the question) or the next `ask-<n>`: the answer
   * when there is one, else a promise that never settles.
   */
  ask<T>(request: InputRequest, key?: string): Promise<T> {
    const answer = this.answerOrAsk(key ?? `ask-${this.#next++}`, request);
    return answer === undefined ? new Promise<T>(() => undefined) : Promise.resolve(answer as T);
  }

  /** The `input_required` result of this round, with a fresh state carrying every answer so far. */
  async result(states: RequestStates, binding: StateBinding): Promise<Result> {
    const asked = Object.fromEntries(
      Object.entries(this.#asked).map(([key, request]) => [key, request.method]),
    );
    return {
      resultType: 'input_required',
      inputRequests: this.#asked,
      requestState: await states.seal(binding, { answers: this.#answers, asked }),
    };
  }
}
