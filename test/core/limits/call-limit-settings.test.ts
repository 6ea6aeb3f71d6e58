import { describe, expect, it } from 'vitest';
import { defineCollection, definePlugin } from '../../../core/index.js';
import { resolveSettings } from '../../../core/server/settings.js';
import { startupError } from '../../helpers/startup-error.js';
import { echoTool } from '../../helpers/test-tools.js';

const plugin = definePlugin({
  id: 'limited',
  version: '1.0.0',
  scopes: { 'limited:use': 'Use' },
  tools: [echoTool('echo', ['limited:use'])],
});
const desk = (limits?: Parameters<typeof defineCollection>[0]['limits']) =>
  defineCollection({
    id: 'desk',
    title: 'Desk',
    plugins: ['limited'],
    grant: ['limited:use'],
    auth: 'none',
    ...(limits !== undefined && { limits }),
  });
const base = { plugins: [plugin], collections: [desk()] };

describe('tools/call budget settings', () => {
  it('default to 120 calls per user and 1 200 per client a minute, the collection unlimited', () => {
    expect(resolveSettings(base, {}).callLimits).toEqual({
      perUser: 120,
      perClient: 1200,
      perCollection: 0,
      windowSeconds: 60,
    });
  });

  it('come from the config first, then LIMIT_* variables, where off is 0', () => {
    const env = {
      LIMIT_CALLS_PER_USER: '30',
      LIMIT_CALLS_PER_CLIENT: 'OFF',
      LIMIT_CALLS_PER_COLLECTION: '5000',
      LIMIT_WINDOW_SECONDS: '10',
    };
    expect(resolveSettings({ ...base, limits: { perUser: 7 } }, env).callLimits).toEqual({
      perUser: 7,
      perClient: 0,
      perCollection: 5000,
      windowSeconds: 10,
    });
    expect(resolveSettings({ ...base, limits: 'off' }, env).callLimits).toMatchObject({
      perUser: 0,
      perClient: 0,
      perCollection: 0,
    });
  });

  it("give a collection its own over the server's", () => {
    const settings = resolveSettings(
      {
        ...base,
        limits: { perUser: 10 },
        collections: [desk({ perClient: 'off', windowSeconds: 5 })],
      },
      {},
    );
    expect(settings.collectionCallLimits.get('desk')).toEqual({
      perUser: 10,
      perClient: 0,
      perCollection: 0,
      windowSeconds: 5,
    });
  });

  it('fail startup with CONFIG_INVALID naming the setting', async () => {
    const cases: [Parameters<typeof startupError>[0], NodeJS.ProcessEnv, string][] = [
      [{ ...base, limits: { perUser: -1 } }, {}, 'limits.perUser (LIMIT_CALLS_PER_USER) is -1'],
      [
        base,
        { LIMIT_CALLS_PER_CLIENT: 'many' },
        'limits.perClient (LIMIT_CALLS_PER_CLIENT) is NaN',
      ],
      [base, { LIMIT_WINDOW_SECONDS: '0' }, 'limits.windowSeconds (LIMIT_WINDOW_SECONDS) is 0'],
      [
        { ...base, collections: [desk({ perCollection: 2.5 })] },
        {},
        'collection "desk" limits.perCollection is 2.5; it must be a whole number of calls, or off',
      ],
    ];
    for (const [config, env, message] of cases) {
      const error = await startupError(config, { env });
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toContain(message);
    }
  });
});
