import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { RawConnection } from '../../helpers/raw-connection.js';
import { FixtureProbe, fixturePlugin } from '../mcp/support/fixture-plugin.js';
import { fixtureCollections } from '../mcp/support/fixture-server.js';
import { patience } from '../mcp/support/raw-http.js';

const healthz = { method: 'GET', path: '/healthz' } as const;

describe('connections per remote address', () => {
  let t: TestServer | undefined;

  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('beyond http.maxConnectionsPerAddress are answered 503 and closed, with one warning per address', async () => {
    const lines: Record<string, unknown>[] = [];
    // No tokens: the harness opens no client connections of its own to count against the limit.
    t = await startTestServer({
      plugins: [fixturePlugin(new FixtureProbe())],
      collections: fixtureCollections,
      config: {
        http: { maxConnectionsPerAddress: 3 },
        log: {
          level: 'warn',
          sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
        },
      },
    });
    const url = t.url;
    const admitted = await Promise.all([1, 2, 3].map(() => RawConnection.open(url)));
    for (const connection of admitted) {
      connection.send(healthz);
      expect((await connection.response()).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) {
      const refused = await RawConnection.open(url);
      refused.send(healthz);
      const answer = await refused.response();
      expect(answer).toMatchObject({
        status: 503,
        headers: { connection: 'close', 'retry-after': '1' },
      });
      expect(answer.body).toMatch(/HTTP_TOO_MANY_CONNECTIONS: this address already holds 3/);
      await refused.closed;
    }
    // A refused connection that sends nothing is not kept open either.
    await (
      await RawConnection.open(url)
    ).closed;
    const warnings = lines.filter((line) => line['level'] === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ limit: 3, refusedSinceLastWarning: 1 });
    expect(String(warnings[0]?.['address'])).toMatch(/127\.0\.0\.1$/);

    // Once one of the three closes, the address may connect again.
    admitted[0]?.destroy();
    await vi.waitFor(async () => {
      const again = await RawConnection.open(url);
      again.send(healthz);
      const status = (await again.response().catch(() => undefined))?.status;
      again.destroy();
      expect(status).toBe(200);
    }, patience);
    for (const connection of admitted) connection.destroy();
  });
});
