import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import {
  base64Name,
  metaKeys,
  modernRequest,
  modernVersion,
  postModern,
  type ModernRequestSpec,
} from '../../helpers/modern-request.js';
import { messagesOf, postRpc, type RpcMessage } from '../mcp/support/raw-http.js';
import { allowedOrigin, startEraServer, statusUri } from './support/era-server.js';

/** The one JSON-RPC message of a reply, with the HTTP status. */
async function answerOf(response: Response): Promise<{ status: number; message: RpcMessage }> {
  const messages = await messagesOf(response);
  expect(messages).toHaveLength(1);
  return { status: response.status, message: messages[0] as RpcMessage };
}

/** Expects the refusal `expected` of ADR 0026's ladder, answering the request's own id. */
async function expectRefusal(
  response: Response,
  expected: { status: number; code: number; dataCode: string; id: string | number | null },
): Promise<RpcMessage> {
  const { status, message } = await answerOf(response);
  expect({ status, id: message.id, code: message.error?.code }).toEqual({
    status: expected.status,
    id: expected.id,
    code: expected.code,
  });
  expect(message.error?.data).toMatchObject({ code: expected.dataCode });
  expect(message).not.toHaveProperty('result');
  return message;
}

const mismatch = { status: 400, code: -32020, dataCode: 'MCP_HEADER_MISMATCH' } as const;
const badMeta = { status: 400, code: -32602, dataCode: 'MCP_META_INVALID' } as const;
const echo = { name: 'echo', arguments: { text: 'hi' } };
const echoClient = { name: 'era-test', version: '1.0.0' };

