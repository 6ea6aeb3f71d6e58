import { Redis } from 'ioredis';
import { settleWithin } from '../async/settle-within.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { SharedState, SharedStateSettings } from './shared-state.js';

/** `redis://user:secret@host:6379/0` without the secret, for logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable REDIS_URL';
  }
}

/** Resolves once `client` is ready, or fails with SERVER_REDIS_UNREACHABLE after `timeoutMs`. */
async function connected(client: Redis, where: string, timeoutMs: number): Promise<void> {
  const fix =
    'start it, correct REDIS_URL, or unset REDIS_URL to run one instance on in-process state';
  try {
    await settleWithin(client.connect(), timeoutMs, () =>
      Promise.reject(
        new ServiceDeskError(
          'SERVER_REDIS_UNREACHABLE',
          `Redis at ${where} did not answer within ${timeoutMs} ms; ${fix}`,
        ),
      ),
    );
  } catch (error) {
    client.disconnect();
    if (error instanceof ServiceDeskError) throw error;
    throw new ServiceDeskError(
      'SERVER_REDIS_UNREACHABLE',
      `Redis at ${where} refused the connection (${(error as Error).message}); ${fix}`,
    );
  }
}

/**
 * Shared state on Redis: one connection for commands and one for subscriptions (a subscribed
 * connection can run nothing else). Both reconnect on their own after a loss, which is logged
 * once per outage; commands wait in ioredis's queue meanwhile.
 *
 * @example
 * const shared = await openRedisSharedState({ url: 'redis://127.0.0.1:6379', keyPrefix: 'sd:', connectTimeoutMs: 5000 }, log);
 */
export async function openRedisSharedState(
  settings: SharedStateSettings & { url: string },
  log: Logger,
): Promise<SharedState> {
  const where = describeRedisUrl(settings.url);
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, connectionName: 'servicedesk-mcp' };
  const commands = new Redis(settings.url, options);
  const subscriber = new Redis(settings.url, options);
  for (const [role, client] of [
    ['commands', commands],
    ['subscriptions', subscriber],
  ] as const) {
    let down = false;
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      log.warn('the Redis connection was lost; it reconnects on its own', {
        redis: where,
        connection: role,
        error: error.message,
      });
    });
    client.on('ready', () => {
      if (down) log.info('the Redis connection is back', { redis: where, connection: role });
      down = false;
    });
  }
  try {
    await connected(commands, where, settings.connectTimeoutMs);
    await connected(subscriber, where, settings.connectTimeoutMs);
  } catch (error) {
    commands.disconnect();
    subscriber.disconnect();
    throw error;
  }
  const handlers = new Map<string, Set<(message: string) => void>>();
  subscriber.on('message', (channel: string, message: string) => {
    for (const handler of handlers.get(channel) ?? []) handler(message);
  });
  const prefixed = (channel: string): string => `${settings.keyPrefix}${channel}`;
  return {
    kind: 'redis',
    description: `redis at ${where}`,
    keyPrefix: settings.keyPrefix,
    redis: commands,
    async publish(channel, message) {
      await commands.publish(prefixed(channel), message);
    },
    async subscribe(channel, onMessage) {
      const name = prefixed(channel);
      let set = handlers.get(name);
      if (set === undefined) {
        set = new Set();
        handlers.set(name, set);
        await subscriber.subscribe(name);
      }
      set.add(onMessage);
      return async () => {
        const current = handlers.get(name);
        current?.delete(onMessage);
        if (current?.size === 0) {
          handlers.delete(name);
          await subscriber.unsubscribe(name);
        }
      };
    },
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
    },
  };
}
