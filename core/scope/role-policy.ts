import { scopeMatchesPattern, type Role, type Scope } from './scope.ts';

/** Which scopes each role may ever hold, as patterns (`*` is one whole segment). */
export type RolePolicy = Readonly<Record<Role, readonly string[]>>;

/**
 * The default: end users hold only `:own` and `:org` extents and plain reads (`kb:read`);
 * agents, admins and service accounts may hold anything the collection grants.
 */
export const defaultRolePolicy: RolePolicy = Object.freeze({
  end_user: Object.freeze(['*:*:own', '*:*:org', '*:read']),
  agent: Object.freeze(['*']),
  admin: Object.freeze(['*']),
  service: Object.freeze(['*']),
});

/** True when `role` may hold `scope` under `policy`. */
export function roleAllows(policy: RolePolicy, role: Role, scope: Scope): boolean {
  return policy[role].some((pattern) => scopeMatchesPattern(scope, pattern));
}
