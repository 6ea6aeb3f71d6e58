import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { RolePolicy } from '../scope/role-policy.js';
import { effectiveScopes } from '../scope/effective-scopes.js';
import { anySatisfies, type Role, type Scope } from '../scope/scope.js';

/** Resource indicators compare without a trailing slash, as `…/mcp/user` and `…/mcp/user/` name one endpoint. */
export function normaliseResource(resource: string): string {
  return resource.replace(/\/+$/, '');
}

/**
 * The collections as OAuth resources: each collection's audience is one resource indicator
 * (RFC 8707), and a token for it may carry only the scopes its plugins define and its grant allows.
 */
export class CollectionResources {
  readonly #byResource = new Map<string, CollectionRegistry>();
  readonly #byId = new Map<string, CollectionRegistry>();
  readonly #policy: RolePolicy;

  constructor(registries: readonly CollectionRegistry[], policy: RolePolicy) {
    this.#policy = policy;
    for (const registry of registries) {
      if (registry.collection.auth === 'none') continue;
      this.#byResource.set(normaliseResource(registry.audience), registry);
      this.#byId.set(registry.collection.id, registry);
    }
  }

  /** The collection a resource indicator names, if any. */
  byResource(resource: string): CollectionRegistry | undefined {
    return this.#byResource.get(normaliseResource(resource));
  }

  byId(id: string): CollectionRegistry | undefined {
    return this.#byId.get(id);
  }

  all(): readonly CollectionRegistry[] {
    return [...this.#byId.values()];
  }

  /** Every scope a token for this collection may carry: those its plugins define that the grant satisfies. */
  grantable(registry: CollectionRegistry): readonly Scope[] {
    return [...registry.definedScopes.keys()].filter((s) =>
      anySatisfies(registry.collection.grant, s),
    );
  }

  /** Requested ∩ grant ∩ role policy; an empty request means the whole grant. */
  offered(registry: CollectionRegistry, requested: readonly Scope[], role: Role): Scope[] {
    return [
      ...effectiveScopes({
        defined: registry.definedScopes.keys(),
        grant: registry.collection.grant,
        token: requested.length > 0 ? requested : registry.collection.grant,
        role,
        policy: this.#policy,
      }),
    ].sort();
  }
}
