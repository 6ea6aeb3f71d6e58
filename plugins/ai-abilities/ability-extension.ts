import {
  defineExtensionPoint,
  type ExtensionPoint,
  type PluginSetupContext,
} from '../../core/index.js';
import { aiRunScopes } from './ability-reach.js';
import type { AbilityDefinition } from './define-ability.js';
import { runAbilityTool, type RunAbilityDeps } from './tools/run-ability-tool.js';

/**
 * What a plugin that requires `ai-abilities` may do in its setup: add AI abilities of its own.
 *
 * @example
 * ctx.extensionPoint(abilitiesExtensionPoint).addAbility(triageAbility, { scope: 'noc:triage:own' });
 */
export interface AbilitiesExtension {
  /**
   * Serves `ability` (made with `defineAbility`) as `run_ai_<id>`, a tool of the contributing
   * plugin: collections that list that plugin serve it, to callers holding `options.scope` — a
   * scope the contributing plugin defines — as well as `ai:run:*` and `tickets:read:*`, which
   * still decide on which tickets it runs. It uses the provider configured for `ai-abilities`.
   * Throws PLUGIN_CONTRIBUTION_INVALID for an ability not made with `defineAbility`, an id
   * another ability (configured or contributed) has, or a missing scope or one of `ai:run:*`.
   */
  addAbility(ability: AbilityDefinition, options: { readonly scope: string }): void;
}

/**
 * The extension point through which plugins add AI abilities, gated by their own scopes.
 *
 * @example
 * setup(ctx) { ctx.extensionPoint(abilitiesExtensionPoint).addAbility(triageAbility, { scope: 'noc:triage:own' }); }
 */
export const abilitiesExtensionPoint: ExtensionPoint<AbilitiesExtension> =
  defineExtensionPoint<AbilitiesExtension>('ai-abilities.abilities');

const ownerScopes: ReadonlySet<string> = new Set(Object.values(aiRunScopes));

/**
 * Provides {@link abilitiesExtensionPoint} in the plugin's setup. `configured` are the abilities
 * the plugin serves from its options, whose ids contributions may not take.
 *
 * @example
 * provideAbilitiesExtension(ctx, { configured: abilities, deps });
 */
export function provideAbilitiesExtension(
  ctx: PluginSetupContext,
  setup: { readonly configured: readonly AbilityDefinition[]; readonly deps: RunAbilityDeps },
): void {
  const { deps } = setup;
  const owners = new Map(
    setup.configured.map((ability) => [
      ability.id,
      'plugin "ai-abilities" (its "abilities" option)',
    ]),
  );
  ctx.provideExtensionPoint(abilitiesExtensionPoint, (contributor) => ({
    addAbility(ability, options) {
      const refuse = (rule: string) => contributor.contributionError('an AI ability', rule);
      if ((ability as Partial<AbilityDefinition>).kind !== 'ai-ability') {
        throw refuse('abilities must be made with defineAbility({ ... }) from ai-abilities/api.ts');
      }
      const owner = owners.get(ability.id);
      if (owner !== undefined) {
        throw refuse(
          `ability id "${ability.id}" (tool run_ai_${ability.id}) is already served by ${owner}; give it an id of its own`,
        );
      }
      const mine = `a scope plugin "${contributor.pluginId}" defines`;
      const scope = (options as { scope?: unknown } | undefined)?.scope;
      if (typeof scope !== 'string' || scope.trim() === '') {
        throw refuse(
          `ability "${ability.id}" names no scope; pass addAbility(ability, { scope }) with ${mine}, so only callers granted it run the ability`,
        );
      }
      if (ownerScopes.has(scope)) {
        throw refuse(
          `ability "${ability.id}" is gated by "${scope}", a scope of plugin "ai-abilities" that its callers need anyway; ` +
            `gate it with ${mine}`,
        );
      }
      owners.set(ability.id, `plugin "${contributor.pluginId}"`);
      contributor.addTool(runAbilityTool(deps, ability, scope));
    },
  }));
}
