import { AuthorizationCode } from 'simple-oauth2';
import type { TestServer } from '../../../../core/index.js';
import { manualClient } from './oauth-test-server.js';
import { pkcePair } from './pkce.js';
import { signIn, type SignInAnswers, type SignInResult } from './sign-in.js';

export const manualRedirectUri = manualClient.redirectUris[0];

/** simple-oauth2 set up as the static "manual" client (Copilot Studio's mode). */
export function manualOAuth(t: TestServer): AuthorizationCode {
  return new AuthorizationCode({
    client: { id: manualClient.clientId, secret: manualClient.clientSecret },
    auth: {
      tokenHost: t.url,
      tokenPath: '/oauth/token',
      authorizePath: '/oauth/auth',
      revokePath: '/oauth/token/revocation',
    },
  });
}

/** Signs in through the pages and returns the code with its PKCE verifier. */
export async function authorizationCode(
  t: TestServer,
  answers: SignInAnswers & { scope?: string; collection?: string },
): Promise<{ code: string; verifier: string; result: SignInResult; resource: string }> {
  const pkce = pkcePair();
  const resource = t.urlOf(answers.collection ?? 'user');
  const url = manualOAuth(t).authorizeURL({
    redirect_uri: manualRedirectUri,
    scope: answers.scope ?? 'tickets:read:own tickets:write:own kb:read',
    state: 'xyz',
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    resource,
  } as Parameters<AuthorizationCode['authorizeURL']>[0]);
  const result = await signIn(url, { ...answers, redirectUri: manualRedirectUri });
  const code = result.redirect.searchParams.get('code');
  if (code === null) throw new Error(`no code: ${result.redirect.href}`);
  return { code, verifier: pkce.verifier, result, resource };
}

/** A raw token request with the manual client's credentials. */
export async function tokenRequest(t: TestServer, form: Record<string, string>): Promise<Response> {
  return fetch(`${t.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${manualClient.clientId}:${manualClient.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams(form),
  });
}

/** Exchanges a code for tokens (raw, so a refusal can be inspected). */
export function exchange(
  t: TestServer,
  grant: { code: string; verifier: string; resource: string; redirectUri?: string },
): Promise<Response> {
  return tokenRequest(t, {
    grant_type: 'authorization_code',
    code: grant.code,
    code_verifier: grant.verifier,
    redirect_uri: grant.redirectUri ?? manualRedirectUri,
    resource: grant.resource,
  });
}

/** POSTs an MCP `tools/list` with a bearer token and returns the raw response. */
export function mcpPost(url: string, token: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });
}
