import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBatchMessages } from '../../../core/http/json-rpc-batch.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { messagesOf, postRpc } from '../mcp/support/raw-http.js';

const list = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' });
const batchOf = (count: number) => Array.from({ length: count }, (_, i) => list(i + 1));

/**
 * Issue 15, item 11: JSON-RPC batches were accepted under 2025-11-25 (batching was removed in
 * 2025-06-18) and uncapped (1,000 calls in one request).
 */
describe('JSON-RPC batches', () => {
  let f: FixtureServer;
  let url: string;

  beforeAll(async () => {
    f = await startFixtureServer();
    url = f.t.urlOf('desk');
  });
  afterAll(() => f.t.close());

  const post = (body: unknown, version?: string) =>
    postRpc(url, body, {
      token: tokens.alice,
      headers: version === undefined ? {} : { 'mcp-protocol-version': version },
    });

  for (const version of ['2025-11-25', '2025-06-18']) {
    it(`are refused under ${version}, which has none, with a JSON-RPC Invalid Request`, async () => {
      const response = await post(batchOf(2), version);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: number; message: string } };
      expect(body.error.code).toBe(-32600);
      expect(body.error.message).toContain(
        `MCP_BATCH_REFUSED: Invalid Request: JSON-RPC batches are not part of MCP ${version}`,
      );
    });
  }

  it('are refused when the initialize in the batch asks for a revision without them', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'batcher', version: '1' },
      },
    };
    const response = await post([initialize, list(2)]);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('MCP_BATCH_REFUSED');
  });

  it('are answered under 2025-03-26, which has them, one result per request', async () => {
    const response = await post(batchOf(3), '2025-03-26');
    expect(response.status).toBe(200);
    const messages = await messagesOf(response);
    expect(messages.map((m) => m.id).sort()).toEqual([1, 2, 3]);
    expect(messages.every((m) => m.result !== undefined)).toBe(true);
  });

  it(`hold at most ${maxBatchMessages} messages under 2025-03-26 (and without the header, its default)`, async () => {
    expect((await post(batchOf(maxBatchMessages), '2025-03-26')).status).toBe(200);
    for (const version of ['2025-03-26', undefined]) {
      const response = await post(batchOf(1000), version);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(
        `a batch of 1000 messages is over the limit of ${maxBatchMessages}`,
      );
    }
  });

  it('leave single messages alone under every revision', async () => {
    for (const version of ['2025-11-25', '2025-06-18', '2025-03-26', undefined]) {
      const response = await post(list(7), version);
      expect(response.status).toBe(200);
    }
  });
});
