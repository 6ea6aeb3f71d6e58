import { afterEach, describe, expect, it } from 'vitest';
import { FailedAuthLog } from '../../../core/auth/failed-auth-log.js';
import { createLogger } from '../../../core/log/logger.js';
import { startFixtureServer, tokens, type FixtureServer } from '../mcp/support/fixture-server.js';
import { postRpc } from '../mcp/support/raw-http.js';

const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

/**
 * Issue 15, item 9: 401s (unknown, expired, wrong-audience tokens) reached neither the audit nor
 * the log. They are logged with the reason and the client address, never the token, a line per
 * address and reason per minute at most.
 */
describe('refused authentication in the log', () => {
  let f: FixtureServer | undefined;
  afterEach(async () => {
    await f?.t.close();
    f = undefined;
  });

  async function serverWithLog(trustProxy: boolean) {
    const lines: Record<string, unknown>[] = [];
    f = await startFixtureServer({
      http: { trustProxy },
      log: {
        level: 'warn',
        sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
    const refused = () => lines.filter((line) => line['msg'] === 'authentication refused');
    return { lines, refused, server: f };
  }

  it('logs each reason with the address, without the token', async () => {
    const { lines, refused, server } = await serverWithLog(false);
    const secret = 'not-a-real-token-0123456789abcdef';
    const unknown = await postRpc(server.t.urlOf('desk'), list, { token: secret });
    // pat's token is for the agent collection only.
    const wrongAudience = await postRpc(server.t.urlOf('desk'), list, { token: tokens.pat });
    expect([unknown.status, wrongAudience.status]).toEqual([401, 401]);
    expect(refused().map((line) => line['reason'])).toEqual([
      'AUTH_TOKEN_INVALID',
      'AUTH_WRONG_AUDIENCE',
    ]);
    for (const line of refused()) {
      expect(String(line['address'])).toMatch(/127\.0\.0\.1$/);
      expect(line['path']).toBe('/mcp/desk');
    }
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(JSON.stringify(lines)).not.toContain(tokens.pat);
  });

  it('a flood of 100 bad tokens writes one line', async () => {
    const { refused, server } = await serverWithLog(false);
    for (let i = 0; i < 100; i++)
      await postRpc(server.t.urlOf('desk'), list, { token: `bad-token-${i}` });
    expect(refused()).toHaveLength(1);
  });

  it('takes the address from X-Forwarded-For only with http.trustProxy', async () => {
    for (const trustProxy of [true, false]) {
      const { refused, server } = await serverWithLog(trustProxy);
      await postRpc(server.t.urlOf('desk'), list, {
        token: 'bad-token',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      const address = String(refused()[0]?.['address']);
      if (trustProxy) expect(address).toBe('203.0.113.7');
      else expect(address).toMatch(/127\.0\.0\.1$/);
      await server.t.close();
      f = undefined;
    }
  });

  it('reports the refusals it held back with the next line, a minute later', () => {
    const lines: Record<string, unknown>[] = [];
    let now = 0;
    const log = createLogger({
      level: 'warn',
      sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const failed = new FailedAuthLog(log, () => now);
    const event = { reason: 'AUTH_TOKEN_INVALID', address: '198.51.100.1', path: '/mcp/user' };
    for (let i = 0; i < 5; i++) failed.refused(event);
    now = 61_000;
    failed.refused(event);
    expect(lines.map((line) => line['suppressedSinceLastLine'])).toEqual([undefined, 4]);
  });
});
