import type {
  ClientMetadata,
  Configuration,
  KoaContextWithOIDC,
  interactionPolicy as OidcPolicy,
} from 'oidc-provider';
import type { Database } from '../storage/database.js';
import type { AccountProvider } from './account-provider.js';
import {
  applicationTypeOf,
  defaultApplicationType,
  redirectUriRefusal,
} from './application-type.js';
import type { BuiltInAuthSettings, StaticClient } from './built-in-auth-settings.js';
import { hashClientSecret } from './client-secret.js';
import type { CollectionResources } from './collection-resources.js';
import type { ClientMetadataDocuments } from './client-metadata-documents.js';
import { MetadataDocumentClients } from './client-metadata-documents.js';
import { KyselyAdapter } from './kysely-adapter.js';
import { errors, interactionPolicy } from './oidc-provider.js';
import { messagePage } from './pages/message-page.js';
import { checkRegistration } from './registered-clients.js';
import type { ServerKeys } from './server-keys.js';

/**
 * Why the sign-in page asks again although the browser has a session: its account is gone or
 * deactivated (findAccount finds no active account for it).
 */
export const accountInactiveReason = 'account_inactive';

/**
 * oidc-provider's prompts, with one more login check: a browser session whose account is no
 * longer active signs in again. Without it the session's account is missing and the consent
 * check fails with a 500 ("reading 'getOIDCScopeEncountered'").
 */
function signInPolicy(): OidcPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        accountInactiveReason,
        'the account of this session is no longer active',
        (ctx) =>
          ctx.oidc.session?.accountId !== undefined && ctx.oidc.account === undefined
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
      0,
    );
  return policy;
}

/** Where the interaction pages live, below the issuer's path. */
export const interactionPath = '/interaction';

/** A static client as oidc-provider takes it: secret hashed, collection as extra metadata. */
function clientMetadata(client: StaticClient): ClientMetadata {
  const redirectUris = [...(client.redirectUris ?? [])];
  return {
    client_id: client.clientId,
    client_secret: client.clientSecretHash ?? hashClientSecret(client.clientSecret ?? ''),
    client_name: client.name,
    collection: client.collection,
    redirect_uris: redirectUris,
    grant_types: [
      ...(redirectUris.length > 0 ? ['authorization_code', 'refresh_token'] : []),
      ...(client.serviceAccount ? ['client_credentials'] : []),
    ],
    response_types: redirectUris.length > 0 ? ['code' as const] : [],
    token_endpoint_auth_method: 'client_secret_basic' as const,
    ...(client.serviceAccount && {
      service_scopes: client.serviceAccount.scopes.join(' '),
      service_user: client.serviceAccount.userId ?? `service:${client.clientId}`,
    }),
  };
}

const staticScopes = ['openid', 'offline_access', 'email', 'profile'];

/** The scopes a client-credentials client may get, from its `service_scopes`. */
function serviceScopesOf(ctx: KoaContextWithOIDC): string[] | undefined {
  if (ctx.oidc.params?.['grant_type'] !== 'client_credentials') return undefined;
  const value = (ctx.oidc.client as unknown as { service_scopes?: unknown } | undefined)
    ?.service_scopes;
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
}

