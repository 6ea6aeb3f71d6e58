import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
  type VersionNegotiationOptions,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../../core/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { startFixtureServer, tokens } from '../support/fixture-server.js';

const modernOnly: VersionNegotiationOptions = { mode: { pin: '2026-07-28' } };

/** A v2 SDK client on `url` with a bearer token; `negotiation` undefined keeps the SDK's default. */
async function modernClient(
  url: string,
  token: string,
  negotiation: VersionNegotiationOptions | undefined = modernOnly,
): Promise<ModernClient> {
  const client = new ModernClient(
    { name: 'era-test-client', version: '2.4.0-test' },
    negotiation === undefined ? {} : { versionNegotiation: negotiation },
  );
  await client.connect(
    new ModernTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

describe.each(testEngines)('one collection URL serves both protocol eras on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;
  const opened: ModernClient[] = [];

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = (await startFixtureServer({}, database.url)).t;
  });
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    await t.close();
    await database.drop();
  });

  async function open(
    collection: string,
    token: string,
    negotiation?: VersionNegotiationOptions,
  ): Promise<ModernClient> {
    const client = await modernClient(t.urlOf(collection), token, negotiation ?? modernOnly);
    opened.push(client);
    return client;
  }

  it.each(['agent', 'session'])(
    'gives a 2026-07-28 client on %s its tools and calls without a handshake or a session',
    async (collection) => {
      const modern = await open(collection, tokens.sam);
      expect(modern.getProtocolEra()).toBe('modern');
      expect(modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const legacy = await t.connect(collection, tokens.sam);
      const [modernTools, legacyTools] = await Promise.all([
        modern.listTools(),
        legacy.listTools(),
      ]);
      expect(modernTools.tools.map((tool) => tool.name)).toEqual(
        legacyTools.tools.map((tool) => tool.name),
      );
      const [modernCall, legacyCall] = await Promise.all([
        modern.callTool({ name: 'echo_caller', arguments: { tag: 'modern' } }),
        legacy.callTool({ name: 'echo_caller', arguments: { tag: 'legacy' } }),
      ]);
      expect(modernCall.structuredContent).toEqual({ userId: 'sam', tag: 'modern' });
      expect(legacyCall.structuredContent).toEqual({ userId: 'sam', tag: 'legacy' });
    },
  );

  it('answers an unknown tool with the same error in both eras', async () => {
    const modern = await open('agent', tokens.sam);
    const legacy = t.clients['agent'] as NonNullable<(typeof t.clients)['agent']>;
    const failures = await Promise.all(
      [modern, legacy].map((client) =>
        client.callTool({ name: 'no_such_tool', arguments: {} }).then(
          () => undefined,
          (error: unknown) => error as { code: number; message: string },
        ),
      ),
    );
    expect(failures[0]?.code).toBe(-32602);
    expect(failures[1]?.code).toBe(-32602);
    const plain = (message: string | undefined) => message?.replace(/^MCP error -?\d+: /, '');
    expect(plain(failures[0]?.message)).toBe(plain(failures[1]?.message));
    expect(plain(failures[0]?.message)).toMatch(/Tool no_such_tool not found/);
  });

  it('refuses a 2026-07-28 caller whose token lacks a scope with 403 insufficient_scope', async () => {
    const modern = await open('agent', tokens.pat);
    await expect(modern.callTool({ name: 'search_kb', arguments: { q: 'vpn' } })).rejects.toThrow(
      /insufficient_scope|403|kb:read/,
    );
  });

  it('lands on 2026-07-28 with the auto mode, and on 2025-11-25 with the default', async () => {
    const auto = await open('agent', tokens.sam, { mode: 'auto' });
    expect(auto.getProtocolEra()).toBe('modern');
    const client = new ModernClient({ name: 'default-mode', version: '1' });
    await client.connect(
      new ModernTransport(new URL(t.urlOf('agent')), {
        requestInit: { headers: { authorization: `Bearer ${tokens.sam}` } },
      }),
    );
    opened.push(client);
    expect(client.getProtocolEra()).toBe('legacy');
    const result = await client.callTool({ name: 'echo_caller', arguments: { tag: 'default' } });
    expect(result.structuredContent).toEqual({ userId: 'sam', tag: 'default' });
  });

  it('records who called under which revision in every audit row', async () => {
    const since = new Date();
    const modern = await open('session', tokens.sam);
    await modern.callTool({ name: 'echo_caller', arguments: { tag: 'audited-modern' } });
    const stateful = await t.connect('session', tokens.sam);
    await stateful.callTool({ name: 'echo_caller', arguments: { tag: 'audited-stateful' } });
    const stateless = await t.connect('agent', tokens.sam);
    await stateless.callTool({ name: 'echo_caller', arguments: { tag: 'audited-stateless' } });
    const pat = await open('agent', tokens.pat);
    await pat.callTool({ name: 'search_kb', arguments: { q: 'audited' } }).catch(() => undefined);
    await t.server.audit.flush();
    const rows = await t.server.audit.query({ since });
    const byTag = (tag: string) => rows.find((row) => row.arguments.includes(tag));
    expect(byTag('audited-modern')).toMatchObject({
      client_name: 'era-test-client',
      client_version: '2.4.0-test',
      protocol_version: '2026-07-28',
      outcome: 'ok',
    });
    expect(byTag('audited-stateful')).toMatchObject({
      client_name: 'servicedesk-test',
      client_version: '1.0.0',
      protocol_version: '2025-11-25',
    });
    // A stateless 2025-era request cannot be tied to the initialize that named its client.
    expect(byTag('audited-stateless')).toMatchObject({
      client_name: null,
      client_version: null,
      protocol_version: '2025-11-25',
    });
    expect(byTag('"audited"')).toMatchObject({
      tool: 'search_kb',
      outcome: 'denied',
      error_code: 'AUTH_INSUFFICIENT_SCOPE',
      client_name: 'era-test-client',
      protocol_version: '2026-07-28',
    });
  });
});
