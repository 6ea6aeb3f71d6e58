import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { RolePolicy } from '../scope/role-policy.js';
import { effectiveScopes } from '../scope/effective-scopes.js';
import type { Role, Scope } from '../scope/scope.js';
import type { Principal } from './principal.js';
import { stepUpScopes } from './step-up.js';
import type { TokenVerifier } from './token-verifier.js';

/**
 * Resolves the caller of one collection from an `Authorization` header. Effective scopes are
 * cached per (role, token scopes): few distinct sets exist and the intersection is then free.
 */
export class CollectionAuthenticator {
  readonly #registry: CollectionRegistry;
  readonly #verifier: TokenVerifier | undefined;
  readonly #policy: RolePolicy;
  readonly #scopeCache = new Map<string, ReadonlySet<Scope>>();

  constructor(
    registry: CollectionRegistry,
    options: { verifier: TokenVerifier | undefined; policy: RolePolicy },
  ) {
    this.#registry = registry;
    this.#verifier = options.verifier;
    this.#policy = options.policy;
  }

  #scopes(role: Role, token: readonly Scope[]): ReadonlySet<Scope> {
    const key = `${role}|${token.join(' ')}`;
    let scopes = this.#scopeCache.get(key);
    if (!scopes) {
      scopes = effectiveScopes({
        defined: this.#registry.definedScopes.keys(),
        grant: this.#registry.collection.grant,
        token,
        role,
        policy: this.#policy,
      });
      if (this.#scopeCache.size < 4096) this.#scopeCache.set(key, scopes);
    }
    return scopes;
  }

  /**
   * The scopes `principal` should ask for to call `toolName` here, when more consent would let
   * it (see {@link stepUpScopes}); undefined when the call may go ahead or can never succeed.
   */
  stepUp(principal: Principal, toolName: string): readonly Scope[] | undefined {
    if (this.#registry.collection.auth === 'none') return undefined;
    return stepUpScopes({ registry: this.#registry, policy: this.#policy, principal }, toolName);
  }

  /** The principal for a request, or a coded error (401/403) saying what is wrong. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const collection = this.#registry.collection;
    if (collection.auth === 'none') {
      const role = collection.anonymous?.role ?? 'service';
      return Object.freeze({
        userId: collection.anonymous?.userId ?? 'anonymous',
        role,
        organisationId: undefined,
        email: undefined,
        clientId: 'anonymous',
        scopes: this.#scopes(role, collection.grant),
        collectionId: collection.id,
      });
    }
    const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new ServiceDeskError(
        'AUTH_TOKEN_MISSING',
        'this endpoint needs an Authorization: Bearer token',
      );
    }
    const verified = this.#verifier ? await this.#verifier.verify(match[1]) : undefined;
    if (
      !verified ||
      (verified.expiresAt !== undefined && verified.expiresAt * 1000 <= Date.now())
    ) {
      throw new ServiceDeskError(
        'AUTH_TOKEN_INVALID',
        'the bearer token is unknown, expired or revoked',
      );
    }
    if (!verified.audience.includes(this.#registry.audience)) {
      throw new ServiceDeskError(
        'AUTH_WRONG_AUDIENCE',
        `the bearer token was not issued for ${this.#registry.audience}`,
      );
    }
    if (!collection.roles.includes(verified.role)) {
      throw new ServiceDeskError(
        'AUTH_INSUFFICIENT_SCOPE',
        `users with role ${verified.role} may not use the ${collection.title} endpoint`,
      );
    }
    return Object.freeze({
      userId: verified.userId,
      role: verified.role,
      organisationId: verified.organisationId,
      email: verified.email,
      clientId: verified.clientId,
      scopes: this.#scopes(verified.role, verified.scopes),
      collectionId: collection.id,
    });
  }
}
