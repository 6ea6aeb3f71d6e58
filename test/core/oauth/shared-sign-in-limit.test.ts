import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import { testRedisUrl, uniqueRedisPrefix } from '../../helpers/test-redis.js';
import { actionOf, CookieFetch, csrfOf } from './support/cookie-fetch.js';
import { manualRedirectUri } from './support/manual-client.js';
import { manualClient, sam } from './support/oauth-test-server.js';
import { pkcePair } from './support/pkce.js';

/** An instance of the example desk with the built-in authorization server, on `redis` if given. */
function startInstance(redis?: { url: string; keyPrefix: string }): Promise<TestServer> {
  return startTestServer({
    plugins: exampleDeskPlugins(),
    collections: exampleCollections(),
    config: {
      auth: { builtIn: { clients: [manualClient], loginAttempts: 2 } },
      ...(redis && { redis }),
    },
  });
}

/** Opens the sign-in page of `t` for the manual client and submits `fields`; resolves to the status. */
async function signIn(t: TestServer, fields: { email: string; password: string }) {
  const jar = new CookieFetch();
  const url = new URL(`${t.url}/oauth/auth`);
  for (const [k, v] of Object.entries({
    client_id: manualClient.clientId,
    response_type: 'code',
    redirect_uri: manualRedirectUri,
    scope: 'kb:read',
    resource: t.urlOf('user'),
    code_challenge: pkcePair().challenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(k, v);
  const { response, url: at } = await jar.follow(url, () => false);
  expect(response.status).toBe(200);
  const page = await response.text();
  const submitted = await jar.fetch(actionOf(page, at.href), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: csrfOf(page), ...fields }),
  });
  await submitted.text();
  return submitted.status;
}

describe('failed sign-ins on instances sharing Redis', () => {
  const instances: TestServer[] = [];
  beforeAll(async () => {
    const redis = { url: testRedisUrl, keyPrefix: uniqueRedisPrefix() };
    instances.push(await startInstance(redis), await startInstance(redis));
    instances.push(await startInstance(), await startInstance());
  });
  afterAll(() => Promise.all(instances.map((t) => t.close())));

  it("block on one instance after the other's", async () => {
    const [a, b] = instances as [TestServer, TestServer];
    const wrong = { email: 'harry@helpdesk.example', password: 'x' };
    expect(await signIn(a, wrong)).toBe(401);
    expect(await signIn(a, wrong)).toBe(401);
    expect(await signIn(b, wrong)).toBe(429);
    // Another e-mail is not blocked, and its right password still signs in.
    expect(await signIn(b, { email: sam.email, password: 'x' })).toBe(401);
    expect(await signIn(a, { email: sam.email, password: sam.password })).not.toBe(429);
    // The success cleared sam's failure for both instances: two more are needed to block.
    expect(await signIn(b, { email: sam.email, password: 'x' })).toBe(401);
    expect(await signIn(a, { email: sam.email, password: 'x' })).toBe(401);
    expect(await signIn(b, { email: sam.email, password: 'x' })).toBe(429);
  });

  it('are counted by each instance alone without Redis', async () => {
    const [, , c, d] = instances as [TestServer, TestServer, TestServer, TestServer];
    const wrong = { email: 'harry@helpdesk.example', password: 'x' };
    expect(await signIn(c, wrong)).toBe(401);
    expect(await signIn(c, wrong)).toBe(401);
    expect(await signIn(d, wrong)).toBe(401);
    expect(await signIn(c, wrong)).toBe(429);
  });
});
