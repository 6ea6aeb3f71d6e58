import { ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../../core/index.js';
import { call } from '../../../helpers/call-tool.js';
import {
  createFreshPostgresDatabase,
  type FreshDatabase,
} from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { approvalTokens, startApprovalServer, writesOf } from './support/approval-plugin.js';
import { modernPost } from './support/modern-post.js';

const [ann] = approvalTokens.map((t) => t.token) as [string];

describe.each(testEngines)('write approval for 2025-11-25 clients on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startApprovalServer(database.url);
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  /** A 1.x client in a stateful session that answers elicitation with `answer` (or fails to). */
  async function sessionSaying(answer: ElicitResult | Error): Promise<Client> {
    const client = new Client(
      { name: 'legacy-approval', version: '1' },
      { capabilities: { elicitation: { form: {} } } },
    );
    client.setRequestHandler(ElicitRequestSchema, () => {
      if (answer instanceof Error) throw answer;
      return answer;
    });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(t.urlOf('session')), {
        requestInit: { headers: { authorization: `Bearer ${ann}` } },
      }),
    );
    return client;
  }

  it('asks through elicitation on a stateful session and writes on confirmation only', async () => {
    const yes = await sessionSaying({ action: 'accept', content: { confirm: true } });
    const no = await sessionSaying({ action: 'accept', content: { confirm: false } });
    try {
      const confirmed = await call(yes, 'act_on_item', { item: 'legacy-yes', action: 'close' });
      expect(confirmed.isError).toBe(false);
      const refused = await call(no, 'act_on_item', { item: 'legacy-no', action: 'close' });
      expect(refused).toMatchObject({ isError: true });
      expect(refused.text).toMatch(/not confirmed by the person; nothing was written/);
      expect(await writesOf(t.server.db, 'legacy-yes')).toBe(1);
      expect(await writesOf(t.server.db, 'legacy-no')).toBe(0);
    } finally {
      await Promise.all([yes.close(), no.close()]);
    }
  });

  it('writes nothing, and says so, when the client fails to ask the person', async () => {
    const broken = await sessionSaying(new Error('the form could not be shown'));
    try {
      const result = await call(broken, 'act_on_item', { item: 'legacy-broken', action: 'close' });
      expect(result.isError).toBe(true);
      expect(result.text).toMatch(/could not ask the person to confirm .*nothing was written/);
      expect(await writesOf(t.server.db, 'legacy-broken')).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('tells a stateless 2025-11-25 client the tool needs confirmation, and writes nothing', async () => {
    const client = await t.connect('desk', ann);
    const refused = await call(client, 'act_on_item', {
      item: 'legacy-stateless',
      action: 'close',
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(
      /changes the desk only after the person confirms, and this connection cannot ask them\. Use a client that supports elicitation/,
    );
    expect(await writesOf(t.server.db, 'legacy-stateless')).toBe(0);
    await t.server.audit.flush();
    const [row] = await t.server.audit
      .query({ since: new Date(0), tool: 'act_on_item' })
      .then((rows) => rows.filter((r) => r.arguments.includes('legacy-stateless')));
    expect(row).toMatchObject({ outcome: 'denied', error_code: 'TOOL_CONFIRMATION_UNAVAILABLE' });
  });
});

describe('an MRTR confirmation whose retry lands on another instance (PostgreSQL)', () => {
  let database: FreshDatabase;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createFreshPostgresDatabase();
    a = await startApprovalServer(database.url);
    b = await startApprovalServer(database.url);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  it('completes on B with the state A sealed, and A then refuses the same state', async () => {
    const args = { item: 'cross-instance', action: 'close' };
    const capabilities = { elicitation: { form: {} } };
    const first = await modernPost(a.urlOf('desk'), ann, {
      method: 'tools/call',
      params: { name: 'act_on_item', arguments: args },
      capabilities,
    });
    expect(first.body.result.resultType).toBe('input_required');
    const retry = {
      method: 'tools/call',
      params: {
        name: 'act_on_item',
        arguments: args,
        requestState: first.body.result.requestState as string,
        inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
      },
      capabilities,
    };
    const onB = await modernPost(b.urlOf('desk'), ann, retry);
    expect(onB.body.result).toMatchObject({ resultType: 'complete' });
    expect(await writesOf(a.server.db, 'cross-instance')).toBe(1);
    const replayOnA = await modernPost(a.urlOf('desk'), ann, retry);
    expect(replayOnA.body.error).toMatchObject({
      code: -32602,
      data: { code: 'MCP_REQUEST_STATE_INVALID' },
    });
    expect(await writesOf(b.server.db, 'cross-instance')).toBe(1);
  });
});
