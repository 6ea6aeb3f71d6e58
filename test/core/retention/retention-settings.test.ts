import { describe, expect, it } from 'vitest';
import { createServer } from '../../../core/server/create-server.js';
import {
  checkRetention,
  resolveRetention,
  type RetentionConfig,
} from '../../../core/retention/retention-settings.js';
import { runbooksPlugin } from '../../../plugins/runbooks/index.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

const plugins = [runbooksPlugin({ runbooks: [] })];

function check(retention: RetentionConfig, env: NodeJS.ProcessEnv = {}): void {
  checkRetention(resolveRetention({ plugins, retention }, env));
}

describe('retention settings', () => {
  it('default to hourly, batches of 1000, audit 400 days and each rule’s own days', () => {
    const settings = resolveRetention({ plugins }, {});
    expect(settings).toMatchObject({
      intervalMinutes: 60,
      batchSize: 1000,
      keepDays: { audit: 400, 'oauth.tokens': 1, 'oauth.clients': 0, 'runbooks.runs': 180 },
    });
  });

  it('take the config first, then the environment', () => {
    const env = {
      RETENTION_AUDIT_DAYS: '730',
      RETENTION_INTERVAL_MINUTES: 'off',
      RETENTION_BATCH_SIZE: '500',
    };
    expect(resolveRetention({ plugins }, env)).toMatchObject({
      intervalMinutes: 'off',
      batchSize: 500,
      keepDays: { audit: 730 },
    });
    const configured = resolveRetention(
      { plugins, retention: { intervalMinutes: 15, keepDays: { audit: 90 } } },
      env,
    );
    expect(configured).toMatchObject({ intervalMinutes: 15, keepDays: { audit: 90 } });
  });

  it.each([
    [{ keepDays: { audit: 0 } }, {}, /retention\.keepDays\.audit \(RETENTION_AUDIT_DAYS\) is 0/],
    [
      {},
      { RETENTION_AUDIT_DAYS: 'a year' },
      /retention\.keepDays\.audit \(RETENTION_AUDIT_DAYS\) is not a number/,
    ],
    [{ keepDays: { 'runbooks.runs': 1.5 } }, {}, /retention\.keepDays\.runbooks\.runs is 1\.5/],
    [{ keepDays: { 'oauth.tokens': -1 } }, {}, /retention\.keepDays\.oauth\.tokens is -1/],
    [{ keepDays: { tickets: 30 } }, {}, /retention\.keepDays\.tickets names no kind; known: audit/],
    [{ intervalMinutes: 0 }, {}, /retention\.intervalMinutes \(RETENTION_INTERVAL_MINUTES\) is 0/],
    [{}, { RETENTION_BATCH_SIZE: '0' }, /retention\.batchSize \(RETENTION_BATCH_SIZE\) is 0/],
  ] as const)('refuse %j with env %j', (retention, env, message) => {
    expect(() => check(retention as RetentionConfig, env)).toThrow(message);
  });

  it("accept 'off' per kind and 0 days of grace for OAuth rows", () => {
    expect(() =>
      check({ keepDays: { audit: 'off', 'oauth.tokens': 0, 'runbooks.runs': 'off' } }),
    ).not.toThrow();
  });

  it('fail startup with CONFIG_INVALID before the database is opened', async () => {
    const folder = createTempFolder('retention-config');
    try {
      const starting = createServer(
        { plugins, collections: [], retention: { keepDays: { audit: -5 } } },
        { env: { DATABASE_URL: folder.file('never.db') } },
      );
      await expect(starting).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('retention.keepDays.audit') as unknown,
      });
    } finally {
      folder.remove();
    }
  });
});
