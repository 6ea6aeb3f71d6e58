import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevToken } from '../auth/dev-token-verifier.js';
import type { CollectionDefinition } from '../collection/define-collection.js';
import type { ServerConfig } from '../config/define-config.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import { createServer, type ServiceDeskServer } from '../server/create-server.js';

/** A running test server and helpers; `close()` stops everything and removes the database. */
export interface TestServer {
  readonly server: ServiceDeskServer;
  /** The base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** The URL of a collection by id, e.g. `http://127.0.0.1:54321/mcp/agent`. */
  urlOf(collectionId: string): string;
  /** A connected SDK client per collection that has a token (or needs none). */
  readonly clients: Readonly<Record<string, Client>>;
  /** Connects another SDK client to a collection, with an optional bearer token. */
  connect(collectionId: string, token?: string): Promise<Client>;
  close(): Promise<void>;
}

/** A source of empty databases, as `testEngines` of `servicedesk-mcp/testing` gives. */
export interface TestDatabaseSource {
  createDatabase(): Promise<{ readonly url: string; drop(): Promise<void> }>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  readonly plugins: readonly PluginDefinition[];
  readonly collections: readonly CollectionDefinition[];
  /**
   * Development tokens; the first token listing a collection connects its default client. They
   * are added to `config.auth` (after any `devTokens` there), keeping its `builtIn`, `external`,
   * `verifier` and `authorizationServers`.
   */
  readonly tokens?: readonly DevToken[];
  /** Defaults to a fresh SQLite file in a temporary folder; set `DATABASE_URL`-style for PostgreSQL. */
  readonly databaseUrl?: string;
  /**
   * Where a fresh database comes from instead, e.g. an entry of `testEngines` from
   * `servicedesk-mcp/testing`: it is created before the server starts and dropped by `close()`.
   * Give this or `databaseUrl`, not both.
   */
  readonly engine?: TestDatabaseSource;
  readonly config?: Partial<ServerConfig>;
}

/**
 * Starts a real server on an ephemeral loopback port with a fresh database and connects one SDK
 * client per collection over Streamable HTTP — the harness for plugin tests. Unless
 * `config.http` says otherwise, `close()` closes idle keep-alive connections at once
 * (`shutdownIdleGraceMs: 0`) rather than keeping them for a second; unless `config.limits` says
 * otherwise, the `tools/call` budgets are off.
 *
 * @example
 * const t = await startTestServer({ plugins: [echoPlugin()], collections: [demo], tokens });
 * const result = await t.clients.demo.callTool({ name: 'echo', arguments: { text: 'hi' } });
 * await t.close();
 */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  if (options.engine !== undefined && options.databaseUrl !== undefined) {
    throw new Error('startTestServer takes engine or databaseUrl, not both');
  }
  const created = await options.engine?.createDatabase();
  const folder =
    options.databaseUrl === undefined && created === undefined
      ? mkdtempSync(join(tmpdir(), 'servicedesk-test-'))
      : undefined;
  const removeDatabase = async (): Promise<void> => {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    await created?.drop();
  };
  const tokens = options.tokens ?? [];
  const auth = options.config?.auth;
  // Merged, not replaced: a test may run dev tokens beside the built-in authorization server.
  const merged =
    tokens.length > 0 ? { ...auth, devTokens: [...(auth?.devTokens ?? []), ...tokens] } : auth;
  let server: ServiceDeskServer;
  try {
    server = await createServer(
      {
        log: { level: 'silent' },
        auditFlushMs: 20,
        // A test suite calls far faster than a person: budgets are on only where a test sets them.
        limits: 'off',
        ...options.config,
        plugins: options.plugins,
        collections: options.collections,
        ...(merged && { auth: merged }),
        databaseUrl: options.databaseUrl ?? created?.url ?? join(folder as string, 'test.db'),
        // Closing a test server does not wait for idle keep-alive connections unless a test asks.
        http: { host: '127.0.0.1', port: 0, shutdownIdleGraceMs: 0, ...options.config?.http },
      },
      { env: {} },
    );
  } catch (error) {
    await removeDatabase().catch(() => undefined);
    throw error;
  }
  const opened: Client[] = [];
  const urlOf = (collectionId: string): string => {
    const found = server.collections.find((c) => c.id === collectionId);
    if (!found) throw new Error(`no collection "${collectionId}" in this test server`);
    return found.url;
  };
  const connect = async (collectionId: string, token?: string): Promise<Client> => {
    // The SDK client is loaded by the first connect: this module is exported from the core's
    // entry, and a server that never runs tests must not load it (ADR 0033).
    const [{ Client }, { StreamableHTTPClientTransport }] = await Promise.all([
      import('@modelcontextprotocol/sdk/client/index.js'),
      import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    ]);
    const client = new Client({ name: 'servicedesk-test', version: '1.0.0' }, { capabilities: {} });
    const transport = new StreamableHTTPClientTransport(new URL(urlOf(collectionId)), {
      ...(token !== undefined && {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    });
    await client.connect(transport);
    opened.push(client);
    return client;
  };
  const close = async (): Promise<void> => {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    await server.close();
    await removeDatabase();
  };
  const clients: Record<string, Client> = {};
  try {
    await server.listen();
    // A test sees the server as its plugins left it: demo data loaded, the authorization server built.
    await server.whenSettled();
    for (const collection of options.collections) {
      const token = tokens.find((t) => t.collections.includes(collection.id));
      if (token || collection.auth === 'none')
        clients[collection.id] = await connect(collection.id, token?.token);
    }
  } catch (error) {
    // A server that cannot listen or be reached leaves nothing behind: no port, no database.
    await close().catch(() => undefined);
    throw error;
  }
  return { server, url: server.url, urlOf, clients, connect, close };
}
