import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { roleAllows, type RolePolicy } from '../scope/role-policy.js';
import { anySatisfies, type Scope } from '../scope/scope.js';
import type { Principal } from './principal.js';

/**
 * A 403 `insufficient_scope` refusal that names the scopes a new token should carry, so the
 * client can ask the user to consent to more (MCP authorization, step-up).
 *
 * @example
 * throw new InsufficientScopeError('tool add_note needs tickets:write:all', ['tickets:write:all']);
 */
export class InsufficientScopeError extends ServiceDeskError {
  /** The scopes to request: those the refused call needs plus those the token already holds here. */
  readonly scopes: readonly Scope[];

  constructor(message: string, scopes: readonly Scope[]) {
    super('AUTH_INSUFFICIENT_SCOPE', message);
    this.name = 'InsufficientScopeError';
    this.scopes = scopes;
  }
}

/**
 * Decides whether a `tools/call` of `toolName` deserves a step-up challenge: the collection serves
 * the tool, the caller lacks some of its scopes, and every missing scope is one the collection
 * grants and the caller's role may hold — so a token with more consent would succeed. Returns
 * the scopes to request (missing ∪ already effective, sorted), or undefined when the call may
 * go ahead, or when no token could ever reach the tool (which stays "tool not found", so a
 * caller cannot probe what exists).
 *
 * @example
 * const scopes = stepUpScopes({ registry, policy, principal }, 'add_note');
 * if (scopes) throw new InsufficientScopeError('add_note needs more consent', scopes);
 */
export function stepUpScopes(
  context: { registry: CollectionRegistry; policy: RolePolicy; principal: Principal },
  toolName: string,
): readonly Scope[] | undefined {
  const { registry, policy, principal } = context;
  const tool = registry.tools.get(toolName);
  if (!tool) return undefined;
  // Checked before anything is allocated: every permitted call of every request passes here.
  if (tool.definition.scopes.every((scope) => principal.scopes.has(scope))) return undefined;
  const missing = tool.definition.scopes.filter((scope) => !principal.scopes.has(scope));
  const attainable = missing.every(
    (scope) =>
      anySatisfies(registry.collection.grant, scope) && roleAllows(policy, principal.role, scope),
  );
  if (!attainable) return undefined;
  return Object.freeze([...new Set([...principal.scopes, ...missing])].sort());
}
