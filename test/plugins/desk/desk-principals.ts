import type { Principal, Role } from '../../../core/index.js';

/** A principal as the core would build it for a desk user signing in with `email`. */
export function deskPrincipal(
  email: string,
  options: { role?: Role; scopes?: readonly string[] } = {},
): Principal {
  const role = options.role ?? 'end_user';
  return {
    userId: email,
    role,
    organisationId: undefined,
    email,
    clientId: 'test-client',
    scopes: new Set(
      options.scopes ?? (role === 'end_user' ? ['tickets:read:own'] : ['tickets:read:all']),
    ),
    collectionId: role === 'end_user' ? 'user' : 'agent',
  };
}
