import type { ServerConfig } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { SharedStateSettings } from '../coordination/shared-state.js';
import {
  checkRetention,
  resolveRetention,
  type RetentionSettings,
} from '../retention/retention-settings.js';
import {
  checkAllCallLimits,
  limitsByCollection,
  resolveCallLimits,
  type ResolvedCallLimits,
} from '../limits/call-limit-settings.js';
import { parseLogLevel, type LogLevel } from '../log/logger.js';
import { tracingFromEnv, type TracingSettings } from './open-tracing.js';
import {
  defaultDatabaseLimits,
  storageFromUrl,
  type DatabaseLimits,
  type StorageConfig,
} from '../storage/database.js';

/** Each database limit with the environment variable that sets it. */
const limitVariables: Readonly<Record<keyof DatabaseLimits, string>> = {
  poolMax: 'DATABASE_POOL_MAX',
  connectTimeoutMs: 'DATABASE_CONNECT_TIMEOUT_MS',
  statementTimeoutMs: 'DATABASE_STATEMENT_TIMEOUT_MS',
  lockTimeoutMs: 'DATABASE_LOCK_TIMEOUT_MS',
};

/** Config first, then the environment, then the default; checked by `checkDatabaseLimits`. */
function databaseLimits(config: ServerConfig, env: NodeJS.ProcessEnv): DatabaseLimits {
  const limit = (key: keyof DatabaseLimits): number => {
    const fromEnv = env[limitVariables[key]];
    return (
      config.database?.[key] ??
      (fromEnv !== undefined && fromEnv.trim() !== ''
        ? Number(fromEnv)
        : defaultDatabaseLimits[key])
    );
  };
  return {
    poolMax: limit('poolMax'),
    connectTimeoutMs: limit('connectTimeoutMs'),
    statementTimeoutMs: limit('statementTimeoutMs'),
    lockTimeoutMs: limit('lockTimeoutMs'),
  };
}

/**
 * Fails with CONFIG_INVALID naming the setting when a database limit is not a whole number in
 * range (the pool needs at least one connection; a timeout of 0 turns it off).
 */
function checkDatabaseLimits(limits: DatabaseLimits): void {
  for (const [key, variable] of Object.entries(limitVariables)) {
    const value = limits[key as keyof DatabaseLimits];
    const least = key === 'poolMax' ? 1 : 0;
    if (!Number.isInteger(value) || value < least) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `database.${key} (${variable}) is ${String(value)}; it must be a whole number of at least ${least}`,
      );
    }
  }
}

/** Every setting with its default filled in, from config first and then the environment. */
export interface ResolvedSettings {
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
  readonly bodyLimit: number;
  readonly shutdownTimeoutMs: number;
  readonly shutdownIdleGraceMs: number;
  readonly shutdownDrainMs: number;
  readonly sessionIdleTimeoutMs: number;
  readonly maxSessionsPerCaller: number;
  readonly maxSessions: number;
  readonly listTtlMs: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxPipelinedRequests: number;
  readonly trustProxy: boolean;
  readonly storage: StorageConfig;
  readonly sharedState: SharedStateSettings;
  readonly logLevel: LogLevel;
  readonly retention: RetentionSettings;
  readonly metrics: MetricsSettings;
  /** Where traces go; undefined (the default) keeps them off. */
  readonly tracing: TracingSettings | undefined;
  /** Server-wide `tools/call` budgets, and each collection's (its own over the server's). */
  readonly callLimits: ResolvedCallLimits;
  readonly collectionCallLimits: ReadonlyMap<string, ResolvedCallLimits>;
}

/** Whether `/metrics` is served, and the token a scrape from another host must bring. */
export interface MetricsSettings {
  readonly enabled: boolean;
  readonly token: string | undefined;
}

/** `metrics.*` from config, then `METRICS_ENABLED` and `METRICS_TOKEN`; on, without a token, by default. */
function metricsSettings(config: ServerConfig, env: NodeJS.ProcessEnv): MetricsSettings {
  const enabled = fromEnv(env, 'METRICS_ENABLED');
  if (
    config.metrics?.enabled === undefined &&
    enabled !== undefined &&
    !/^(true|false)$/i.test(enabled)
  )
    throw new ServiceDeskError('CONFIG_INVALID', 'METRICS_ENABLED must be true or false');
  return {
    enabled: config.metrics?.enabled ?? (enabled === undefined || /^true$/i.test(enabled)),
    token: config.metrics?.token ?? fromEnv(env, 'METRICS_TOKEN'),
  };
}

