import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { scopeMatchesPattern, type Role, type Scope } from './scope.js';

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

const patternSegment = /^(\*|[a-z][a-z0-9-]*)$/;

/**
 * Checks a configured role policy at startup: every role present, every pattern `*` or
 * `resource:action[:extent]` segments (each a name or `*`).
 */
export function checkRolePolicy(policy: RolePolicy): void {
  for (const role of ['end_user', 'agent', 'admin', 'service'] as const) {
    const patterns: unknown = (policy as Partial<RolePolicy>)[role];
    if (!Array.isArray(patterns)) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `roles.${role} is missing; list the scope patterns that role may hold (e.g. ['*'] or ['*:*:own'])`,
      );
    }
    for (const pattern of patterns as unknown[]) {
      if (typeof pattern !== 'string') {
        throw new ServiceDeskError(
          'CONFIG_INVALID',
          `roles.${role} must list scope patterns as strings`,
        );
      }
      const segments = pattern.split(':');
      if (
        pattern !== '*' &&
        (segments.length < 2 ||
          segments.length > 3 ||
          !segments.every((s: string) => patternSegment.test(s)))
      ) {
        throw new ServiceDeskError(
          'CONFIG_INVALID',
          `roles.${role} has pattern "${pattern}", which must be * or resource:action[:extent] where each part is a name or *`,
        );
      }
    }
  }
}
