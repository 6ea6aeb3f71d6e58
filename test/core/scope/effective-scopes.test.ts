import { describe, expect, it } from 'vitest';
import { defaultRolePolicy, type RolePolicy } from '../../../core/index.js';
import { effectiveScopes } from '../../../core/scope/effective-scopes.js';
import { roleAllows } from '../../../core/scope/role-policy.js';
import type { Role } from '../../../core/scope/scope.js';

const defined = [
  'tickets:read:own',
  'tickets:read:org',
  'tickets:read:all',
  'tickets:write:own',
  'tickets:write:all',
  'kb:read',
  'kb:write',
];

function effective(options: {
  grant: string[];
  token: string[];
  role: Role;
  policy?: RolePolicy;
}): string[] {
  return [...effectiveScopes({ defined, policy: defaultRolePolicy, ...options })].sort();
}

describe('effectiveScopes = grant ∩ token ∩ role', () => {
  it('gives an agent everything the grant and the token both cover, with narrower extents', () => {
    expect(
      effective({
        grant: ['tickets:read:all', 'kb:read'],
        token: ['tickets:read:all', 'kb:read', 'kb:write'],
        role: 'agent',
      }),
    ).toEqual(['kb:read', 'tickets:read:all', 'tickets:read:org', 'tickets:read:own']);
  });

  it('an end user cannot get :all even when both the token and the grant say so', () => {
    expect(
      effective({
        grant: ['tickets:read:all', 'tickets:write:all', 'kb:read', 'kb:write'],
        token: ['tickets:read:all', 'tickets:write:all', 'kb:read', 'kb:write'],
        role: 'end_user',
      }),
    ).toEqual(['kb:read', 'tickets:read:org', 'tickets:read:own', 'tickets:write:own']);
  });

  it('the grant caps the token: a token with :all on a grant of :own yields :own', () => {
    expect(
      effective({ grant: ['tickets:read:own'], token: ['tickets:read:all'], role: 'admin' }),
    ).toEqual(['tickets:read:own']);
  });

  it('the token caps the grant: scopes the token lacks are not effective', () => {
    expect(
      effective({
        grant: ['tickets:read:all', 'kb:read', 'kb:write'],
        token: ['kb:read'],
        role: 'agent',
      }),
    ).toEqual(['kb:read']);
  });

  it('scopes outside the defined universe are never effective', () => {
    expect(
      effective({
        grant: ['tickets:read:all', 'assets:read'],
        token: ['assets:read', 'tickets:read:own'],
        role: 'agent',
      }),
    ).toEqual(['tickets:read:own']);
  });

  it('an empty token gives nothing', () => {
    expect(effective({ grant: defined, token: [], role: 'admin' })).toEqual([]);
  });

  it('applies a custom role policy', () => {
    const policy: RolePolicy = {
      ...defaultRolePolicy,
      agent: ['tickets:read:*', 'kb:read'],
    };
    expect(effective({ grant: defined, token: defined, role: 'agent', policy })).toEqual([
      'kb:read',
      'tickets:read:all',
      'tickets:read:org',
      'tickets:read:own',
    ]);
  });
});

describe('default role policy', () => {
  it.each([
    ['end_user', 'tickets:read:own', true],
    ['end_user', 'tickets:write:org', true],
    ['end_user', 'kb:read', true],
    ['end_user', 'tickets:read:all', false],
    ['end_user', 'kb:write', false],
    ['end_user', 'announcements:write:all', false],
    ['agent', 'tickets:write:all', true],
    ['agent', 'kb:write', true],
    ['admin', 'tickets:read:all', true],
    ['service', 'tickets:write:all', true],
  ] as const)('%s may hold %s: %s', (role, scope, allowed) => {
    expect(roleAllows(defaultRolePolicy, role, scope)).toBe(allowed);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(defaultRolePolicy)).toBe(true);
    expect(Object.isFrozen(defaultRolePolicy.end_user)).toBe(true);
  });
});
