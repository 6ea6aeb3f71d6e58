import { ServiceDeskError } from '../errors/servicedesk-error.js';

/** A permission string `resource:action[:extent]`, e.g. `tickets:read:own`. */
export type Scope = string;

/** The roles a principal can have. */
export type Role = 'end_user' | 'agent' | 'admin' | 'service';

export const roles: readonly Role[] = Object.freeze(['end_user', 'agent', 'admin', 'service']);

const scopePattern = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/;

/** Extents widen from `own` to `org` to `all`: a wider grant satisfies a narrower requirement. */
const extentRank: Readonly<Record<string, number>> = { own: 0, org: 1, all: 2 };

/** True when `scope` has the `resource:action[:extent]` form. */
export function isValidScope(scope: string): boolean {
  return scopePattern.test(scope);
}

/** Throws SCOPE_INVALID naming `owner` when `scope` is malformed. */
export function assertValidScope(scope: string, owner: string): void {
  if (!isValidScope(scope)) {
    throw new ServiceDeskError(
      'SCOPE_INVALID',
      `${owner} declares scope "${scope}", which must match resource:action[:extent] ` +
        '(lower-case letters, digits and dashes, e.g. tickets:read:own)',
    );
  }
}

function splitScope(scope: Scope): { base: string; extent: string | undefined } {
  const parts = scope.split(':');
  if (parts.length === 3) return { base: `${parts[0]}:${parts[1]}`, extent: parts[2] };
  return { base: scope, extent: undefined };
}

/**
 * True when holding `granted` allows what `required` asks for: the same scope, or the same
 * resource and action with a wider extent (`tickets:read:all` satisfies `tickets:read:own`).
 */
export function scopeSatisfies(granted: Scope, required: Scope): boolean {
  if (granted === required) return true;
  const g = splitScope(granted);
  const r = splitScope(required);
  if (g.base !== r.base || g.extent === undefined || r.extent === undefined) return false;
  const gRank = extentRank[g.extent];
  const rRank = extentRank[r.extent];
  return gRank !== undefined && rRank !== undefined && gRank > rRank;
}

/** True when any scope in `granted` satisfies `required`. */
export function anySatisfies(granted: Iterable<Scope>, required: Scope): boolean {
  for (const g of granted) if (scopeSatisfies(g, required)) return true;
  return false;
}

/**
 * Matches a scope against a role pattern: `*` stands for one whole segment, and a pattern of
 * just `*` matches everything.
 */
export function scopeMatchesPattern(scope: Scope, pattern: string): boolean {
  if (pattern === '*') return true;
  const s = scope.split(':');
  const p = pattern.split(':');
  if (s.length !== p.length) return false;
  return p.every((segment, i) => segment === '*' || segment === s[i]);
}
