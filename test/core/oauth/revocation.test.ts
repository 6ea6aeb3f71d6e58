import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { mcpPost } from './support/manual-client.js';
import { manualClient, serviceClient, useOAuthServer } from './support/oauth-test-server.js';

const basic = (client: { clientId: string; clientSecret: string }): string =>
  `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;

/**
 * Issue 15, item 8: a confidential client learnt whether another client's token was valid from
 * the revocation endpoint (400 for a valid one, 200 for garbage). RFC 7009: 200 either way, and
 * nothing revoked.
 */
describe.each(testEngines)('token revocation on $engine', (engine) => {
  const server = useOAuthServer(engine);

  async function robotToken(): Promise<string> {
    const response = await fetch(`${server().url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basic(serviceClient),
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'tickets:read:all',
        resource: server().urlOf('agent'),
      }),
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  const revoke = (as: { clientId: string; clientSecret: string }, token: string) =>
    fetch(`${server().url}/oauth/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(as) },
      body: new URLSearchParams({ token }),
    });

  it("answers another client's valid token exactly as garbage, and revokes nothing", async () => {
    const token = await robotToken();
    const other = await revoke(manualClient, token);
    const garbage = await revoke(manualClient, 'no-such-token-0123456789');
    expect(other.status).toBe(200);
    expect(garbage.status).toBe(200);
    expect(await other.text()).toBe(await garbage.text());
    expect((await mcpPost(server().urlOf('agent'), token)).status).toBe(200);
  });

  it('revokes a client’s own token', async () => {
    const token = await robotToken();
    expect((await revoke(serviceClient, token)).status).toBe(200);
    expect((await mcpPost(server().urlOf('agent'), token)).status).toBe(401);
  });
});
