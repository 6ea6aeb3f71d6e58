import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';

/**
 * What several instances of one deployment must agree on: limit counters (through `redis`) and
 * messages between instances (`publish`/`subscribe`, e.g. a notification for a session another
 * instance holds). Without `REDIS_URL` it is in-process: one instance keeps today's behaviour.
 */
export interface SharedState {
  /** `redis` when instances share it, `process` when this instance is on its own. */
  readonly kind: 'redis' | 'process';
  /** The address without its password, for the startup line and logs. */
  readonly description: string;
  /** Prefix of every key and channel, so deployments can share one Redis. */
  readonly keyPrefix: string;
  /** The command connection, for libraries that keep their state in Redis; absent in-process. */
  readonly redis: Redis | undefined;
  /** Sends `message` to every subscriber of `channel`, on every instance (this one included). */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `onMessage` for each message on `channel`; resolves to the function that stops it. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Where shared state lives: a `redis://` or `rediss://` URL, or nothing for in-process. */
export interface SharedStateSettings {
  readonly url: string | undefined;
  readonly keyPrefix: string;
  /** How long startup waits for Redis before failing, in ms. */
  readonly connectTimeoutMs: number;
}

/**
 * The state of one instance on its own: channels are an in-process event emitter.
 *
 * @example
 * const shared = processSharedState('servicedesk:');
 * const stop = await shared.subscribe('tools', (m) => console.log(m));
 * await shared.publish('tools', 'changed');
 */
export function processSharedState(keyPrefix: string): SharedState {
  const channels = new EventEmitter();
  channels.setMaxListeners(0);
  return {
    kind: 'process',
    description: 'in-process',
    keyPrefix,
    redis: undefined,
    publish(channel, message) {
      // Delivered on a later turn, as Redis would, so a publisher never re-enters its subscriber.
      queueMicrotask(() => channels.emit(channel, message));
      return Promise.resolve();
    },
    subscribe(channel, onMessage) {
      channels.on(channel, onMessage);
      return Promise.resolve(() => {
        channels.off(channel, onMessage);
        return Promise.resolve();
      });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Opens shared state for `settings`: Redis when a URL is set (loading the client only then, ADR
 * 0033), else in-process. Fails startup with `SERVER_REDIS_UNREACHABLE` when Redis does not
 * answer within the connect timeout.
 *
 * @example
 * const shared = await openSharedState({ url: env.REDIS_URL, keyPrefix: 'servicedesk:', connectTimeoutMs: 5000 }, log);
 * log.info(`shared state: ${shared.description}`);
 */
export async function openSharedState(
  settings: SharedStateSettings,
  log: Logger,
): Promise<SharedState> {
  if (settings.url === undefined) return processSharedState(settings.keyPrefix);
  const { openRedisSharedState } = await import('./redis-state.js');
  return openRedisSharedState({ ...settings, url: settings.url }, log);
}

/**
 * The `/readyz` entry for Redis, or undefined in-process. Redis being away degrades limits to
 * each instance but must not take every instance out of the balancer at once, so it is
 * reported, never failed.
 *
 * @example
 * const check = sharedStateReadiness(shared);
 * if (check) readiness.set('redis', check);
 */
export function sharedStateReadiness(
  shared: SharedState,
): (() => Promise<{ ok: boolean; detail?: string }>) | undefined {
  const redis = shared.redis;
  if (redis === undefined) return undefined;
  return () =>
    Promise.resolve(
      redis.status === 'ready'
        ? { ok: true }
        : { ok: true, detail: `${redis.status}: limits count on this instance alone meanwhile` },
    );
}
