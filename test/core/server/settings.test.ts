import { describe, expect, it } from 'vitest';
import { checkSettings, resolveSettings } from '../../../core/server/settings.js';

const config = { plugins: [], collections: [] };

describe('resolveSettings for a deployment', () => {
  it('reads ALLOWED_HOSTS as a comma-separated list, and the config wins', () => {
    expect(
      resolveSettings(config, { ALLOWED_HOSTS: ' desk.example.com, 10.0.0.5:3000 ,' }).allowedHosts,
    ).toEqual(['desk.example.com', '10.0.0.5:3000']);
    expect(
      resolveSettings(
        { ...config, http: { allowedHosts: ['a.example'] } },
        { ALLOWED_HOSTS: 'b.example' },
      ).allowedHosts,
    ).toEqual(['a.example']);
    expect(resolveSettings(config, {}).allowedHosts).toEqual([]);
  });

  it('reads REDIS_URL, REDIS_KEY_PREFIX and SHUTDOWN_DRAIN_MS, and the config wins', () => {
    const fromEnv = resolveSettings(config, {
      REDIS_URL: 'redis://cache:6379',
      REDIS_KEY_PREFIX: 'desk-a:',
      SHUTDOWN_DRAIN_MS: '1500',
    });
    expect(fromEnv.sharedState).toMatchObject({ url: 'redis://cache:6379', keyPrefix: 'desk-a:' });
    expect(fromEnv.shutdownDrainMs).toBe(1500);
    const fromConfig = resolveSettings(
      { ...config, redis: { url: 'rediss://other:6380' }, http: { shutdownDrainMs: 0 } },
      { REDIS_URL: 'redis://cache:6379', SHUTDOWN_DRAIN_MS: '1500' },
    );
    expect(fromConfig.sharedState).toMatchObject({
      url: 'rediss://other:6380',
      keyPrefix: 'servicedesk:',
    });
    expect(fromConfig.shutdownDrainMs).toBe(0);
    expect(resolveSettings(config, {}).sharedState.url).toBeUndefined();
  });

  it('refuses a REDIS_URL that is not a redis:// URL, naming the setting', () => {
    expect(() => checkSettings(resolveSettings(config, { REDIS_URL: 'localhost:6379' }))).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('REDIS_URL') as unknown,
      }),
    );
    expect(() => checkSettings(resolveSettings(config, { SHUTDOWN_DRAIN_MS: 'soon' }))).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('http.shutdownDrainMs') as unknown,
      }),
    );
  });
});
