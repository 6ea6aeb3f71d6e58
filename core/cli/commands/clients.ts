import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import type { CollectionRegistry } from '../../collection/collection-registry.js';
import {
  addStoredClient,
  listStoredClients,
  revokeStoredClient,
  type ClientSummary,
} from '../../oauth/stored-clients.js';
import type { CommandContext } from '../command.js';
import {
  withAuthorizationServer,
  type AuthorizationServerSession,
} from '../open-authorization-server.js';

/** What Copilot Studio's "manual" OAuth mode asks for, for one collection. */
export interface ManualConnection {
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly refreshUrl: string;
  readonly scopes: readonly string[];
}

/** One collection in the `clients` listing. */
interface CollectionClients {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly manual: ManualConnection;
  readonly clients: readonly ClientSummary[];
}

function manualConnection(
  session: AuthorizationServerSession,
  registry: CollectionRegistry,
): ManualConnection {
  const { issuer, resources } = session.auth;
  return {
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    // Copilot Studio asks for a refresh URL: refresh tokens are exchanged at the token endpoint.
    refreshUrl: `${issuer}/token`,
    scopes: [...resources.grantable(registry)].sort(),
  };
}

function staticClients(session: AuthorizationServerSession): ClientSummary[] {
  return (session.settings.clients ?? []).map((client) => ({
    clientId: client.clientId,
    name: client.name,
    collection: client.collection,
    kind: 'static',
    redirectUris: [...(client.redirectUris ?? [])],
    createdAt: undefined,
  }));
}

function clientLine(client: ClientSummary): string {
  const uris =
    client.redirectUris.length > 0 ? client.redirectUris.join(', ') : '(no redirect URI)';
  return `    ${client.clientId.padEnd(28)} ${client.kind.padEnd(8)} ${client.name.padEnd(32)} ${(client.createdAt ?? 'in config').padEnd(24)} ${uris}`;
}

