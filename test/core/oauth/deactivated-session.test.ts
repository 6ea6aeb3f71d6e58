import type { AuthorizationCode } from 'simple-oauth2';
import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { CookieFetch } from './support/cookie-fetch.js';
import { manualOAuth, manualRedirectUri } from './support/manual-client.js';
import { alice, useOAuthServer } from './support/oauth-test-server.js';
import { pkcePair } from './support/pkce.js';
import { signIn } from './support/sign-in.js';

/**
 * Issue 15, item 7: a browser still signed in as an account that was deactivated since got
 * HTTP 500 "server_error: oops!" from /oauth/auth (the consent check read a grant that was never
 * loaded). It must get the sign-in page, saying why.
 */
describe.each(testEngines)(
  'a deactivated account with a live browser session on $engine',
  (engine) => {
    const server = useOAuthServer(engine);

    const authorizeUrl = (): string =>
      manualOAuth(server()).authorizeURL({
        redirect_uri: manualRedirectUri,
        scope: 'tickets:read:own kb:read',
        state: 'xyz',
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
        resource: server().urlOf('user'),
      } as Parameters<AuthorizationCode['authorizeURL']>[0]);

    it('gets the sign-in page with a clear message, and cannot go on as that account', async () => {
      const jar = new CookieFetch();
      const first = await signIn(authorizeUrl(), { ...alice, redirectUri: manualRedirectUri, jar });
      expect(first.redirect.searchParams.get('code')).toBeTruthy();

      await server()
        .server.db.withTables<{ desk_users: { email: string; active: number } }>()
        .updateTable('desk_users')
        .set({ active: 0 })
        .where('email', '=', alice.email)
        .execute();

      const backHome = (url: URL) => url.href.startsWith(manualRedirectUri);
      const { response, url } = await jar.follow(authorizeUrl(), backHome);
      expect(backHome(url)).toBe(false);
      const page = await response.text();
      expect(response.status, page).toBe(200);
      expect(page).toContain('no longer active');
      expect(page).toMatch(/name="password"/);
    });
  },
);
