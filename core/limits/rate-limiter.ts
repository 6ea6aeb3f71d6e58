import { createRequire } from 'node:module';
import type {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { SharedState } from '../coordination/shared-state.js';

/** One budget: `points` events per key in a fixed window of `durationSeconds`. */
export interface RateLimit {
  /** Part of every key, so budgets sharing one store never count each other's events. */
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
}

/** What a limiter said about one event: allowed, or refused until the window resets. */
export type LimitDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** Counts events per key against one {@link RateLimit}, in Redis when shared, else in process. */
export interface Limiter {
  readonly limit: RateLimit;
  /** Counts one event for `key`: allowed while the window's points last. */
  consume(key: string): Promise<LimitDecision>;
  /** How many events `key` has used in its current window (0 when none). */
  used(key: string): Promise<number>;
  /** Forgets `key`'s events (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
}

// The package's index loads every store it supports (Mongo, MySQL, Redis…); the two used here are
// loaded by path, and the Redis one only when Redis is configured (ADR 0033).
const load = createRequire(import.meta.url);

function isRefusal(value: unknown): value is RateLimiterRes {
  return typeof value === 'object' && value !== null && 'msBeforeNext' in value;
}

/** The shared counter's key prefix for a budget: the deployment's prefix, then `limit:<name>`. */
function keyPrefixOf(shared: SharedState, limit: RateLimit): string {
  return `${shared.keyPrefix}limit:${limit.name}`;
}

function wrap(inner: RateLimiterAbstract, limit: RateLimit): Limiter {
  return {
    limit,
    async consume(key) {
      try {
        await inner.consume(key);
        return { allowed: true };
      } catch (error) {
        if (isRefusal(error)) return { allowed: false, retryAfterMs: error.msBeforeNext };
        throw error;
      }
    },
    async used(key) {
      return (await inner.get(key))?.consumedPoints ?? 0;
    },
    async reset(key) {
      await inner.delete(key);
    },
  };
}

/**
 * A limiter for `limit` over `shared`: Redis when instances share it (so they enforce one budget
 * together), with an in-process limiter as insurance, so a Redis outage degrades to counting on
 * each instance instead of failing the call; in process when this instance is on its own.
 *
 * @example
 * const limiter = openLimiter(runtime.shared, { name: 'tools-user', points: 120, durationSeconds: 60 });
 * const decision = await limiter.consume(principal.userId);
 * if (!decision.allowed) refuse(decision.retryAfterMs);
 */
export function openLimiter(shared: SharedState, limit: RateLimit): Limiter {
  const Memory = load('rate-limiter-flexible/lib/RateLimiterMemory.js') as typeof RateLimiterMemory;
  const options = {
    points: limit.points,
    duration: limit.durationSeconds,
    keyPrefix: keyPrefixOf(shared, limit),
  };
  const memory = new Memory(options);
  if (shared.redis === undefined) return wrap(memory, limit);
  const Redis = load('rate-limiter-flexible/lib/RateLimiterRedis.js') as typeof RateLimiterRedis;
  const redis = new Redis({
    ...options,
    storeClient: shared.redis,
    // A command queued while Redis reconnects would wait; the insurance answers at once instead.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
  return wrap(redis, limit);
}
