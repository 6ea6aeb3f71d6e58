import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { RolePolicy } from '../scope/role-policy.js';
import { anySatisfies } from '../scope/scope.js';
import type { Database } from '../storage/database.js';
import { accountProviderRef, type AccountProvider } from './account-provider.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { clientSecretMatches } from './client-secret.js';
import { ClientMetadataDocuments, isClientMetadataUrl } from './client-metadata-documents.js';
import { CollectionResources } from './collection-resources.js';
import { Provider } from './oidc-provider.js';
import { expireUnusedRegistrations } from './registered-clients.js';
import { providerConfiguration } from './provider-config.js';
import { isAllowedRedirectUri, redirectUriMatches } from './redirect-uris.js';
import { loadServerKeys, type ServerKeys } from './server-keys.js';
import { readStoredClient, type ClientKind } from './stored-clients.js';

/** The path the authorization server is mounted at; its issuer is the public URL plus this. */
export const issuerPath = '/oauth';

/** A configured oidc-provider instance and what was needed to build it. */
export interface AuthorizationServer {
  readonly provider: Provider;
  readonly issuer: string;
  readonly resources: CollectionResources;
  readonly accounts: AccountProvider;
  readonly keys: ServerKeys;
}

function checkStaticClients(settings: BuiltInAuthSettings, resources: CollectionResources): void {
  const seen = new Set<string>();
  for (const client of settings.clients ?? []) {
    const where = `auth.builtIn.clients "${client.clientId}"`;
    const fail = (rule: string): never => {
      throw new ServiceDeskError('CONFIG_INVALID', `${where}: ${rule}`);
    };
    if (!/^[\w.-]{1,128}$/.test(client.clientId))
      fail('clientId must be 1–128 letters, digits, ".", "_" or "-"');
    if (seen.has(client.clientId)) fail('clientId is listed twice');
    seen.add(client.clientId);
    const registry = resources.byId(client.collection);
    if (!registry)
      fail(`collection "${client.collection}" is not an authenticated collection of this server`);
    if ((client.clientSecret ?? '').length < 16 && client.clientSecretHash === undefined)
      fail('give clientSecret (at least 16 characters, from the environment) or clientSecretHash');
    for (const uri of client.redirectUris ?? [])
      if (!isAllowedRedirectUri(uri))
        fail(`redirect URI ${uri} must use https, or http on loopback`);
    if (!client.redirectUris?.length && !client.serviceAccount)
      fail('list redirectUris (sign-in) or serviceAccount (client credentials), or both');
    if (client.serviceAccount && !registry?.collection.roles.includes('service'))
      fail(`collection "${client.collection}" must list the service role for a service account`);
    for (const scope of client.serviceAccount?.scopes ?? []) {
      if (!anySatisfies(registry?.collection.grant ?? [], scope))
        fail(
          `service-account scope "${scope}" is outside collection "${client.collection}"'s grant`,
        );
    }
  }
}

/**
 * Builds the built-in authorization server (ADR 0009) on a migrated database: loads or creates
 * its keys, checks the static clients, and configures oidc-provider with the store adapter,
 * the collections as resources and the accounts a plugin provides.
 *
 * @example
 * const as = await createAuthorizationServer({ settings, db, services, registries, baseUrl, policy, log });
 * as.issuer // 'https://desk.example.com/oauth'
 */
export async function createAuthorizationServer(context: {
  settings: BuiltInAuthSettings;
  db: Database;
  services: ServiceLocator;
  registries: readonly CollectionRegistry[];
  baseUrl: string;
  policy: RolePolicy;
  log: Logger;
}): Promise<AuthorizationServer> {
  const { settings, db, log } = context;
  if (!context.services.has(accountProviderRef)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `auth.builtIn needs a plugin that provides accounts (service "${accountProviderRef.id}"), such as deskPlugin()`,
    );
  }
  const accounts = context.services.get(accountProviderRef);
  const resources = new CollectionResources(context.registries, context.policy);
  checkStaticClients(settings, resources);
  const keys = await loadServerKeys(db, { maxAgeDays: settings.signingKeyMaxAgeDays ?? 90 });
  const issuer = context.baseUrl.replace(/\/+$/, '') + issuerPath;
  const provider = new Provider(
    issuer,
    providerConfiguration({
      db,
      settings,
      resources,
      accounts,
      keys,
      interactionBase: issuerPath,
      documents:
        settings.clientMetadataDocuments?.enabled === false
          ? undefined
          : new ClientMetadataDocuments(settings.clientMetadataDocuments ?? {}, log),
    }),
  );
  // Behind a TLS-terminating proxy the request arrives as http; trust X-Forwarded-Proto then,
  // so cookies are marked secure and URLs are https.
  provider.proxy = issuer.startsWith('https:');
  // Errors reach the log through the server_error event below, not Koa's stderr printer.
  provider.silent = true;
  // Secrets are stored hashed (ADR 0009); loopback redirect URIs may change port (RFC 8252).
  const prototype = provider.Client.prototype as unknown as {
    clientSecret?: string;
    redirectUris: string[];
    compareClientSecret(actual: string): Promise<boolean>;
    redirectUriAllowed(value: string): boolean;
  };
  prototype.compareClientSecret = function (actual) {
    return Promise.resolve(clientSecretMatches(this.clientSecret, actual));
  };
  prototype.redirectUriAllowed = function (value) {
    return redirectUriMatches(value, this.redirectUris);
  };
  expireUnusedRegistrations(provider, db, {
    unusedTtlMs: (settings.unusedClientTtlHours ?? 24) * 3_600_000,
    log,
  });
  provider.on('server_error', (_ctx: unknown, error: Error) =>
    log.error('authorization server error', { error: error.message, stack: error.stack }),
  );
  return { provider, issuer, resources, accounts, keys };
}

/**
 * The user id a client-credentials client acts as: from config for static clients, from the
 * stored client for those added with `servicedesk-mcp clients add`.
 */
export async function serviceUserOf(
  context: { settings: BuiltInAuthSettings; db: Database },
  clientId: string,
): Promise<string | undefined> {
  const configured = context.settings.clients?.find((c) => c.clientId === clientId);
  if (configured) {
    return configured.serviceAccount
      ? (configured.serviceAccount.userId ?? `service:${clientId}`)
      : undefined;
  }
  return (await readStoredClient(context.db, clientId))?.serviceUser;
}

/**
 * How a client came to exist: `static` (config) and `cli` (`servicedesk-mcp clients add`) are an
 * administrator's; `dynamic` registered itself. Undefined for a client that does not exist.
 *
 * @example
 * await clientKindOf({ settings, db }, clientId) // 'dynamic'
 */
export async function clientKindOf(
  context: { settings: BuiltInAuthSettings; db: Database },
  clientId: string,
): Promise<ClientKind | undefined> {
  if (context.settings.clients?.some((c) => c.clientId === clientId)) return 'static';
  if (context.settings.clientMetadataDocuments?.enabled !== false && isClientMetadataUrl(clientId))
    return 'metadata-document';
  return (await readStoredClient(context.db, clientId))?.kind;
}
