import { randomUUID } from 'node:crypto';

/** The Redis the tests use: `TEST_REDIS_URL`, else the machine's own on 127.0.0.1:6379. */
export const testRedisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * A key prefix no other test (or run) uses, so tests can share one Redis without seeing each
 * other's counters and channels.
 *
 * @example
 * const shared = await openSharedState({ url: testRedisUrl, keyPrefix: uniqueRedisPrefix(), connectTimeoutMs: 2000 }, log);
 */
export function uniqueRedisPrefix(): string {
  return `sdtest:${randomUUID()}:`;
}
