import { ServiceDeskError } from '../../core/index.js';

/**
 * An OpenAI-compatible chat-completions provider, as configured.
 *
 * @example
 * const provider: AiProviderOptions = { url: 'https://api.openai.com/v1', model: 'gpt-4o-mini' };
 */
export interface AiProviderOptions {
  /**
   * The API's base URL, `http(s)://`. A URL with no path gets `/v1/chat/completions`, any other
   * gets `/chat/completions` appended, and one already ending in `/chat/completions` is used as is.
   */
  readonly url: string;
  readonly model: string;
  /** The environment variable holding the API key (`SDM_AI_API_KEY`); unset means no key is sent. */
  readonly apiKeyEnv?: string;
  /** The whole call's budget, retries included, in milliseconds (30,000). */
  readonly timeoutMs?: number;
  /** Further attempts after a 429, a 5xx or a network error (2). */
  readonly retries?: number;
  /** Extra request headers, e.g. an organisation id; never logged. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A provider ready to call: the endpoint resolved, the key read from the environment.
 *
 * @example
 * settings.endpoint.href // 'https://api.openai.com/v1/chat/completions'
 */
export interface AiProviderSettings {
  readonly endpoint: URL;
  /** Where the URL was set, for messages: `provider.url` or `SDM_AI_URL`. */
  readonly urlSource: string;
  /** What messages name (host and port): never the key or the query string. */
  readonly host: string;
  readonly model: string;
  readonly apiKey: string | undefined;
  readonly apiKeyEnv: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The environment variables the plugin reads when `provider` is left out, and the default name of
 * the key's variable.
 *
 * @example
 * process.env[aiEnvironment.url]
 */
export const aiEnvironment = Object.freeze({
  url: 'SDM_AI_URL',
  model: 'SDM_AI_MODEL',
  apiKey: 'SDM_AI_API_KEY',
});

function invalid(rule: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `plugin "ai-abilities": ${rule}`);
}

/** The chat-completions endpoint for a base URL (see {@link AiProviderOptions.url}). */
function chatCompletionsEndpoint(url: string, source: string): URL {
  let endpoint: URL;
  try {
    endpoint = new URL(url);
  } catch {
    throw invalid(`${source} is "${url}", which is not a URL; use e.g. https://api.openai.com/v1`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw invalid(`${source} must be an http:// or https:// URL, not ${endpoint.protocol}`);
  }
  const path = endpoint.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/chat/completions')) {
    endpoint.pathname = `${path === '' ? '/v1' : path}/chat/completions`;
  }
  return endpoint;
}

function wholeNumber(value: number, name: string, range: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalid(
      `provider.${name} is ${value}, which must be a whole number ${range.min}–${range.max}`,
    );
  }
  return value;
}

function fromOptions(
  options: AiProviderOptions,
  env: NodeJS.ProcessEnv,
  urlSource = 'provider.url',
): AiProviderSettings {
  if (typeof options.url !== 'string' || options.url.trim() === '') {
    throw invalid('provider.url is missing; give the API base URL, e.g. https://api.openai.com/v1');
  }
  const endpoint = chatCompletionsEndpoint(options.url.trim(), urlSource);
  if (typeof options.model !== 'string' || options.model.trim() === '') {
    throw invalid('provider.model is missing; name the model, e.g. gpt-4o-mini');
  }
  const apiKeyEnv = options.apiKeyEnv ?? aiEnvironment.apiKey;
  const apiKey = env[apiKeyEnv];
  // Naming a variable of your own promises a key; the default one may be absent (a local model).
  if (options.apiKeyEnv !== undefined && (apiKey === undefined || apiKey.trim() === '')) {
    throw invalid(`provider.apiKeyEnv names ${apiKeyEnv}, which is not set; set it to the API key`);
  }
  return Object.freeze({
    endpoint,
    urlSource,
    host: endpoint.host,
    model: options.model.trim(),
    apiKey: apiKey === undefined || apiKey.trim() === '' ? undefined : apiKey.trim(),
    apiKeyEnv,
    timeoutMs: wholeNumber(options.timeoutMs ?? 30_000, 'timeoutMs', { min: 100, max: 600_000 }),
    retries: wholeNumber(options.retries ?? 2, 'retries', { min: 0, max: 10 }),
    headers: Object.freeze({ ...options.headers }),
  });
}

function fromEnvironment(env: NodeJS.ProcessEnv): AiProviderSettings | undefined {
  const url = env[aiEnvironment.url]?.trim() ?? '';
  const model = env[aiEnvironment.model]?.trim() ?? '';
  if (url === '' && model === '') return undefined;
  if (url === '')
    throw invalid(
      `${aiEnvironment.model} is set but ${aiEnvironment.url} is not; set both, or neither`,
    );
  if (model === '')
    throw invalid(
      `${aiEnvironment.url} is set but ${aiEnvironment.model} is not; set both, or neither`,
    );
  return fromOptions({ url, model }, env, aiEnvironment.url);
}

/**
 * Resolves the provider option at startup: an object is used as given; `undefined` reads
 * `SDM_AI_URL`, `SDM_AI_MODEL` and `SDM_AI_API_KEY` (no provider when both URL and model are
 * unset); `false` means no provider, whatever the environment says. A bad value throws
 * CONFIG_INVALID naming the rule; the key's value never appears in a message.
 *
 * @example
 * const settings = resolveProviderSettings(options.provider, process.env);
 */
export function resolveProviderSettings(
  option: AiProviderOptions | false | undefined,
  env: NodeJS.ProcessEnv,
): AiProviderSettings | undefined {
  if (option === false) return undefined;
  if (option === undefined) return fromEnvironment(env);
  return fromOptions(option, env);
}
