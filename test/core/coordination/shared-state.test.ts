import { afterEach, describe, expect, it } from 'vitest';
import { describeRedisUrl } from '../../../core/coordination/redis-state.js';
import { openSharedState, type SharedState } from '../../../core/coordination/shared-state.js';
import { createLogger } from '../../../core/log/logger.js';
import { freePort } from '../../helpers/free-port.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../helpers/test-redis.js';

const lines: string[] = [];
const log = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
const opened: SharedState[] = [];

async function open(
  url: string | undefined,
  keyPrefix = uniqueRedisPrefix(),
): Promise<SharedState> {
  const shared = await openSharedState({ url, keyPrefix, connectTimeoutMs: 2_000 }, log);
  opened.push(shared);
  return shared;
}

function nextMessage(shared: SharedState, channel: string): Promise<string> {
  return new Promise((resolve) => {
    void shared.subscribe(channel, resolve);
  });
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describe('openSharedState', () => {
  it('keeps state in-process without a URL, and delivers to its own subscribers', async () => {
    const shared = await open(undefined);
    expect(shared.kind).toBe('process');
    expect(shared.redis).toBeUndefined();
    const received: string[] = [];
    const stop = await shared.subscribe('tools', (m) => received.push(m));
    await shared.publish('tools', 'one');
    await new Promise((resolve) => setImmediate(resolve));
    await stop();
    await shared.publish('tools', 'two');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(['one']);
  });

  it('carries a message from one instance to another through Redis', async () => {
    const prefix = uniqueRedisPrefix();
    const first = await open(testRedisUrl, prefix);
    const second = await open(testRedisUrl, prefix);
    expect(second.kind).toBe('redis');
    const arrived = nextMessage(second, 'sessions');
    // The subscription is in place once subscribe resolves; publish after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.publish('sessions', 'hello');
    await expect(arrived).resolves.toBe('hello');
  });

  it('keeps deployments apart by key prefix', async () => {
    const mine = await open(testRedisUrl);
    const theirs = await open(testRedisUrl);
    const received: string[] = [];
    await mine.subscribe('sessions', (m) => received.push(m));
    await theirs.publish('sessions', 'not for you');
    await mine.publish('sessions', 'for you');
    await expect.poll(() => received).toEqual(['for you']);
  });

  it('fails startup with SERVER_REDIS_UNREACHABLE when nothing answers, without the password', async () => {
    const port = await freePort();
    await expect(open(`redis://:hunter2@127.0.0.1:${port}`)).rejects.toMatchObject({
      code: 'SERVER_REDIS_UNREACHABLE',
      message: expect.not.stringContaining('hunter2') as unknown,
    });
  });
});

describe('describeRedisUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(describeRedisUrl('redis://app:s3cret@cache:6380/2')).toBe(
      'redis://app:***@cache:6380/2',
    );
    expect(describeRedisUrl('not a url')).not.toContain('not a url');
  });
});
