import type { ServerConfig } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import {
  createAuthorizationServer,
  type AuthorizationServer,
} from '../oauth/authorization-server.js';
import type { BuiltInAuthSettings } from '../oauth/built-in-auth-settings.js';
import { defaultRolePolicy } from '../scope/role-policy.js';
import { createServer, type ServiceDeskServer } from '../server/create-server.js';
import type { CommandContext } from './command.js';

/** What a command working on the built-in authorization server is handed. */
export interface AuthorizationServerSession {
  readonly server: ServiceDeskServer;
  readonly auth: AuthorizationServer;
  readonly settings: BuiltInAuthSettings;
}

/** The config's `auth.builtIn`, or a refusal naming the command. */
export function builtInSettingsOf(config: ServerConfig, command: string): BuiltInAuthSettings {
  const settings = config.auth?.builtIn;
  if (settings === undefined) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `${command} works with the built-in authorization server, and this config has no auth.builtIn; add auth: { builtIn: {} } (docs/oauth.md)`,
    );
  }
  return settings;
}

/**
 * Opens the configured server (migrated and set up, not listening) and builds its authorization
 * server on the same store, runs `work`, then closes everything. URLs and token audiences come
 * from the same config and environment (`PUBLIC_URL`, `HOST`, `PORT`) as `serve` uses, so run
 * the command with the server's environment.
 *
 * @example
 * await withAuthorizationServer(ctx, 'token', async ({ auth }) => auth.issuer);
 */
export async function withAuthorizationServer<T>(
  ctx: CommandContext,
  command: string,
  work: (session: AuthorizationServerSession) => Promise<T>,
): Promise<T> {
  const settings = builtInSettingsOf(ctx.config, command);
  const server = await createServer(
    { ...ctx.config, log: { level: 'silent' } },
    { env: ctx.env, purpose: 'command' },
  );
  try {
    const auth = await createAuthorizationServer({
      settings,
      db: server.db,
      services: server.services,
      registries: server.registries(),
      baseUrl: server.url,
      policy: ctx.config.roles ?? defaultRolePolicy,
      log: server.log,
    });
    return await work({ server, auth, settings });
  } finally {
    await server.close();
  }
}
