import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { Logger } from '../log/logger.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { RolePolicy } from '../scope/role-policy.js';
import type { Database } from '../storage/database.js';
import type { AccountProvider } from './account-provider.js';
import { checkBuiltInAuth, issuerPath } from './built-in-auth-checks.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { clientSecretMatches } from './client-secret.js';
import { ClientMetadataDocuments, isClientMetadataUrl } from './client-metadata-documents.js';
import type { CollectionResources } from './collection-resources.js';
import { Provider } from './oidc-provider.js';
import { expireUnusedRegistrations } from './registered-clients.js';
import { providerConfiguration } from './provider-config.js';
import { redirectUriMatches } from './redirect-uris.js';
import { loadServerKeys, type ServerKeys } from './server-keys.js';
import { readStoredClient, type ClientKind } from './stored-clients.js';

export { issuerPath } from './built-in-auth-checks.js';

/** A configured oidc-provider instance and what was needed to build it. */
export interface AuthorizationServer {
  readonly provider: Provider;
  readonly issuer: string;
  readonly resources: CollectionResources;
  readonly accounts: AccountProvider;
  readonly keys: ServerKeys;
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
  const { accounts, resources } = checkBuiltInAuth(context);
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
