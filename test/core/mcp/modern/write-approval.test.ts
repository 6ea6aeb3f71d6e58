import {
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernTransport,
  type ElicitResult,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../../core/index.js';
import type { FreshDatabase } from '../../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { approvalTokens, startApprovalServer, writesOf } from './support/approval-plugin.js';
import { modernPost } from './support/modern-post.js';

const [ann, ben] = approvalTokens.map((t) => t.token) as [string, string];
const elicitation = { elicitation: { form: {} } };

describe.each(testEngines)('write approval through MRTR on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let url: string;
  const opened: ModernClient[] = [];

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startApprovalServer(database.url);
    url = t.urlOf('desk');
  });
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close().catch(() => undefined)));
    await t.close();
    await database.drop();
  });

  /** A v2 client pinned to 2026-07-28 that answers every question with `answer`. */
  async function personSaying(answer: (message: string) => ElicitResult): Promise<{
    client: ModernClient;
    asked: string[];
  }> {
    const asked: string[] = [];
    const client = new ModernClient(
      { name: 'approval-test', version: '1' },
      { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: elicitation },
    );
    client.setRequestHandler('elicitation/create', (request) => {
      const message = (request.params as { message: string }).message;
      asked.push(message);
      return answer(message);
    });
    await client.connect(
      new ModernTransport(new URL(url), {
        requestInit: { headers: { authorization: `Bearer ${ann}` } },
      }),
    );
    opened.push(client);
    return { client, asked };
  }

  const item = (name: string) => `${engine.engine}-${name}`;

  it('writes once the person confirms, and asks nothing for a call the rule does not cover', async () => {
    const { client, asked } = await personSaying(() => ({
      action: 'accept',
      content: { confirm: true },
    }));
    const closed = await client.callTool({
      name: 'act_on_item',
      arguments: { item: item('confirmed'), action: 'close' },
    });
    expect(closed.isError).not.toBe(true);
    expect(asked).toEqual([
      `act_on_item will change the desk: {"item":"${item('confirmed')}","action":"close"}. Confirm?`,
    ]);
    expect(await writesOf(t.server.db, item('confirmed'))).toBe(1);
    await client.callTool({
      name: 'act_on_item',
      arguments: { item: item('comment'), action: 'comment' },
    });
    expect(asked).toHaveLength(1);
    expect(await writesOf(t.server.db, item('comment'))).toBe(1);
  });

  it('writes nothing when the person declines', async () => {
    const { client } = await personSaying(() => ({ action: 'decline' }));
    const result = await client.callTool({
      name: 'act_on_item',
      arguments: { item: item('declined'), action: 'close' },
    });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain(
      'not confirmed by the person; nothing was written',
    );
    expect(await writesOf(t.server.db, item('declined'))).toBe(0);
  });

  it('confirms, then asks the handler’s own question in a second round', async () => {
    const { client, asked } = await personSaying((message): ElicitResult =>
      message === 'Why?'
        ? { action: 'accept', content: { reason: 'printer on fire' } }
        : { action: 'accept', content: { confirm: true } },
    );
    const result = await client.callTool({
      name: 'write_with_reason',
      arguments: { item: item('two-rounds') },
    });
    expect(JSON.stringify(result.content)).toContain('reason printer on fire');
    expect(asked).toHaveLength(2);
    expect(await writesOf(t.server.db, item('two-rounds'))).toBe(1);
  });

  it('refuses a replayed confirmation, another caller’s state, other arguments and a forged state', async () => {
    const args = { item: item('replay'), action: 'close' };
    const first = await modernPost(url, ann, {
      method: 'tools/call',
      params: { name: 'act_on_item', arguments: args },
      capabilities: elicitation,
    });
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({
      resultType: 'input_required',
      inputRequests: { confirm: { method: 'elicitation/create' } },
    });
    const requestState = first.body.result.requestState as string;
    const retry = (token: string, overrides: Record<string, unknown> = {}) =>
      modernPost(url, token, {
        id: 2,
        method: 'tools/call',
        params: {
          name: 'act_on_item',
          arguments: args,
          requestState,
          inputResponses: { confirm: { action: 'accept', content: { confirm: true } } },
          ...overrides,
        },
        capabilities: elicitation,
      });
    const refusal = (answer: {
      body: { id: unknown; error?: { code: number; data?: unknown } };
    }) => ({
      id: answer.body.id,
      code: answer.body.error?.code,
      data: answer.body.error?.data,
    });
    const expected = { id: 2, code: -32602, data: { code: 'MCP_REQUEST_STATE_INVALID' } };
    expect(refusal(await retry(ben))).toEqual(expected);
    expect(refusal(await retry(ann, { arguments: { ...args, item: item('other') } }))).toEqual(
      expected,
    );
    expect(
      refusal(await retry(ann, { requestState: `${requestState.split('.')[0]}.AAAA` })),
    ).toEqual(expected);
    expect(await writesOf(t.server.db, item('replay'))).toBe(0);
    const accepted = await retry(ann);
    expect(accepted.body.result).toMatchObject({ resultType: 'complete' });
    expect(await writesOf(t.server.db, item('replay'))).toBe(1);
    expect(refusal(await retry(ann))).toEqual(expected);
    expect(await writesOf(t.server.db, item('replay'))).toBe(1);
  });

  it('tells a 2026-07-28 client without elicitation that the tool needs it (400, -32021)', async () => {
    const answer = await modernPost(url, ann, {
      id: 7,
      method: 'tools/call',
      params: { name: 'act_on_item', arguments: { item: item('no-elicitation'), action: 'close' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      id: 7,
      error: {
        code: -32021,
        data: { code: 'MCP_MISSING_CLIENT_CAPABILITY', requiredCapabilities: { elicitation: {} } },
      },
    });
    expect(answer.body.error.message).toMatch(
      /act_on_item changes the desk only after the person confirms/,
    );
    expect(await writesOf(t.server.db, item('no-elicitation'))).toBe(0);
  });

  it('records each round in the audit log', async () => {
    await t.server.audit.flush();
    const rows = await t.server.audit.query({ since: new Date(0), tool: 'act_on_item' });
    const forItem = (name: string) =>
      rows.filter((row) => row.arguments.includes(item(name))).map((row) => row.outcome);
    expect(forItem('confirmed').sort()).toEqual(['input_required', 'ok']);
    expect(forItem('declined').sort()).toEqual(['denied', 'input_required']);
    expect(rows.find((row) => row.arguments.includes(item('no-elicitation')))).toMatchObject({
      outcome: 'denied',
      error_code: 'MCP_MISSING_CLIENT_CAPABILITY',
    });
  });
});