/** A variable's value, or undefined when it is unset or blank. */
function fromEnv(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Resolves settings: config values win, then `HOST`, `PORT`, `PUBLIC_URL`, `DATABASE_URL`, the
 * `DATABASE_*` limits, `LIMIT_*` call budgets and `LOG_LEVEL` from `env`, then defaults (127.0.0.1:3000,
 * ./data/servicedesk.db, {@link defaultDatabaseLimits}, info).
 */
export function resolveSettings(config: ServerConfig, env: NodeJS.ProcessEnv): ResolvedSettings {
  const http = config.http ?? {};
  const callLimits = resolveCallLimits(config.limits, env);
  const port =
    http.port ?? (env['PORT'] !== undefined && env['PORT'] !== '' ? Number(env['PORT']) : 3000);
  return Object.freeze({
    host:
      http.host ?? (env['HOST'] !== undefined && env['HOST'] !== '' ? env['HOST'] : '127.0.0.1'),
    port,
    publicUrl:
      http.publicUrl ??
      (env['PUBLIC_URL'] !== undefined && env['PUBLIC_URL'] !== '' ? env['PUBLIC_URL'] : undefined),
    allowedHosts:
      http.allowedHosts ??
      fromEnv(env, 'ALLOWED_HOSTS')
        ?.split(',')
        .map((host) => host.trim())
        .filter((host) => host !== '') ??
      [],
    allowedOrigins: http.allowedOrigins ?? [],
    bodyLimit: http.bodyLimit ?? 1024 * 1024,
    shutdownTimeoutMs: http.shutdownTimeoutMs ?? 10_000,
    shutdownIdleGraceMs: http.shutdownIdleGraceMs ?? 1_000,
    shutdownDrainMs:
      http.shutdownDrainMs ??
      (fromEnv(env, 'SHUTDOWN_DRAIN_MS') !== undefined
        ? Number(fromEnv(env, 'SHUTDOWN_DRAIN_MS'))
        : 0),
    sessionIdleTimeoutMs: http.sessionIdleTimeoutMs ?? 30 * 60_000,
    maxSessionsPerCaller: http.maxSessionsPerCaller ?? 32,
    maxSessions: http.maxSessions ?? 10_000,
    listTtlMs: http.listTtlMs ?? 60_000,
    maxConnectionsPerAddress: http.maxConnectionsPerAddress ?? 512,
    maxPipelinedRequests: http.maxPipelinedRequests ?? 16,
    trustProxy: http.trustProxy ?? false,
    storage: storageFromUrl(config.databaseUrl ?? env['DATABASE_URL'], databaseLimits(config, env)),
    sharedState: {
      url: config.redis?.url ?? fromEnv(env, 'REDIS_URL'),
      keyPrefix: config.redis?.keyPrefix ?? fromEnv(env, 'REDIS_KEY_PREFIX') ?? 'servicedesk:',
      connectTimeoutMs: 5_000,
    },
    logLevel: config.log?.level ?? parseLogLevel(env['LOG_LEVEL']),
    retention: resolveRetention(config, env),
    metrics: metricsSettings(config, env),
    tracing: tracingFromEnv(env),
    callLimits,
    collectionCallLimits: limitsByCollection(callLimits, config.collections),
  });
}

/**
 * Fails startup with `CONFIG_INVALID` when a setting cannot work: a port outside 0–65535, or a
 * limit or timeout that is not a whole number of at least 1 (0 where 0 means "none").
 *
 * @example
 * checkSettings(resolveSettings(config, process.env));
 */
export function checkSettings(settings: ResolvedSettings): void {
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65535) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `port ${String(settings.port)} is not a TCP port; set PORT to 0–65535`,
    );
  }
  for (const key of [
    'bodyLimit',
    'shutdownTimeoutMs',
    'sessionIdleTimeoutMs',
    'maxSessionsPerCaller',
    'maxSessions',
    'maxConnectionsPerAddress',
    'maxPipelinedRequests',
  ] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `http.${key} is ${String(settings[key])}; it must be a whole number of at least 1`,
      );
    }
  }
  for (const key of ['shutdownIdleGraceMs', 'shutdownDrainMs', 'listTtlMs'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `http.${key} is ${String(settings[key])}; it must be a whole number of at least 0`,
      );
    }
  }
  checkDatabaseLimits(settings.storage);
  checkRetention(settings.retention);
  // A short token can be guessed by whoever can reach the port; it is never logged.
  const metricsToken = settings.metrics.token;
  if (metricsToken !== undefined && metricsToken.length < 16)
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      'metrics.token (METRICS_TOKEN) must be at least 16 characters',
    );
  checkAllCallLimits(settings.callLimits, settings.collectionCallLimits);
  const redisUrl = settings.sharedState.url;
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(redisUrl)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      'redis.url (REDIS_URL) must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379',
    );
  }
}
