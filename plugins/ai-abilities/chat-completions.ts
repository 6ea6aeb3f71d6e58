import { ToolError } from '../../core/index.js';
import type { AiProviderSettings } from './provider-settings.js';
import { retryDelay, waitFor } from './retry-delay.js';

/**
 * One completion to ask for: a system prompt, one user message and the limits.
 *
 * @example
 * const request: ChatRequest = { system, user, maxTokens: 500, temperature: 0.2, json: false };
 */
export interface ChatRequest {
  readonly system: string;
  readonly user: string;
  readonly maxTokens: number;
  readonly temperature: number;
  /** Ask for a JSON object (`response_format: { type: 'json_object' }`). */
  readonly json: boolean;
}

/**
 * The model's answer and the model that gave it (as the provider names it).
 *
 * @example
 * const { text, model } = await requestChatCompletion(settings, request, { signal });
 */
export interface ChatAnswer {
  readonly text: string;
  readonly model: string;
}

/**
 * The caller's cancellation, and where to note retries (the server log).
 *
 * @example
 * const options: ChatCallOptions = { signal: ctx.signal, log: (m, d) => ctx.serverLog.info(m, d) };
 */
export interface ChatCallOptions {
  readonly signal: AbortSignal;
  readonly log?: (message: string, data: Record<string, unknown>) => void;
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

function statusError(settings: AiProviderSettings, status: number, attempts: number): ToolError {
  const who = `the AI provider at ${settings.host}`;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (status === 401 || status === 403) {
    return new ToolError(
      `${who} refused the request (HTTP ${status}); check the API key in ${settings.apiKeyEnv}`,
    );
  }
  if (status === 429) {
    return new ToolError(`${who} is rate-limiting requests (HTTP 429${tries}); try again later`);
  }
  if (status >= 500) {
    return new ToolError(`${who} failed (HTTP ${status}${tries}); try again later`);
  }
  return new ToolError(
    `${who} rejected the request (HTTP ${status}); check ${settings.urlSource} (the endpoint is ${settings.host}${settings.endpoint.pathname}) and the model name "${settings.model}"`,
  );
}

function malformed(settings: AiProviderSettings, what: string): ToolError {
  return new ToolError(
    `the AI provider at ${settings.host} sent a malformed response (${what}); check that it speaks the OpenAI chat-completions protocol`,
  );
}

/** The text of `choices[0].message.content`: a string, or an array of text parts. */
function answerOf(settings: AiProviderSettings, body: unknown): ChatAnswer {
  const record = (value: unknown): Record<string, unknown> | undefined =>
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  const choices = record(body)?.['choices'];
  const message = record(Array.isArray(choices) ? choices[0] : undefined)?.['message'];
  const content = record(message)?.['content'];
  const text = Array.isArray(content)
    ? content
        .map((part) => record(part)?.['text'])
        .filter((part): part is string => typeof part === 'string')
        .join('')
    : content;
  if (typeof text !== 'string' || text.trim() === '') {
    throw malformed(settings, 'no choices[0].message.content');
  }
  const model = record(body)?.['model'];
  return { text: text.trim(), model: typeof model === 'string' ? model : settings.model };
}

function requestInit(settings: AiProviderSettings, request: ChatRequest, signal: AbortSignal) {
  const body = {
    model: settings.model,
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
    max_tokens: request.maxTokens,
    temperature: request.temperature,
    ...(request.json && { response_format: { type: 'json_object' } }),
  };
  return {
    method: 'POST',
    headers: {
      ...settings.headers,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(settings.apiKey !== undefined && { authorization: `Bearer ${settings.apiKey}` }),
    },
    body: JSON.stringify(body),
    signal,
  };
}

/**
 * Asks an OpenAI-compatible provider for one chat completion with plain `fetch`. One budget of
 * `timeoutMs` covers every attempt; a 429, a 5xx or a network error is retried up to `retries`
 * times with a growing pause, or the pause a 429's `Retry-After` asks for. The caller's signal
 * aborts the HTTP request at once (and rethrows its reason); every other failure is a ToolError
 * naming the provider's host and the HTTP status, never the key.
 *
 * @example
 * const answer = await requestChatCompletion(settings, request, { signal: ctx.signal });
 */
export async function requestChatCompletion(
  settings: AiProviderSettings,
  request: ChatRequest,
  options: ChatCallOptions,
): Promise<ChatAnswer> {
  const started = Date.now();
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  const timedOut = () =>
    new ToolError(
      `the AI provider at ${settings.host} did not answer within ${settings.timeoutMs} ms; try again later`,
    );
  for (let attempt = 0; ; attempt += 1) {
    const remaining = () => settings.timeoutMs - (Date.now() - started);
    let failure: ToolError;
    let wait = retryDelay(attempt);
    try {
      const response = await fetch(settings.endpoint, requestInit(settings, request, signal));
      if (response.ok) {
        const body: unknown = await response.json().catch((error: unknown) => {
          if (signal.aborted) throw error;
          throw malformed(settings, 'the body is not JSON');
        });
        return answerOf(settings, body);
      }
      await response.body?.cancel();
      failure = statusError(settings, response.status, attempt + 1);
      if (!retryableStatus(response.status)) throw failure;
      wait = retryDelay(attempt, response.headers.get('retry-after'));
    } catch (error) {
      options.signal.throwIfAborted();
      if (deadline.aborted) throw timedOut();
      if (error instanceof ToolError) throw error;
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      failure = new ToolError(
        `could not reach the AI provider at ${settings.host}${typeof code === 'string' ? ` (${code})` : ''}; check ${settings.urlSource} and that the provider is up`,
      );
    }
    if (attempt >= settings.retries || wait >= remaining()) throw failure;
    options.log?.('retrying the AI provider', { host: settings.host, attempt: attempt + 1, wait });
    try {
      await waitFor(wait, signal);
    } catch {
      options.signal.throwIfAborted();
      throw timedOut();
    }
  }
}
