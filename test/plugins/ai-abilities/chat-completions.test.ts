import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  requestChatCompletion,
  type ChatRequest,
} from '../../../plugins/ai-abilities/chat-completions.js';
import { resolveProviderSettings } from '../../../plugins/ai-abilities/provider-settings.js';
import { startFakeChatServer, type FakeChatServer } from './fake-chat-server.js';

const request: ChatRequest = {
  system: 'system',
  user: 'user',
  maxTokens: 10,
  temperature: 0,
  json: false,
};

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('the chat-completions client', () => {
  let chat: FakeChatServer;
  beforeAll(async () => {
    chat = await startFakeChatServer();
  });
  afterAll(() => chat.close());
  afterEach(() => chat.reset());

  const settings = (extra: { timeoutMs?: number; retries?: number } = {}) =>
    resolveProviderSettings({ url: chat.baseUrl, model: 'm', ...extra }, {})!;
  const run = (extra?: { timeoutMs?: number; retries?: number }) =>
    requestChatCompletion(settings(extra), request, { signal: new AbortController().signal });

  it('does not retry a 400, and names the endpoint and the model', async () => {
    chat.script({ kind: 'status', status: 400 });
    await expect(run()).rejects.toThrow(
      `the AI provider at ${new URL(chat.baseUrl).host} rejected the request (HTTP 400); check provider.url (the endpoint is ${new URL(chat.baseUrl).host}/v1/chat/completions) and the model name "m"`,
    );
    expect(chat.requests).toHaveLength(1);
  });

  it('gives up at once when Retry-After asks for longer than the time left', async () => {
    chat.script({ kind: 'status', status: 429, headers: { 'retry-after': '60' } });
    const started = Date.now();
    await expect(run({ timeoutMs: 5000 })).rejects.toThrow(
      'is rate-limiting requests (HTTP 429); try again later',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(chat.requests).toHaveLength(1);
  });

  it('retries a refused connection and then says it could not reach the provider', async () => {
    const port = await closedPort();
    const unreachable = resolveProviderSettings(
      { url: `http://127.0.0.1:${port}/v1`, model: 'm', retries: 1 },
      {},
    )!;
    const retries: unknown[] = [];
    await expect(
      requestChatCompletion(unreachable, request, {
        signal: new AbortController().signal,
        log: (_, data) => retries.push(data),
      }),
    ).rejects.toThrow(
      `could not reach the AI provider at 127.0.0.1:${port} (ECONNREFUSED); check provider.url and that the provider is up`,
    );
    expect(retries).toEqual([{ host: `127.0.0.1:${port}`, attempt: 1, wait: 250 }]);
  });

  it('accepts content given as an array of text parts, and keeps the provider’s model name', async () => {
    chat.script({
      kind: 'raw',
      body: JSON.stringify({
        model: 'served-model',
        choices: [
          {
            message: {
              content: [
                { type: 'text', text: 'a' },
                { type: 'text', text: 'b' },
              ],
            },
          },
        ],
      }),
    });
    await expect(run()).resolves.toEqual({ text: 'ab', model: 'served-model' });
  });
});
