import { ToolError, type ToolContext } from '../../core/index.js';
import type { AbilityPrompt } from './ability-prompt.js';
import type { ChatAnswer } from './chat-completions.js';
import type { AbilityDefinition } from './define-ability.js';
import { aiEnvironment, type AiProviderSettings } from './provider-settings.js';

/**
 * One ability's answer: its text, the parsed object for a JSON ability, and which model gave it.
 *
 * @example
 * const run: AbilityRun = { text: 'Printer offline…', via: 'provider', model: 'gpt-4o-mini', source: 'api.openai.com' };
 */
export interface AbilityRun {
  readonly text: string;
  readonly result?: Record<string, unknown>;
  readonly via: 'provider' | 'sampling';
  readonly model: string;
  /** The provider's host, or `the client` for sampling. */
  readonly source: string;
}

/**
 * The message when there is neither a provider nor sampling; names the exact settings.
 *
 * @example
 * throw new ToolError(noModelMessage);
 */
export const noModelMessage =
  `No language model is configured: set ${aiEnvironment.url} and ${aiEnvironment.model} ` +
  `(and ${aiEnvironment.apiKey} if the provider needs a key) for an OpenAI-compatible ` +
  'chat-completions provider, or pass aiAbilitiesPlugin({ provider: { url, model } }); or call ' +
  'from a stateful collection (session: "stateful") with a client that supports sampling.';

async function sampleAnswer(
  ctx: ToolContext<unknown>,
  ability: AbilityDefinition,
  prompt: AbilityPrompt,
): Promise<ChatAnswer> {
  const sample = ctx.sample;
  if (sample === undefined) throw new ToolError(noModelMessage);
  let answer;
  try {
    answer = await sample({
      messages: [{ role: 'user', content: { type: 'text', text: prompt.user } }],
      systemPrompt: prompt.system,
      maxTokens: ability.maxTokens,
      temperature: ability.temperature,
      includeContext: 'none',
    });
  } catch (error) {
    ctx.signal.throwIfAborted();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ToolError(`the client did not complete the sampling request (${reason}); try again`);
  }
  if (answer.content.type !== 'text' || answer.content.text.trim() === '') {
    throw new ToolError(
      `the client's model answered with ${answer.content.type} content, not text; try again`,
    );
  }
  return { text: answer.content.text.trim(), model: answer.model };
}

/** The JSON object in `text` (a code fence around it is tolerated), checked against the schema. */
function parseStructured(ability: AbilityDefinition, answer: ChatAnswer, source: string) {
  if (ability.output === 'text') return undefined;
  const json = answer.text.replace(/^```(?:json)?\s*|\s*```$/g, '');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ToolError(
      `the model (${answer.model} via ${source}) did not answer ${ability.id} with valid JSON; try again`,
    );
  }
  const parsed = ability.output.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ToolError(
      `the model (${answer.model} via ${source}) answered ${ability.id} with JSON of the wrong shape (${issues}); try again`,
    );
  }
  return parsed.data;
}

/**
 * Runs `prompt` on the configured provider, or — with none configured — through the client's
 * model by MCP sampling when the collection and client allow it; otherwise fails with
 * {@link noModelMessage}. A configured provider that fails is reported, never silently replaced
 * by sampling.
 *
 * @example
 * const run = await runAbility(ctx, ability, { prompt, provider: settings });
 */
export async function runAbility(
  ctx: ToolContext<unknown>,
  ability: AbilityDefinition,
  job: { readonly prompt: AbilityPrompt; readonly provider: AiProviderSettings | undefined },
): Promise<AbilityRun> {
  const { prompt, provider } = job;
  const via = provider === undefined ? 'sampling' : 'provider';
  const source = provider === undefined ? 'the client' : provider.host;
  // The provider client loads on the first call, so a desk without a provider never loads it.
  const client = provider && (await import('./chat-completions.js'));
  const answer =
    provider === undefined || client === undefined
      ? await sampleAnswer(ctx, ability, prompt)
      : await client.requestChatCompletion(
          provider,
          {
            system: prompt.system,
            user: prompt.user,
            maxTokens: ability.maxTokens,
            temperature: ability.temperature,
            json: ability.output !== 'text',
          },
          {
            signal: ctx.signal,
            log: (message, data) => ctx.serverLog.info(message, data),
          },
        );
  const result = parseStructured(ability, answer, source);
  return Object.freeze({
    text: answer.text,
    ...(result !== undefined && { result }),
    via,
    model: answer.model,
    source,
  });
}
