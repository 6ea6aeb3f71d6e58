import type { ServerConfig } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { parseLogLevel, type LogLevel } from '../log/logger.js';
import { storageFromUrl, type StorageConfig } from '../storage/database.js';

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
  readonly sessionIdleTimeoutMs: number;
  readonly maxSessionsPerCaller: number;
  readonly maxSessions: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxPipelinedRequests: number;
  readonly storage: StorageConfig;
  readonly logLevel: LogLevel;
}

/**
 * Resolves settings: config values win, then `HOST`, `PORT`, `PUBLIC_URL`, `DATABASE_URL` and
 * `LOG_LEVEL` from `env`, then defaults (127.0.0.1:3000, ./data/servicedesk.db, info).
 */
export function resolveSettings(config: ServerConfig, env: NodeJS.ProcessEnv): ResolvedSettings {
  const http = config.http ?? {};
  const port =
    http.port ?? (env['PORT'] !== undefined && env['PORT'] !== '' ? Number(env['PORT']) : 3000);
  return Object.freeze({
    host:
      http.host ?? (env['HOST'] !== undefined && env['HOST'] !== '' ? env['HOST'] : '127.0.0.1'),
    port,
    publicUrl:
      http.publicUrl ??
      (env['PUBLIC_URL'] !== undefined && env['PUBLIC_URL'] !== '' ? env['PUBLIC_URL'] : undefined),
    allowedHosts: http.allowedHosts ?? [],
    allowedOrigins: http.allowedOrigins ?? [],
    bodyLimit: http.bodyLimit ?? 1024 * 1024,
    shutdownTimeoutMs: http.shutdownTimeoutMs ?? 10_000,
    shutdownIdleGraceMs: http.shutdownIdleGraceMs ?? 1_000,
    sessionIdleTimeoutMs: http.sessionIdleTimeoutMs ?? 30 * 60_000,
    maxSessionsPerCaller: http.maxSessionsPerCaller ?? 32,
    maxSessions: http.maxSessions ?? 10_000,
    maxConnectionsPerAddress: http.maxConnectionsPerAddress ?? 100,
    maxPipelinedRequests: http.maxPipelinedRequests ?? 16,
    storage: storageFromUrl(config.databaseUrl ?? env['DATABASE_URL']),
    logLevel: config.log?.level ?? parseLogLevel(env['LOG_LEVEL']),
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
  for (const key of ['shutdownIdleGraceMs'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `http.${key} is ${String(settings[key])}; it must be a whole number of at least 0`,
      );
    }
  }
}
