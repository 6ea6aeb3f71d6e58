import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiEnvironment } from '../../../plugins/ai-abilities/index.js';
import { untrustedText } from '../../../core/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startAiFixture, type AiFixture } from './ai-abilities-fixture.js';
import { startFakeChatServer, type FakeChatServer } from './fake-chat-server.js';

// Each test file runs in its own worker, so these variables reach no other file.
describe.each(testEngines)('ai-abilities configured from the environment on $engine', (engine) => {
  let chat: FakeChatServer;
  let f: AiFixture;

  beforeAll(async () => {
    chat = await startFakeChatServer();
    // The base URL without /v1: the plugin adds /v1/chat/completions to a URL with no path.
    process.env[aiEnvironment.url] = new URL(chat.baseUrl).origin;
    process.env[aiEnvironment.model] = 'env-model';
    process.env[aiEnvironment.apiKey] = 'sk-from-env';
    f = await startAiFixture(engine, {});
  });
  afterAll(async () => {
    await f.close();
    await chat.close();
    for (const name of Object.values(aiEnvironment)) delete process.env[name];
  });

  it('uses SDM_AI_URL, SDM_AI_MODEL and SDM_AI_API_KEY with no provider option', async () => {
    chat.script({ kind: 'answer', content: 'from the env provider', model: 'env-model' });
    const { out } = await call(f.t.clients['agent']!, 'run_ai_summarise', {
      ticketId: f.tickets.joVpn,
    });
    expect(out).toMatchObject({
      text: untrustedText(`AI answer on ticket ${f.tickets.joVpn}`, 'from the env provider'),
      via: 'provider',
      model: 'env-model',
    });
    expect(chat.requests).toHaveLength(1);
    expect(chat.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      authorization: 'Bearer sk-from-env',
      body: { model: 'env-model' },
    });
  });
});
