import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../core/server/settings.js';
import { defaultDatabaseLimits } from '../../../core/storage/database.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const empty = { plugins: [], collections: [] };

describe('database limits', () => {
  it('default to the documented values', () => {
    expect(resolveSettings(empty, {}).storage).toMatchObject({
      poolMax: 10,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 10_000,
      lockTimeoutMs: 5000,
    });
    expect(defaultDatabaseLimits.poolMax).toBe(10);
  });

  it('come from DATABASE_* variables, and the config wins over them', () => {
    const env = {
      DATABASE_POOL_MAX: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '1500',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      DATABASE_LOCK_TIMEOUT_MS: '250',
    };
    expect(resolveSettings(empty, env).storage).toMatchObject({
      poolMax: 4,
      connectTimeoutMs: 1500,
      statementTimeoutMs: 0,
      lockTimeoutMs: 250,
    });
    expect(resolveSettings({ ...empty, database: { poolMax: 20 } }, env).storage.poolMax).toBe(20);
  });

  it.each([
    [
      { DATABASE_POOL_MAX: 'ten' },
      'database.poolMax (DATABASE_POOL_MAX) is NaN; it must be a whole number of at least 1',
    ],
    [
      { DATABASE_POOL_MAX: '0' },
      'database.poolMax (DATABASE_POOL_MAX) is 0; it must be a whole number of at least 1',
    ],
    [
      { DATABASE_STATEMENT_TIMEOUT_MS: '-1' },
      'database.statementTimeoutMs (DATABASE_STATEMENT_TIMEOUT_MS) is -1; it must be a whole number of at least 0',
    ],
    [
      { DATABASE_LOCK_TIMEOUT_MS: '2.5' },
      'database.lockTimeoutMs (DATABASE_LOCK_TIMEOUT_MS) is 2.5; it must be a whole number of at least 0',
    ],
  ])('refuse %j at startup, naming the setting', async (env, message) => {
    const error = await expectStartupError(empty, 'CONFIG_INVALID', { env });
    expect(error.message).toBe(`CONFIG_INVALID: ${message}`);
  });
});
