import type { Role, Scope } from '../scope/scope.js';

/** What a verifier learns from a valid bearer token, before scopes are intersected. */
export interface VerifiedToken {
  readonly userId: string;
  readonly role: Role;
  readonly organisationId?: string | undefined;
  readonly email?: string | undefined;
  readonly clientId: string;
  readonly scopes: readonly Scope[];
  /** The resources (collection URLs) this token was issued for. */
  readonly audience: readonly string[];
  /** Seconds since the epoch; undefined when the token does not expire. */
  readonly expiresAt?: number | undefined;
}

/**
 * The principal seam: resolves a bearer token to who is calling, or undefined when the token is
 * unknown, expired or revoked. The development verifier and the OAuth server both plug in here.
 *
 * @example
 * const verifier: TokenVerifier = { kind: 'custom', verify: async (token) => lookup(token) };
 */
export interface TokenVerifier {
  readonly kind: string;
  verify(token: string): Promise<VerifiedToken | undefined>;
  /** Refused at startup when the server is not bound to loopback. */
  readonly loopbackOnly?: boolean;
}
