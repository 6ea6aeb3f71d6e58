import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Database } from '../storage/database.js';
import type { AuthorizationServer } from './authorization-server.js';
import { KyselyAdapter } from './kysely-adapter.js';

/** The client every token minted on the command line is issued to. */
export const cliClientId = 'servicedesk-cli';

/** What {@link mintAccessToken} is asked for. */
export interface MintRequest {
  /** The desk account's e-mail. */
  readonly email: string;
  /** The collection id the token is for (its URL becomes the audience). */
  readonly collection: string;
  /** Requested scopes; empty means the collection's whole grant. */
  readonly scopes: readonly string[];
  /** Lifetime in seconds. */
  readonly ttl: number;
}

/** A minted token and what it carries. */
export interface MintedToken {
  readonly token: string;
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date;
  readonly userId: string;
}

/**
 * Registers the command line's own client once: public (it can revoke its tokens at the
 * revocation endpoint with `client_id=servicedesk-cli` and no secret) and unable to obtain
 * tokens through any flow. `clients revoke servicedesk-cli` ends every minted token at once.
 */
async function ensureCliClient(db: Database): Promise<void> {
  const adapter = new KyselyAdapter(db, 'Client');
  if (await adapter.find(cliClientId)) return;
  await adapter.upsert(
    cliClientId,
    {
      client_id: cliClientId,
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_name: 'servicedesk-mcp token (command line)',
      redirect_uris: [],
      grant_types: [],
      response_types: [],
      token_endpoint_auth_method: 'none',
      added_by: 'cli',
    },
    undefined,
  );
}

function refuse(message: string): never {
  throw new ServiceDeskError('CLI_REFUSED', message);
}

/**
 * Mints an access token of the built-in authorization server for a desk account on one
 * collection, exactly like one issued through sign-in and consent: stored opaque, with its own
 * grant, so the same verifier accepts it, and expiry, revocation and deactivating the account
 * end it. Scopes are requested ∩ the collection's grant ∩ the role policy.
 *
 * @example
 * const minted = await mintAccessToken(as, db, { email: 'sam@helpdesk.example', collection: 'agent', scopes: [], ttl: 900 });
 * fetch(url, { headers: { authorization: `Bearer ${minted.token}` } });
 */
export async function mintAccessToken(
  server: AuthorizationServer,
  db: Database,
  request: MintRequest,
): Promise<MintedToken> {
  const registry = server.resources.byId(request.collection);
  if (!registry) {
    const ids = server.resources.all().map((r) => r.collection.id);
    refuse(
      `--collection "${request.collection}" is not a collection with sign-in here; use one of ${ids.join(', ')}`,
    );
  }
  const account = await server.accounts.findByEmail(request.email);
  if (!account) refuse(`--user ${request.email}: no desk account has this e-mail`);
  if (!account.active)
    refuse(`--user ${request.email}: the account is deactivated; reactivate it first`);
  const { collection } = registry;
  if (!collection.roles.includes(account.role)) {
    refuse(
      `--user ${request.email} is ${account.role.replace(/_/g, ' ')}; collection "${collection.id}" is for ${collection.roles.join(', ').replace(/_/g, ' ')} accounts`,
    );
  }
  const grantable = new Set(server.resources.grantable(registry));
  const outside = request.scopes.filter((s) => !grantable.has(s));
  if (outside.length > 0) {
    refuse(
      `--scopes ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside collection "${collection.id}"'s grant; choose from ${[...grantable].sort().join(', ')}`,
    );
  }
  const scopes = server.resources.offered(registry, request.scopes, account.role);
  if (scopes.length === 0) {
    refuse(
      `--scopes: a ${account.role.replace(/_/g, ' ')} may hold none of ${request.scopes.join(', ')} (role policy)`,
    );
  }
  await ensureCliClient(db);
  const { provider } = server;
  const client = await provider.Client.find(cliClientId);
  if (!client) throw new ServiceDeskError('INTERNAL_ERROR', `client ${cliClientId} vanished`);
  const grant = new provider.Grant({ accountId: account.userId, clientId: cliClientId });
  grant.addResourceScope(registry.audience, scopes.join(' '));
  Object.assign(grant, { expiresIn: request.ttl });
  const grantId = await grant.save();
  const accessToken = new provider.AccessToken({
    client,
    accountId: account.userId,
    grantId,
    gty: 'cli',
    scope: scopes.join(' '),
    expiresIn: request.ttl,
    // The shape oidc-provider builds from getResourceServerInfo: one collection as the audience.
    resourceServer: {
      audience: registry.audience,
      scope: scopes.join(' '),
      accessTokenFormat: 'opaque',
      scopes: new Set(scopes),
      identifier: () => registry.audience,
    },
  });
  const token = await accessToken.save();
  // Read back as the server would: the stored expiry is the one that counts.
  const stored = await provider.AccessToken.find(token);
  if (stored?.exp === undefined)
    throw new ServiceDeskError('INTERNAL_ERROR', 'the minted token was not stored');
  return {
    token,
    audience: registry.audience,
    scopes,
    expiresAt: new Date(stored.exp * 1000),
    userId: account.userId,
  };
}
