import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { EmptyResultSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { messagesOf, postRpc } from './support/raw-http.js';

const levels = 'debug, info, notice, warning, error, critical, alert, emergency';

/** Each protocol error a caller can meet, with its JSON-RPC code and the text after the SDK's prefix. */
const cases: readonly [
  label: string,
  send: (client: Client) => Promise<unknown>,
  code: number,
  text: string | RegExp,
][] = [
  [
    'an unknown tool',
    (c) => c.callTool({ name: 'nope', arguments: {} }),
    -32602,
    /^Tool nope not found: it is not available on this endpoint with your permissions/,
  ],
  [
    'a forbidden tool',
    (c) => c.callTool({ name: 'update_ticket', arguments: {} }),
    -32602,
    /^Tool update_ticket not found: /,
  ],
  [
    'an unknown method',
    (c) => c.request({ method: 'tickets/frobnicate' }, EmptyResultSchema),
    -32601,
    'Method not found',
  ],
  [
    'tools/call without a name',
    (c) => c.request({ method: 'tools/call', params: { arguments: {} } }, EmptyResultSchema),
    -32602,
    'tools/call needs params.name',
  ],
  [
    'tools/call with arguments that are not an object',
    (c) =>
      c.request(
        { method: 'tools/call', params: { name: 'search_kb', arguments: ['vpn'] } },
        EmptyResultSchema,
      ),
    -32602,
    'tools/call: params.arguments must be an object',
  ],
  [
    'an unknown resource',
    (c) => c.readResource({ uri: 'fixture://nothing' }),
    -32002,
    /^Resource fixture:\/\/nothing not found/,
  ],
  [
    'resources/read without a uri',
    (c) => c.request({ method: 'resources/read', params: {} }, EmptyResultSchema),
    -32602,
    'resources/read needs params.uri',
  ],
  [
    'an unknown prompt',
    (c) => c.getPrompt({ name: 'nope', arguments: {} }),
    -32602,
    /^Prompt nope not found/,
  ],
  [
    'a prompt without its required argument',
    (c) => c.getPrompt({ name: 'triage', arguments: { team: 'network' } }),
    -32602,
    /ticket/,
  ],
  [
    'completion/complete without params',
    (c) => c.request({ method: 'completion/complete' }, EmptyResultSchema),
    -32602,
    'completion/complete needs params.ref and params.argument',
  ],
  [
    'completion/complete with a reference of no known type',
    (c) =>
      c.request(
        {
          method: 'completion/complete',
          params: { ref: { type: 'ref/tool', name: 'x' }, argument: { name: 'a', value: '' } },
        },
        EmptyResultSchema,
      ),
    -32602,
    'completion/complete: params.ref.type must be one of ref/prompt, ref/resource',
  ],
  [
    'completion/complete with a prompt reference but no name',
    (c) =>
      c.request(
        {
          method: 'completion/complete',
          params: { ref: { type: 'ref/prompt' }, argument: { name: 'team', value: '' } },
        },
        EmptyResultSchema,
      ),
    -32602,
    'completion/complete needs params.ref.name',
  ],
  [
    'completion for an unknown template',
    (c) =>
      c.complete({
        ref: { type: 'ref/resource', uri: 'fixture://other/{x}' },
        argument: { name: 'x', value: '' },
      }),
    -32602,
    /^Resource template fixture:\/\/other\/\{x\} not found/,
  ],
  [
    'logging/setLevel with an unknown level',
    (c) => c.setLoggingLevel('verbose' as never),
    -32602,
    `logging/setLevel: params.level must be one of ${levels}`,
  ],
];

function failureOf(pending: Promise<unknown>): Promise<unknown> {
  return pending.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
}

/** The SDK client's error: our code, and "MCP error <code>: " once before the server's text. */
function expectPlainOnce(error: unknown, code: number, text: string | RegExp): void {
  expect(error).toBeInstanceOf(McpError);
  const { code: got, message } = error as McpError;
  expect(got).toBe(code);
  expect(message.startsWith(`MCP error ${code}: `)).toBe(true);
  const plain = message.slice(`MCP error ${code}: `.length);
  expect(plain).not.toMatch(/MCP error/);
  if (typeof text === 'string') expect(plain).toBe(text);
  else expect(plain).toMatch(text);
}

describe('protocol errors reach SDK clients with the "MCP error <code>: " prefix exactly once', () => {
  let f: FixtureServer;
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    f = await startFixtureServer();
    clients['stateless'] = await f.t.connect('desk', tokens.alice);
    clients['stateful'] = await f.t.connect('session', tokens.alice);
  });
  afterAll(() => f.t.close());

  describe.each(['stateless', 'stateful'])('%s', (kind) => {
    it.each(cases.map(([label, send, code, text]) => ({ label, send, code, text })))(
      '$label',
      async ({ send, code, text }) => {
        expectPlainOnce(await failureOf(send(clients[kind]!)), code, text);
      },
    );

    it('resources/subscribe (stateless: needs a session; stateful: an unknown resource)', async () => {
      const failure = await failureOf(
        clients[kind]!.subscribeResource({ uri: 'fixture://nothing' }),
      );
      if (kind === 'stateless')
        expectPlainOnce(failure, -32601, /^resources\/subscribe needs a stateful collection/);
      else expectPlainOnce(failure, -32002, /^Resource fixture:\/\/nothing not found/);
    });
  });

  it('puts the plain text on the wire, with our code in data', async () => {
    const response = await postRpc(
      f.t.urlOf('desk'),
      { jsonrpc: '2.0', id: 3, method: 'logging/setLevel', params: { level: 'verbose' } },
      { token: tokens.alice },
    );
    const [message] = await messagesOf(response);
    expect(message?.error).toEqual({
      code: -32602,
      message: `logging/setLevel: params.level must be one of ${levels}`,
      data: { code: 'MCP_INVALID_PARAMS' },
    });
  });
});
