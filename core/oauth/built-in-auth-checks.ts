import type { CollectionRegistry } from '../collection/collection-registry.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { RolePolicy } from '../scope/role-policy.js';
import { anySatisfies } from '../scope/scope.js';
import { accountProviderRef, type AccountProvider } from './account-provider.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { CollectionResources } from './collection-resources.js';
import { isAllowedRedirectUri } from './redirect-uris.js';

/** The path the authorization server is mounted at; its issuer is the public URL plus this. */
export const issuerPath = '/oauth';

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
 * The checks of `auth.builtIn` that need no oidc-provider: a plugin provides accounts, and every
 * static client is well formed. They run before the server answers, so a mistake still fails
 * `listen()` while the provider itself loads after it (ADR 0041).
 *
 * @example
 * const { accounts, resources } = checkBuiltInAuth({ settings, services, registries, policy });
 */
export function checkBuiltInAuth(context: {
  readonly settings: BuiltInAuthSettings;
  readonly services: ServiceLocator;
  readonly registries: readonly CollectionRegistry[];
  readonly policy: RolePolicy;
}): { readonly accounts: AccountProvider; readonly resources: CollectionResources } {
  if (!context.services.has(accountProviderRef)) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `auth.builtIn needs a plugin that provides accounts (service "${accountProviderRef.id}"), such as deskPlugin()`,
    );
  }
  const resources = new CollectionResources(context.registries, context.policy);
  checkStaticClients(context.settings, resources);
  return { accounts: context.services.get(accountProviderRef), resources };
}
