import { randomBytes } from 'node:crypto';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Database } from '../storage/database.js';
import { KyselyAdapter } from './kysely-adapter.js';
import type { OAuthTables } from './oauth-schema.js';
import { isAllowedRedirectUri } from './redirect-uris.js';

/**
 * How a client came to exist: config, the command line, registering itself (RFC 7591), or a
 * metadata document at the https URL that is its id (CIMD).
 */
export type ClientKind = 'static' | 'cli' | 'dynamic' | 'metadata-document';

/** One client as `servicedesk-mcp clients` lists it. */
export interface ClientSummary {
  readonly clientId: string;
  readonly name: string;
  /** The collection its tokens are for; undefined when any collection (dynamic clients). */
  readonly collection: string | undefined;
  readonly kind: ClientKind;
  readonly redirectUris: readonly string[];
  /** ISO time of registration; undefined for static clients. */
  readonly createdAt: string | undefined;
}

/** What `clients add` needs. */
export interface NewClient {
  readonly collection: string;
  readonly name: string;
  readonly redirectUris: readonly string[];
}

/** The stored client metadata fields read back for listing. */
interface StoredClientPayload {
  readonly client_name?: unknown;
  readonly collection?: unknown;
  readonly redirect_uris?: unknown;
  readonly client_id_issued_at?: unknown;
  readonly added_by?: unknown;
  readonly service_user?: unknown;
}

const kindOf = (payload: StoredClientPayload): ClientKind =>
  payload.added_by === 'cli' ? 'cli' : 'dynamic';

/**
 * One client kept in the store, if there is one: how it came to exist and the user id it acts
 * as with client credentials. Static clients (config) are not in the store.
 *
 * @example
 * (await readStoredClient(db, 'sdm-abc'))?.kind // 'cli'
 */
export async function readStoredClient(
  db: Database,
  clientId: string,
): Promise<{ kind: ClientKind; serviceUser: string | undefined } | undefined> {
  const row = await db
    .withTables<OAuthTables>()
    .selectFrom('sdm_oauth')
    .select('payload')
    .where('kind', '=', 'Client')
    .where('id', '=', clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  const payload = JSON.parse(row.payload) as StoredClientPayload;
  const user = payload.service_user;
  return { kind: kindOf(payload), serviceUser: typeof user === 'string' ? user : undefined };
}

/**
 * The clients kept in the store: those registered dynamically by MCP clients and those added with
 * `servicedesk-mcp clients add`, oldest first.
 *
 * @example
 * for (const client of await listStoredClients(db)) console.log(client.clientId);
 */
export async function listStoredClients(db: Database): Promise<ClientSummary[]> {
  const rows = await db
    .withTables<OAuthTables>()
    .selectFrom('sdm_oauth')
    .select(['id', 'payload'])
    .where('kind', '=', 'Client')
    .execute();
  return rows
    .map((row) => {
      const p = JSON.parse(row.payload) as StoredClientPayload;
      const issued = typeof p.client_id_issued_at === 'number' ? p.client_id_issued_at : undefined;
      return {
        clientId: row.id,
        name: typeof p.client_name === 'string' ? p.client_name : '',
        collection: typeof p.collection === 'string' ? p.collection : undefined,
        kind: kindOf(p),
        redirectUris: Array.isArray(p.redirect_uris) ? p.redirect_uris.map(String) : [],
        createdAt: issued === undefined ? undefined : new Date(issued * 1000).toISOString(),
      };
    })
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/**
 * Registers a confidential client bound to one collection (Copilot Studio's "manual" mode) and
 * returns its id and secret. The secret is shown once: the store keeps only its hash. The
 * caller checks that `collection` is served.
 *
 * @example
 * const { clientId, clientSecret } = await addStoredClient(db, {
 *   collection: 'user', name: 'Copilot Studio', redirectUris: ['https://…/redirect'],
 * });
 */
export async function addStoredClient(
  db: Database,
  client: NewClient,
): Promise<{ clientId: string; clientSecret: string }> {
  if (client.name.trim() === '')
    throw new ServiceDeskError('CLI_USAGE', '--name must not be empty');
  if (client.redirectUris.length === 0)
    throw new ServiceDeskError('CLI_USAGE', 'give at least one --redirect-uri <url>');
  for (const uri of client.redirectUris) {
    if (!isAllowedRedirectUri(uri))
      throw new ServiceDeskError(
        'CLI_USAGE',
        `--redirect-uri ${uri} must be an absolute https URL (or http on 127.0.0.1, localhost or [::1]) without a #fragment`,
      );
  }
  const clientId = `sdm-${randomBytes(9).toString('base64url')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  // The adapter hashes client_secret on the way in (ADR 0009).
  await new KyselyAdapter(db, 'Client').upsert(
    clientId,
    {
      client_id: clientId,
      client_secret: clientSecret,
      client_id_issued_at: Math.floor(Date.now() / 1000),
      client_name: client.name.trim(),
      collection: client.collection,
      redirect_uris: [...client.redirectUris],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      added_by: 'cli',
    },
    undefined,
  );
  return { clientId, clientSecret };
}

/**
 * Removes a stored client with every grant, token and code issued to it, so its access and
 * refresh tokens stop working at once in every process. Returns false when no such client is
 * stored.
 *
 * @example
 * await revokeStoredClient(db, 'sdm-abc'); // true
 */
export async function revokeStoredClient(db: Database, clientId: string): Promise<boolean> {
  const oauth = db.withTables<OAuthTables>();
  return oauth.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('sdm_oauth')
      .where('kind', '=', 'Client')
      .where('id', '=', clientId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return false;
    // Issued rows name their client in the payload; the LIKE narrows, the parse decides.
    const candidates = await trx
      .selectFrom('sdm_oauth')
      .select(['kind', 'id', 'payload'])
      .where('kind', '!=', 'Client')
      .where('payload', 'like', `%${JSON.stringify(clientId)}%`)
      .execute();
    const issued = candidates.filter(
      (row) => (JSON.parse(row.payload) as { clientId?: unknown }).clientId === clientId,
    );
    const grants = issued.filter((row) => row.kind === 'Grant').map((row) => row.id);
    for (const row of issued)
      await trx
        .deleteFrom('sdm_oauth')
        .where('kind', '=', row.kind)
        .where('id', '=', row.id)
        .execute();
    if (grants.length > 0)
      await trx.deleteFrom('sdm_oauth').where('grant_id', 'in', grants).execute();
    return true;
  });
}
