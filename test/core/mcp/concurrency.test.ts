import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, tokens, type FixtureServer } from './support/fixture-server.js';
import { callBody, messagesOf, postRpc, type RpcMessage } from './support/raw-http.js';

describe('many callers on one shared stateless server', () => {
  let f: FixtureServer;

  beforeAll(async () => {
    f = await startFixtureServer();
  });
  afterAll(() => f.t.close());

  async function call(token: string, tag: string): Promise<RpcMessage> {
    const response = await postRpc(f.t.urlOf('desk'), callBody(1, 'echo_caller', { tag }), {
      token,
    });
    expect(response.status).toBe(200);
    const [message] = await messagesOf(response);
    return message as RpcMessage;
  }

  it('gives each of two callers its own answer when both use JSON-RPC id 1 at once', async () => {
    const rounds = 40;
    const calls = Array.from({ length: rounds }, (_, round) => [
      call(tokens.alice, `alice-${round}`),
      call(tokens.bob, `bob-${round}`),
    ]).flat();
    const answers = await Promise.all(calls);
    answers.forEach((answer, index) => {
      const round = Math.floor(index / 2);
      const user = index % 2 === 0 ? 'alice' : 'bob';
      expect(answer.id).toBe(1);
      expect(answer.result?.['structuredContent']).toEqual({
        userId: user,
        tag: `${user}-${round}`,
      });
    });
  });

  it('keeps concurrent requests of one caller with the same id apart too', async () => {
    const tags = Array.from({ length: 20 }, (_, i) => `same-${i}`);
    const answers = await Promise.all(tags.map((tag) => call(tokens.bob, tag)));
    expect(answers.map((a) => (a.result?.['structuredContent'] as { tag: string }).tag)).toEqual(
      tags,
    );
  });

  it('keeps string ids and the client’s exact id value', async () => {
    const response = await postRpc(
      f.t.urlOf('desk'),
      callBody('request-α', 'echo_caller', { tag: 's' }),
      { token: tokens.alice },
    );
    const [message] = await messagesOf(response);
    expect(message?.id).toBe('request-α');
  });
});