/** The collection a client is bound to (static and CLI clients), if any. */
function boundCollection(ctx: KoaContextWithOIDC): string | undefined {
  const value = (ctx.oidc.client as unknown as { collection?: unknown } | undefined)?.collection;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The oidc-provider configuration of the built-in authorization server (ADR 0009): PKCE S256
 * for every client, refresh-token rotation, one collection per token as its audience, opaque
 * access tokens kept in the store, client credentials, revocation and dynamic registration.
 */
export function providerConfiguration(deps: {
  db: Database;
  settings: BuiltInAuthSettings;
  resources: CollectionResources;
  accounts: AccountProvider;
  keys: ServerKeys;
  /** The issuer's path (`/oauth`): the interaction pages live below it. */
  interactionBase: string;
  /** Clients named by their metadata document's URL; undefined when turned off. */
  documents: ClientMetadataDocuments | undefined;
}): Configuration {
  const { settings, resources, accounts, documents } = deps;
  return {
    adapter: (name: string) => {
      const stored = new KyselyAdapter(deps.db, name);
      return name === 'Client' && documents !== undefined
        ? new MetadataDocumentClients(stored, documents)
        : stored;
    },
    discovery: { client_id_metadata_document_supported: documents !== undefined },
    clients: (settings.clients ?? []).map(clientMetadata),
    jwks: { keys: [...deps.keys.signing] },
    cookies: {
      keys: [...deps.keys.cookies],
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    extraClientMetadata: {
      properties: ['collection', 'service_user', 'service_scopes'],
      // oidc-provider's signature: four parameters.
      // eslint-disable-next-line max-params
      validator(ctx, key, value, metadata) {
        if (key === 'collection' && value !== undefined) {
          if (typeof value !== 'string' || !resources.byId(value))
            throw new errors.InvalidClientMetadata(
              `collection ${JSON.stringify(value)} is not served here`,
            );
        }
        if (key.startsWith('service_') && ctx !== undefined && value !== undefined)
          throw new errors.InvalidClientMetadata(`${key} cannot be registered`);
        // ctx is set for a registration, unset for the clients of config and the CLI.
        if (key === 'collection' && ctx !== undefined) checkRegistration(metadata);
        if (key === 'collection') {
          // MCP clients register the collection's scopes (from its resource metadata) as their
          // `scope`; those are resource scopes, checked per collection, so only OpenID ones stay.
          const kept = (metadata.scope ?? '').split(' ').filter((s) => staticScopes.includes(s));
          if (kept.length > 0) metadata.scope = kept.join(' ');
          else delete metadata.scope;
          // oidc-provider has already applied `application_type` (default web) to the metadata.
          // The refusal goes out as InvalidClientMetadata starting with "redirect_uris", which
          // oidc-provider answers as invalid_redirect_uri with this description; its own
          // InvalidRedirectUri would replace the description with "did not match any …".
          const type = applicationTypeOf(metadata.application_type) ?? defaultApplicationType;
          for (const uri of metadata.redirect_uris ?? []) {
            const refusal = redirectUriRefusal(uri, type);
            if (refusal !== undefined)
              throw new errors.InvalidClientMetadata(`redirect_uris: ${refusal}`);
          }
        }
      },
    },
    findAccount: async (_ctx, sub) => {
      const account = await accounts.findByEmail(sub);
      if (!account?.active) return undefined;
      return {
        accountId: account.userId,
        claims: () => ({ sub: account.userId, email: account.email, name: account.name }),
      };
    },
    claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
    scopes: staticScopes,
    interactions: {
      url: (_ctx, interaction) => `${deps.interactionBase}${interactionPath}/${interaction.uid}`,
      policy: signInPolicy(),
    },
    pkce: { required: () => true },
    // OAuth 2.1: the authorization code flow only; no implicit or hybrid responses.
    responseTypes: ['code'],
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = messagePage(
        'This request cannot continue',
        `${String(out.error)}: ${String(out.error_description ?? '')}. Go back to your assistant and connect again.`,
      );
    },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client, code) =>
      Promise.resolve(
        client.grantTypeAllowed('refresh_token') && code.kind === 'AuthorizationCode',
      ),
    expiresWithSession: () => Promise.resolve(false),
    ttl: {
      AccessToken: settings.accessTokenTtl ?? 3600,
      ClientCredentials: settings.accessTokenTtl ?? 3600,
      AuthorizationCode: 60,
      RefreshToken: settings.refreshTokenTtl ?? 14 * 86_400,
      Grant: settings.refreshTokenTtl ?? 14 * 86_400,
      Interaction: 3600,
      Session: 14 * 86_400,
      IdToken: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: {
        enabled: true,
        // RFC 7009: a client revokes only its own tokens, and another client's token gets the same
        // 200 as an unknown one (oidc-provider's default answers 400, telling the caller it is valid).
        allowedPolicy: (
          _ctx: unknown,
          client: { clientId: string },
          token: { clientId?: string },
        ) => token.clientId === client.clientId,
      },
      introspection: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      registration: {
        enabled: settings.dynamicRegistration ?? true,
        issueRegistrationAccessToken: false,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => {
          const bound = boundCollection(ctx);
          const registry = bound === undefined ? undefined : resources.byId(bound);
          return Promise.resolve(registry?.audience ?? (undefined as unknown as string));
        },
        useGrantedResource: () => Promise.resolve(true),
        getResourceServerInfo: (ctx, resourceIndicator) => {
          const registry = resources.byResource(resourceIndicator);
          const bound = boundCollection(ctx);
          if (!registry || (bound !== undefined && bound !== registry.collection.id)) {
            throw new errors.InvalidTarget(
              `${resourceIndicator} is not a collection this client may get tokens for`,
            );
          }
          const service = serviceScopesOf(ctx);
          return Promise.resolve({
            scope: (service === undefined
              ? resources.grantable(registry)
              : service.length === 0
                ? []
                : resources.offered(registry, service, 'service')
            ).join(' '),
            audience: registry.audience,
            accessTokenFormat: 'opaque',
            accessTokenTTL: settings.accessTokenTtl ?? 3600,
          });
        },
      },
    },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
  };
}
