import type { JWTPayload } from 'jose';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Role, Scope } from '../scope/scope.js';
import type { ResolvedIdentityProvider } from './external-identity-provider.js';

/** What a verified provider token says about its caller, before audiences are applied. */
export interface TokenClaims {
  readonly email: string;
  readonly role: Role;
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  readonly audience: readonly string[];
  readonly expiresAt: number | undefined;
}

// When a user's claim maps to several roles, the widest wins.
const rolePrecedence: readonly Role[] = ['admin', 'agent', 'service', 'end_user'];

function claimAt(payload: JWTPayload, path: string): unknown {
  // An exact key first: Okta and Entra use claim names such as "https://example.com/roles".
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function refuse(message: string): ServiceDeskError {
  return new ServiceDeskError('AUTH_TOKEN_INVALID', message);
}

function roleOf(payload: JWTPayload, provider: ResolvedIdentityProvider): Role {
  if (provider.roleClaim === undefined) return provider.defaultRole;
  const values = new Set<string>();
  for (const value of stringsOf(claimAt(payload, provider.roleClaim))) {
    const map = provider.roleMap;
    const mapped = map ? (Object.hasOwn(map, value) ? map[value] : undefined) : value;
    if (mapped !== undefined) values.add(mapped);
  }
  return rolePrecedence.find((role) => values.has(role)) ?? provider.defaultRole;
}

/**
 * Reads the caller out of a provider token whose signature, issuer and lifetime are already
 * verified: the e-mail (lower-cased; refused when missing or marked unverified), the role, the
 * scopes and the audiences.
 *
 * @example
 * const claims = claimsOf(payload, provider);
 * claims.email; // 'alice@example.com'
 */
export function claimsOf(payload: JWTPayload, provider: ResolvedIdentityProvider): TokenClaims {
  const email = claimAt(payload, provider.emailClaim);
  if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
    throw refuse(
      `the token has no e-mail in its "${provider.emailClaim}" claim, which names the desk user; ` +
        'configure the identity provider to include it (or set auth.external.emailClaim)',
    );
  }
  if (payload['email_verified'] === false) {
    throw refuse('the token says its e-mail address is not verified');
  }
  const scopeValue =
    provider.scopeClaim === undefined
      ? (payload['scope'] ?? payload['scp'])
      : claimAt(payload, provider.scopeClaim);
  const clientId = payload['azp'] ?? payload['client_id'] ?? payload['appid'];
  const aud = payload.aud;
  return {
    email: email.trim().toLowerCase(),
    role: roleOf(payload, provider),
    clientId: typeof clientId === 'string' && clientId !== '' ? clientId : 'external',
    scopes: stringsOf(scopeValue),
    audience: aud === undefined ? [] : typeof aud === 'string' ? [aud] : aud,
    expiresAt: payload.exp,
  };
}
