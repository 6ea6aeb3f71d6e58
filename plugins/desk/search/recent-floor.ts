import type { QueryExecutorProvider } from 'kysely';
import { recentTicketSearchWindow } from './recent-ticket-search.js';

/** How long a store reuses the floor of PostgreSQL's recent-ticket index before reading it again. */
export const recentFloorTtlMs = 5000;

/** Where PostgreSQL's recent-ticket index starts, as a ranked search needs it. */
export interface RecentFloor {
  /** The index holds the tickets whose id is above this. */
  readonly floor: number;
  /** False while the index is paused (a bulk load). */
  readonly indexed: boolean;
}

/**
 * The floor of the recent-ticket index, read at most once per {@link recentFloorTtlMs}: it moves
 * only when the index is rebuilt (ADR 0019), and a search with an old floor is still right, since a
 * window that is not full there is searched again over every ticket (ADR 0035).
 *
 * @example
 * const floors = createRecentFloorCache();
 * const { floor, indexed } = await floors.read(db);
 */
export interface RecentFloorCache {
  read(db: QueryExecutorProvider): Promise<RecentFloor>;
}

/**
 * Creates an empty floor cache.
 *
 * @example
 * const floors = createRecentFloorCache();
 */
export function createRecentFloorCache(ttlMs = recentFloorTtlMs): RecentFloorCache {
  let cached: { readonly floor: Promise<RecentFloor>; readonly expires: number } | undefined;
  const cache: RecentFloorCache = {
    read(db) {
      const now = performance.now();
      if (cached !== undefined && cached.expires > now) return cached.floor;
      const floor = recentTicketSearchWindow(db).then(({ floor, indexed }) => ({ floor, indexed }));
      const entry = { floor, expires: now + ttlMs };
      cached = entry;
      // A failed read is never reused.
      floor.catch(() => {
        if (cached === entry) cached = undefined;
      });
      return floor;
    },
  };
  return Object.freeze(cache);
}