async function listClients(
  session: AuthorizationServerSession,
  ctx: CommandContext,
): Promise<number> {
  const all = [...staticClients(session), ...(await listStoredClients(session.server.db))];
  const collections: CollectionClients[] = session.auth.resources.all().map((registry) => ({
    id: registry.collection.id,
    title: registry.collection.title,
    url: registry.audience,
    manual: manualConnection(session, registry),
    clients: all.filter((c) => c.collection === registry.collection.id),
  }));
  const anyCollection = all.filter((c) => c.collection === undefined);
  if (ctx.options['json'] === true) {
    ctx.out(JSON.stringify({ issuer: session.auth.issuer, collections, anyCollection }, null, 2));
    return 0;
  }
  ctx.out(`Authorization server ${session.auth.issuer}`);
  for (const c of collections) {
    ctx.out('');
    ctx.out(`${c.title} (${c.id})  ${c.url}`);
    ctx.out(`  Copilot Studio "manual" OAuth:`);
    ctx.out(`    Authorization URL  ${c.manual.authorizationUrl}`);
    ctx.out(`    Token URL          ${c.manual.tokenUrl}`);
    ctx.out(`    Refresh URL        ${c.manual.refreshUrl}`);
    ctx.out(`    Scopes             ${c.manual.scopes.join(' ')}`);
    ctx.out(`  Clients (${c.clients.length}):`);
    for (const client of c.clients) ctx.out(clientLine(client));
  }
  ctx.out('');
  ctx.out(`Any collection (registered by the client itself) (${anyCollection.length}):`);
  for (const client of anyCollection) ctx.out(clientLine(client));
  return 0;
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

async function addClient(
  session: AuthorizationServerSession,
  ctx: CommandContext,
): Promise<number> {
  const collection = ctx.options['collection'];
  const ids = session.auth.resources.all().map((r) => r.collection.id);
  if (typeof collection !== 'string')
    throw new ServiceDeskError(
      'CLI_USAGE',
      `clients add needs --collection <id>: one of ${ids.join(', ')}`,
    );
  const registry = session.auth.resources.byId(collection);
  if (!registry)
    throw new ServiceDeskError(
      'CLI_USAGE',
      `--collection "${collection}" is not a collection with sign-in here; use one of ${ids.join(', ')}`,
    );
  const name = ctx.options['name'];
  if (typeof name !== 'string')
    throw new ServiceDeskError(
      'CLI_USAGE',
      'clients add needs --name <name> (shown on the consent page)',
    );
  const added = await addStoredClient(session.server.db, {
    collection,
    name,
    redirectUris: stringList(ctx.options['redirect-uri']),
  });
  try {
    // oidc-provider must accept the metadata, or the client would fail only when first used.
    await session.auth.provider.Client.find(added.clientId);
  } catch (error) {
    await revokeStoredClient(session.server.db, added.clientId);
    throw new ServiceDeskError('CLI_USAGE', `the client was refused: ${(error as Error).message}`);
  }
  const manual = manualConnection(session, registry);
  if (ctx.options['json'] === true) {
    ctx.out(JSON.stringify({ ...added, collection, name, ...manual }, null, 2));
    return 0;
  }
  ctx.out(`Added client "${name}" for ${registry.collection.title} (${collection}).`);
  ctx.out(`  Client ID          ${added.clientId}`);
  ctx.out(`  Client secret      ${added.clientSecret}`);
  ctx.out(`  Authorization URL  ${manual.authorizationUrl}`);
  ctx.out(`  Token URL          ${manual.tokenUrl}`);
  ctx.out(`  Refresh URL        ${manual.refreshUrl}`);
  ctx.out(`  Scopes             ${manual.scopes.join(' ')}`);
  ctx.out('The secret is shown only now: the server keeps just its hash. Store it in your client.');
  return 0;
}

async function revokeClient(
  session: AuthorizationServerSession,
  ctx: CommandContext,
): Promise<number> {
  const clientId = ctx.positionals[1] as string;
  if (session.settings.clients?.some((c) => c.clientId === clientId)) {
    throw new ServiceDeskError(
      'CLI_REFUSED',
      `client "${clientId}" is declared in config (auth.builtIn.clients); remove it there and restart the server`,
    );
  }
  if (!(await revokeStoredClient(session.server.db, clientId)))
    throw new ServiceDeskError('CLI_REFUSED', `no stored client "${clientId}"; see clients list`);
  ctx.out(`Revoked client ${clientId}: its grants, access and refresh tokens no longer work.`);
  return 0;
}

/**
 * `clients [list] | add --collection <id> --name <name> --redirect-uri <url>… | revoke <clientId>`:
 * the OAuth clients of the built-in authorization server per collection, with what Copilot
 * Studio's manual mode needs pasted; adds a confidential client (its secret printed once) or
 * removes one with everything issued to it.
 *
 * @example
 * await main(['clients', 'add', '--collection', 'user', '--name', 'Copilot', '--redirect-uri', 'https://…']);
 */
export async function clientsCommand(ctx: CommandContext): Promise<number> {
  const action = ctx.positionals[0] ?? 'list';
  if (action !== 'revoke' && ctx.positionals.length > 1)
    throw new ServiceDeskError(
      'CLI_USAGE',
      `unexpected argument "${ctx.positionals[1]}"; only clients revoke takes <clientId>`,
    );
  if (action === 'revoke' && ctx.positionals[1] === undefined)
    throw new ServiceDeskError('CLI_USAGE', 'clients revoke needs <clientId>; see clients list');
  if (action !== 'add') {
    for (const option of ['collection', 'name', 'redirect-uri'])
      if (ctx.options[option] !== undefined)
        throw new ServiceDeskError('CLI_USAGE', `--${option} is for clients add only`);
  }
  return withAuthorizationServer(ctx, 'clients', (session) => {
    switch (action) {
      case 'add':
        return addClient(session, ctx);
      case 'revoke':
        return revokeClient(session, ctx);
      default:
        return listClients(session, ctx);
    }
  });
}
