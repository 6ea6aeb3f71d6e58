import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../core/index.js';
import { provideAbilitiesExtension } from './ability-extension.js';
import { aiRunScopes } from './ability-reach.js';
import { builtInAbilities } from './built-in-abilities.js';
import type { AbilityDefinition } from './define-ability.js';
import { deskStoreRef } from '../desk/api.js';
import { resolveProviderSettings, type AiProviderOptions } from './provider-settings.js';
import { runAbilityTool } from './tools/run-ability-tool.js';

// What other plugins may import too; configs and examples import it from here.
export * from './api.js';
export {
  builtInAbilities,
  summariseAbility,
  draftReplyAbility,
  detectSentimentAbility,
  suggestNextStepsAbility,
  sentimentSchema,
} from './built-in-abilities.js';
export { aiEnvironment, type AiProviderOptions } from './provider-settings.js';
export { noModelMessage } from './ability-runner.js';

/**
 * Options of {@link aiAbilitiesPlugin}.
 *
 * @example
 * aiAbilitiesPlugin({ provider: { url: 'http://localhost:11434/v1', model: 'llama3.2' } })
 */
export interface AiAbilitiesPluginOptions {
  /**
   * The chat-completions provider. Left out: read from `SDM_AI_URL`, `SDM_AI_MODEL` and
   * `SDM_AI_API_KEY` (none when the first two are unset). `false`: never a provider, only client
   * sampling.
   */
  readonly provider?: AiProviderOptions | false;
  /** The abilities served, each as `run_ai_<id>` (the four built-ins by default). */
  readonly abilities?: readonly AbilityDefinition[];
  /** Longest extra instruction a caller may add, in characters, 1–10,000 (1,000). */
  readonly maxInstructionLength?: number;
}

function invalid(rule: string): ServiceDeskError {
  return new ServiceDeskError('CONFIG_INVALID', `plugin "ai-abilities": ${rule}`);
}

function checkAbilities(abilities: readonly AbilityDefinition[]): void {
  const seen = new Set<string>();
  for (const ability of abilities) {
    if ((ability as Partial<AbilityDefinition>).kind !== 'ai-ability') {
      throw invalid('abilities must be made with defineAbility({ ... })');
    }
    if (seen.has(ability.id)) throw invalid(`ability id "${ability.id}" is listed twice`);
    seen.add(ability.id);
  }
}

/**
 * AI abilities: named prompts over a ticket (summarise, draft a reply, detect sentiment, suggest
 * next steps, and your own), each served as `run_ai_<id>`. They run on an OpenAI-compatible
 * chat-completions provider, or — with none configured — on the client's model through MCP
 * sampling on a stateful collection. Answers can be saved as private notes marked as AI.
 * Provider settings are checked here, when the config is built: a bad URL, a missing model or an
 * API-key variable that is named but empty throws CONFIG_INVALID. Other plugins add abilities of
 * their own through {@link abilitiesExtensionPoint}, gated by their own scopes.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), aiAbilitiesPlugin()],
 *   collections: [defineCollection({ id: 'agent', title: 'Agent Functions', plugins: ['ai-abilities'],
 *     grant: ['tickets:read:all', 'tickets:write:all', 'ai:run:all'], roles: ['agent', 'admin'] })],
 * })
 */
export function aiAbilitiesPlugin(options: AiAbilitiesPluginOptions = {}): PluginDefinition {
  const provider = resolveProviderSettings(options.provider, process.env);
  const abilities = Object.freeze([...(options.abilities ?? builtInAbilities)]);
  checkAbilities(abilities);
  const maxInstructionLength = options.maxInstructionLength ?? 1000;
  if (
    !Number.isInteger(maxInstructionLength) ||
    maxInstructionLength < 1 ||
    maxInstructionLength > 10_000
  ) {
    throw invalid(
      `maxInstructionLength is ${maxInstructionLength}, which must be a whole number 1–10000`,
    );
  }
  return definePlugin({
    id: 'ai-abilities',
    version: '0.1.0',
    description: 'AI abilities: named prompts run on a ticket by a language model.',
    requires: ['desk'],
    scopes: {
      [aiRunScopes.own]: 'Run AI abilities on the tickets you requested',
      [aiRunScopes.org]: "Run AI abilities on your organisation's tickets",
      [aiRunScopes.all]: 'Run AI abilities on every ticket you may read',
    },
    setup(ctx) {
      const desk = ctx.services.get(deskStoreRef);
      const deps = Object.freeze({ desk, provider, maxInstructionLength });
      for (const ability of abilities) ctx.addTool(runAbilityTool(deps, ability));
      provideAbilitiesExtension(ctx, { configured: abilities, deps });
      ctx.log.info(
        provider === undefined
          ? 'AI abilities have no provider: they run only through client sampling'
          : 'AI abilities use a chat-completions provider',
        {
          abilities: abilities.map((a) => a.id),
          ...(provider !== undefined && {
            host: provider.host,
            model: provider.model,
            apiKey: provider.apiKey === undefined ? 'none' : `from ${provider.apiKeyEnv}`,
          }),
        },
      );
    },
  });
}