describe('the era ladder refuses malformed 2026-07-28 requests (ADR 0026)', () => {
  let t: TestServer;
  let url: string;
  beforeAll(async () => {
    t = await startEraServer();
    url = t.urlOf('stateless');
  });
  afterAll(() => t.close());

  it('refuses an unsupported envelope version with -32022, the versions supported and the one asked', async () => {
    const response = await postModern(url, {
      id: 'v-1',
      method: 'tools/list',
      meta: { [metaKeys.protocolVersion]: '2099-01-01' },
      headers: { 'mcp-protocol-version': '2099-01-01' },
    });
    const message = await expectRefusal(response, {
      status: 400,
      code: -32022,
      dataCode: 'MCP_UNSUPPORTED_VERSION',
      id: 'v-1',
    });
    const data = message.error?.data as { supported: string[]; requested: string };
    // What server/discover lists: 2025-11-25 is reached through initialize, not an envelope.
    expect(data.supported).toEqual([modernVersion]);
    expect(data.requested).toBe('2099-01-01');
  });

  it('refuses a version header that differs from the envelope with -32020', async () => {
    const response = await postModern(url, {
      id: 2,
      method: 'tools/list',
      headers: { 'mcp-protocol-version': '2025-11-25' },
    });
    await expectRefusal(response, { ...mismatch, id: 2 });
  });

  it('refuses a request without the version header with -32020', async () => {
    const response = await postModern(url, {
      id: 3,
      method: 'tools/list',
      headers: { 'mcp-protocol-version': null },
    });
    await expectRefusal(response, { ...mismatch, id: 3 });
  });

  it.each([
    ['missing', null],
    ['different from the body', 'prompts/list'],
  ])('refuses an Mcp-Method header %s with -32020', async (_label, method) => {
    const response = await postModern(url, {
      id: 4,
      method: 'tools/list',
      headers: { 'mcp-method': method },
    });
    await expectRefusal(response, { ...mismatch, id: 4 });
  });

  it.each([
    ['tools/call', echo, 'other_tool'],
    ['resources/read', { uri: statusUri }, 'era://other'],
    ['prompts/get', { name: 'greet', arguments: { who: 'Ann' } }, 'other_prompt'],
  ])(
    'refuses %s without Mcp-Name or with a wrong one with -32020',
    async (method, params, wrong) => {
      for (const name of [null, wrong]) {
        const response = await postModern(url, {
          id: `${method}-${String(name)}`,
          method,
          params,
          headers: { 'mcp-name': name },
        });
        await expectRefusal(response, { ...mismatch, id: `${method}-${String(name)}` });
      }
    },
  );

  it.each([
    ['tools/call', echo, 'echo'],
    ['resources/read', { uri: statusUri }, statusUri],
  ])('serves %s whose Mcp-Name matches in the base64 form', async (method, params, name) => {
    const response = await postModern(url, {
      id: 6,
      method,
      params,
      headers: { 'mcp-name': base64Name(name) },
    });
    const { status, message } = await answerOf(response);
    expect(status).toBe(200);
    expect(message.id).toBe(6);
    expect(message.error).toBeUndefined();
    expect(message.result?.['resultType']).toBe('complete');
  });

  it.each([
    ['not base64', '=?base64?ZWNo!G8=?='],
    ['not UTF-8', '=?base64?/w==?='],
    ['without its end', '=?base64?ZWNobw=='],
  ])('refuses an Mcp-Name base64 sentinel that is %s with -32020', async (_label, name) => {
    const response = await postModern(url, {
      id: 7,
      method: 'tools/call',
      params: echo,
      headers: { 'mcp-name': name },
    });
    await expectRefusal(response, { ...mismatch, id: 7 });
  });

  it.each<[string, Pick<ModernRequestSpec, 'meta'>]>([
    ['no _meta envelope', { meta: null }],
    ['no clientCapabilities', { meta: { [metaKeys.clientCapabilities]: undefined } }],
    ['clientInfo without a version', { meta: { [metaKeys.clientInfo]: { name: 'x' } } }],
    ['a logLevel that is no level', { meta: { [metaKeys.logLevel]: 'verbose' } }],
  ])('refuses a modern request with %s with -32602', async (_label, spec) => {
    const response = await postModern(url, { id: 'meta', method: 'tools/list', ...spec });
    const message = await expectRefusal(response, { ...badMeta, id: 'meta' });
    expect(message.error?.message).toContain('io.modelcontextprotocol/');
  });

  it('names only the missing key when an envelope lacks just protocolVersion', async () => {
    const response = await postModern(url, {
      id: 'no-version',
      method: 'tools/list',
      meta: { [metaKeys.protocolVersion]: undefined },
    });
    const message = await expectRefusal(response, { ...badMeta, id: 'no-version' });
    expect(message.error?.message).toContain(metaKeys.protocolVersion);
    // clientCapabilities was sent: a refusal calling it missing sends the client the wrong way.
    expect(message.error?.message).not.toContain(metaKeys.clientCapabilities);
  });

  it('refuses initialize sent with a modern version header and no envelope with -32020', async () => {
    const response = await postRpc(
      url,
      {
        jsonrpc: '2.0',
        id: 9,
        method: 'initialize',
        params: { protocolVersion: modernVersion, capabilities: {}, clientInfo: echoClient },
      },
      { headers: { 'mcp-protocol-version': modernVersion } },
    );
    await expectRefusal(response, { ...mismatch, id: 9 });
  });

  it.each<[string, Record<string, unknown>]>([
    ['initialize', { protocolVersion: modernVersion, capabilities: {}, clientInfo: echoClient }],
    ['ping', {}],
    ['logging/setLevel', { level: 'info' }],
    ['resources/subscribe', { uri: statusUri }],
  ])('answers the removed method %s with 404 and -32601', async (method, params) => {
    for (const collection of ['stateless', 'stateful']) {
      const response = await postModern(t.urlOf(collection), { id: method, method, params });
      await expectRefusal(response, {
        status: 404,
        code: -32601,
        dataCode: 'MCP_METHOD_NOT_FOUND',
        id: method,
      });
    }
  });

  it('accepts a modern notification with 202 and no body', async () => {
    const response = await postModern(url, {
      id: null,
      method: 'notifications/cancelled',
      params: { requestId: 1, reason: 'test' },
    });
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
  });

  it('refuses a batch holding a modern element with 400 and -32600 (ladder rule 1)', async () => {
    // Without a version header the revision is 2025-03-26, which still has batches.
    const modern = modernRequest({ id: 11, method: 'tools/list' });
    const response = await postRpc(url, [{ jsonrpc: '2.0', id: 10, method: 'ping' }, modern.body]);
    await expectRefusal(response, {
      status: 400,
      code: -32600,
      dataCode: 'HTTP_BAD_REQUEST',
      id: null,
    });
  });

  it.each(['2025-11-25', modernVersion])(
    'refuses a batch holding a modern element sent with header %s with 400 and -32600',
    async (version) => {
      const modern = modernRequest({ id: 12, method: 'tools/list' });
      const response = await postRpc(url, [modern.body], {
        headers: { 'mcp-protocol-version': version },
      });
      const { status, message } = await answerOf(response);
      expect({ status, id: message.id, code: message.error?.code }).toEqual({
        status: 400,
        id: null,
        code: -32600,
      });
    },
  );

  it('answers GET with a modern version header on a stateless collection with 405', async () => {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', 'mcp-protocol-version': modernVersion },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    await response.body?.cancel();
  });

  it('lets a browser send Mcp-Method and Mcp-Name (CORS preflight)', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: allowedOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'content-type, mcp-protocol-version, mcp-method, mcp-name',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    const allowed = (response.headers.get('access-control-allow-headers') ?? '')
      .toLowerCase()
      .split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['mcp-method', 'mcp-name']));
  });
});
