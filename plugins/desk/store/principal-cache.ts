import type { DeskUser } from './directory.js';

/** How long a caller's desk user is reused before it is read again. */
export const principalCacheTtlMs = 5000;

/** How many callers' desk users are kept at most; the oldest entry goes first. */
export const principalCacheSize = 1000;

/**
 * The desk users behind recent callers, by e-mail, shared by the calls of one store for a few
 * seconds: every ticket call resolves its caller, and the lookup was a round trip of its own
 * (ADR 0035). A deactivation or role change therefore reaches the store within
 * {@link principalCacheTtlMs}; sign-in and token checks read the account themselves.
 *
 * @example
 * const user = await cache.resolve(principal.userId, () => findUser(principal.userId));
 */
export interface PrincipalCache {
  /** The cached lookup of `email`, or `lookup()` run and kept when there is none (or it expired). */
  resolve(
    email: string,
    lookup: () => Promise<DeskUser | undefined>,
  ): Promise<DeskUser | undefined>;
  /** Drops every entry: after a write that may have changed the rows the lookups read. */
  clear(): void;
}

interface Entry {
  readonly user: Promise<DeskUser | undefined>;
  readonly expires: number;
}

/**
 * Creates an empty cache bounded to `size` entries, each kept `ttlMs`.
 *
 * @example
 * const cache = createPrincipalCache();
 */
export function createPrincipalCache(
  ttlMs = principalCacheTtlMs,
  size = principalCacheSize,
): PrincipalCache {
  const entries = new Map<string, Entry>();
  const cache: PrincipalCache = {
    resolve(email, lookup) {
      const key = email.trim().toLowerCase();
      const now = performance.now();
      const cached = entries.get(key);
      if (cached !== undefined && cached.expires > now) return cached.user;
      entries.delete(key);
      const user = lookup();
      entries.set(key, { user, expires: now + ttlMs });
      if (entries.size > size) {
        // A Map iterates in insertion order: the first key is the oldest entry.
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      // A failed lookup is never reused.
      user.catch(() => {
        if (entries.get(key)?.user === user) entries.delete(key);
      });
      return user;
    },
    clear: () => entries.clear(),
  };
  return Object.freeze(cache);
}
