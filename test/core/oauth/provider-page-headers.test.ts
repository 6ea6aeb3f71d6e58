import { describe, expect, it } from 'vitest';
import { testEngines } from '../../helpers/test-databases.js';
import { manualRedirectUri } from './support/manual-client.js';
import { manualClient, useOAuthServer } from './support/oauth-test-server.js';

/** The headers our own sign-in and consent pages send. */
function expectPageHeaders(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

/**
 * Issue 15, item 11: oidc-provider's own pages (its error page, the form_post response) were sent
 * without CSP or X-Frame-Options, unlike ours.
 */
describe.each(testEngines.slice(0, 1))("oidc-provider's own pages on $engine", (engine) => {
  const server = useOAuthServer(engine);

  it('its error page (an unknown client) carries our page headers', async () => {
    const response = await fetch(`${server().url}/oauth/auth?client_id=nobody&response_type=code`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expectPageHeaders(response);
  });

  it('a form_post answer carries them too, with its inline script allowed by digest only', async () => {
    // No code_challenge: PKCE is required, so the error goes back to the client by form_post.
    const query = new URLSearchParams({
      client_id: manualClient.clientId,
      response_type: 'code',
      response_mode: 'form_post',
      redirect_uri: manualRedirectUri,
      scope: 'kb:read',
      state: 'xyz',
      resource: server().urlOf('user'),
    });
    const response = await fetch(`${server().url}/oauth/auth?${query.toString()}`);
    const page = await response.text();
    expect(page).toContain(`action="${manualRedirectUri}"`);
    expectPageHeaders(response);
    expect(response.headers.get('content-security-policy')).toMatch(
      /script-src 'self' 'sha256-[^']+'/,
    );
  });
});
