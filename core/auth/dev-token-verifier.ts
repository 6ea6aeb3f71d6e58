import { hash, timingSafeEqual } from 'node:crypto';
import type { Role, Scope } from '../scope/scope.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

/** One static development token, as listed in config. */
export interface DevToken {
  /** The bearer value. Read it from the environment in anything but a demo. */
  readonly token: string;
  /** A name for the audit log (used as the client id). */
  readonly name: string;
  readonly userId: string;
  readonly role: Role;
  readonly organisationId?: string;
  readonly email?: string;
  readonly scopes: readonly Scope[];
  /** Collection ids this token is valid for. */
  readonly collections: readonly string[];
}

function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}

/**
 * A verifier over static tokens listed in config, for development on loopback only: the server
 * refuses to start with it on any other address.
 *
 * @example
 * // Configured as `auth: { devTokens: [...] }`; the server builds this verifier from it.
 * devTokenVerifier([{ token: 'dev-agent', name: 'dev', userId: 'u1', role: 'agent',
 *   scopes: ['tickets:read:all'], collections: ['agent'] }], (id) => `http://127.0.0.1:3000/mcp/${id}`)
 */
export function devTokenVerifier(
  tokens: readonly DevToken[],
  collectionUrl: (collectionId: string) => string,
): TokenVerifier {
  // Compare digests in constant time so a token cannot be guessed byte by byte.
  const entries = tokens.map((t) => ({ digest: digest(t.token), token: t }));
  return Object.freeze({
    kind: 'dev-tokens',
    loopbackOnly: true,
    verify(bearer: string): Promise<VerifiedToken | undefined> {
      const candidate = digest(bearer);
      const match = entries.find((e) => timingSafeEqual(e.digest, candidate));
      if (!match) return Promise.resolve(undefined);
      const t = match.token;
      return Promise.resolve({
        userId: t.userId,
        role: t.role,
        organisationId: t.organisationId,
        email: t.email,
        clientId: t.name,
        scopes: t.scopes,
        audience: t.collections.map(collectionUrl),
      });
    },
  });
}
