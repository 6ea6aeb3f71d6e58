import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerConfig } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';

/** The config file used when none is named: `SERVICEDESK_CONFIG`, else ./servicedesk.config.ts. */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return env['SERVICEDESK_CONFIG'] ?? 'servicedesk.config.ts';
}

/** Imports a config file and returns its default export (or its export named `config`). */
export async function loadConfig(path: string): Promise<ServerConfig> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `config file ${path} does not exist; pass --config <file> or set SERVICEDESK_CONFIG`,
    );
  }
  const module = (await import(pathToFileURL(absolute).href)) as {
    default?: ServerConfig;
    config?: ServerConfig;
  };
  const config = module.default ?? module.config;
  if (!config || !Array.isArray(config.plugins) || !Array.isArray(config.collections)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `config file ${path} must export default defineConfig({ plugins: [...], collections: [...] })`,
    );
  }
  return config;
}
