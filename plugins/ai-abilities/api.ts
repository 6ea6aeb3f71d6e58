/**
 * What other plugins may import from the ai-abilities plugin (they list `ai-abilities` in
 * `requires`): the extension point through which they add abilities, how to write one, and the
 * scopes that decide on whose tickets abilities run.
 *
 * @example
 * import { abilitiesExtensionPoint, defineAbility } from '../ai-abilities/api.js';
 */
export { abilitiesExtensionPoint, type AbilitiesExtension } from './ability-extension.js';
export {
  defineAbility,
  type AbilitySpec,
  type AbilityDefinition,
  type AbilityOutputSchema,
} from './define-ability.js';
export type { AbilityTicket } from './ability-ticket.js';
export { aiRunScopes } from './ability-reach.js';
