import { roleAllows, type RolePolicy } from './role-policy.js';
import { anySatisfies, type Role, type Scope } from './scope.js';

/**
 * Effective permission (DESIGN §3): the scopes, out of those the collection's plugins define,
 * that the collection grants, the token carries and the role allows. Extents are honoured, so a
 * token with `tickets:read:all` and a grant of `tickets:read:own` yields `tickets:read:own`.
 */
export function effectiveScopes(options: {
  defined: Iterable<Scope>;
  grant: readonly Scope[];
  token: readonly Scope[];
  role: Role;
  policy: RolePolicy;
}): ReadonlySet<Scope> {
  const result = new Set<Scope>();
  for (const scope of options.defined) {
    if (
      anySatisfies(options.grant, scope) &&
      anySatisfies(options.token, scope) &&
      roleAllows(options.policy, options.role, scope)
    ) {
      result.add(scope);
    }
  }
  return result;
}
