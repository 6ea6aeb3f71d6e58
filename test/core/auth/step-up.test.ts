import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { callBody, initializeBody, messagesOf, postRpc } from '../mcp/support/raw-http.js';
import { bearerParams, metadataUrlOf } from './support/bearer-challenge.js';

describe('403 insufficient_scope for step-up (MCP authorization)', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer();
  });
  afterAll(() => f.t.close());

  async function expectStepUp(response: Response, collection: string, scope: string) {
    expect(response.status).toBe(403);
    const params = bearerParams(response.headers.get('www-authenticate'));
    expect(params).toMatchObject({
      error: 'insufficient_scope',
      scope,
      resource_metadata: metadataUrlOf(f.t.urlOf(collection)),
    });
    const [message] = await messagesOf(response);
    expect(message?.error?.code).toBe(-32001);
    expect(message?.error?.message).toMatch(
      /AUTH_INSUFFICIENT_SCOPE: tool search_kb needs scope kb:read/,
    );
  }

  async function expectNotFound(response: Response, tool: string) {
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    expect(message?.error?.code).toBe(-32602);
    expect(message?.error?.message).toMatch(new RegExp(`Tool ${tool} not found`));
  }

  it('asks an agent whose token lacks a granted scope for it, keeping the scopes it has', async () => {
    // Pat's token lacks kb:read, which the agent collection grants and agents may hold.
    const response = await postRpc(f.t.urlOf('agent'), callBody(1, 'search_kb', { q: 'vpn' }), {
      token: tokens.pat,
    });
    await expectStepUp(
      response,
      'agent',
      'kb:read tickets:read:all tickets:read:own tickets:write:all',
    );
  });

  it('asks an end user for a read their role allows (stateless direct path)', async () => {
    const response = await postRpc(f.t.urlOf('desk'), callBody(2, 'search_kb', { q: 'vpn' }), {
      token: tokens.bob,
    });
    await expectStepUp(response, 'desk', 'kb:read tickets:read:own');
  });

  it('asks the same on a stateful collection, inside a session', async () => {
    const init = await postRpc(f.t.urlOf('session'), initializeBody(), { token: tokens.bob });
    expect(init.status).toBe(200);
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    const response = await postRpc(f.t.urlOf('session'), callBody(3, 'search_kb', { q: 'vpn' }), {
      token: tokens.bob,
      headers: { 'mcp-session-id': session },
    });
    await expectStepUp(response, 'session', 'kb:read tickets:read:own');
  });

  it('keeps "not found" for a tool the role may never use, so nothing can be probed', async () => {
    // update_ticket needs tickets:write:all: granted on desk, but end users hold no :all scope.
    await expectNotFound(
      await postRpc(f.t.urlOf('desk'), callBody(4, 'update_ticket', { id: 1 }), {
        token: tokens.bob,
      }),
      'update_ticket',
    );
    await expectNotFound(
      await postRpc(f.t.urlOf('desk'), callBody(5, 'read_all_tickets'), { token: tokens.alice }),
      'read_all_tickets',
    );
  });

  it('keeps "not found" for a tool the collection does not serve', async () => {
    await expectNotFound(
      await postRpc(f.t.urlOf('desk'), callBody(6, 'no_such_tool'), { token: tokens.bob }),
      'no_such_tool',
    );
  });

  it('lets a call go ahead when the token already carries the scopes', async () => {
    const response = await postRpc(f.t.urlOf('agent'), callBody(7, 'search_kb', { q: 'vpn' }), {
      token: tokens.sam,
    });
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    expect(message?.result).toBeDefined();
  });

  it('surfaces as HTTP 403 in the SDK client, which reads the challenge to re-authorize', async () => {
    const client = new Client({ name: 'step-up', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(f.t.urlOf('agent')), {
        requestInit: { headers: { authorization: `Bearer ${tokens.pat}` } },
      }),
    );
    try {
      const listed = await client.listTools();
      expect(listed.tools.map((t) => t.name)).not.toContain('search_kb');
      const error = await client.callTool({ name: 'search_kb', arguments: { q: 'vpn' } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StreamableHTTPError);
      expect((error as StreamableHTTPError).code).toBe(403);
    } finally {
      await client.close();
    }
  });
});

describe.each(testEngines)(
  'a step-up refusal in the audit log on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase;
    let t: TestServer;

    beforeAll(async () => {
      database = await createDatabase();
      t = (await startFixtureServer({}, database.url)).t;
    });
    afterAll(async () => {
      await t?.close();
      await database?.drop();
    });

    it('is recorded as denied with AUTH_INSUFFICIENT_SCOPE, arguments redacted', async () => {
      const since = new Date(Date.now() - 1000);
      const response = await postRpc(
        t.urlOf('agent'),
        callBody(1, 'search_kb', { q: 'vpn', password: 'hunter2' }),
        { token: tokens.pat },
      );
      expect(response.status).toBe(403);
      await t.server.audit.flush();
      const rows = await t.server.audit.query({ since, tool: 'search_kb' });
      expect(
        rows.map((r) => [
          r.user_id,
          r.client_id,
          r.collection_id,
          r.outcome,
          r.error_code,
          JSON.parse(r.arguments) as unknown,
        ]),
      ).toEqual([
        [
          'pat',
          'pat-laptop',
          'agent',
          'denied',
          'AUTH_INSUFFICIENT_SCOPE',
          { q: 'vpn', password: '[redacted]' },
        ],
      ]);
    });
  },
);
