import type { TestServer } from '../../../../core/index.js';
import { pkcePair } from './pkce.js';

/** A public OAuth client registered dynamically (RFC 7591), as Claude or ChatGPT register. */
export interface PublicClient {
  readonly clientId: string;
  readonly clientName: string;
  readonly redirectUri: string;
}

/**
 * Registers a public client (no secret, PKCE only) with one loopback redirect URI.
 *
 * @example
 * const client = await registerPublicClient(t, 'Browser test client', redirect.uri);
 */
export async function registerPublicClient(
  t: TestServer,
  clientName: string,
  redirectUri: string,
): Promise<PublicClient> {
  const response = await fetch(`${t.url}/oauth/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: clientName,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }),
  });
  const body = (await response.json()) as { client_id?: string };
  if (response.status !== 201 || body.client_id === undefined)
    throw new Error(`registration refused: ${String(response.status)} ${JSON.stringify(body)}`);
  return { clientId: body.client_id, clientName, redirectUri };
}

/** One authorization request: the URL to open in the browser and what the exchange needs. */
export interface AuthorizationRequest {
  readonly url: URL;
  readonly state: string;
  readonly verifier: string;
  readonly resource: string;
}

/**
 * Builds the authorization URL for one collection, with PKCE S256 and the collection URL as the
 * RFC 8707 resource.
 *
 * @example
 * const request = authorizationRequest(t, client, { collection: 'user', scope: 'kb:read' });
 */
export function authorizationRequest(
  t: TestServer,
  client: PublicClient,
  ask: { collection: string; scope: string },
): AuthorizationRequest {
  const pkce = pkcePair();
  const state = `state-${pkce.challenge.slice(0, 8)}`;
  const resource = t.urlOf(ask.collection);
  const url = new URL(`${t.url}/oauth/auth`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: ask.scope,
    state,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
    resource,
  }).toString();
  return { url, state, verifier: pkce.verifier, resource };
}

/**
 * Exchanges a code at the token endpoint as a public client and returns the token response.
 *
 * @example
 * const { access_token } = await exchangeCode(t, client, request, code);
 */
export async function exchangeCode(
  t: TestServer,
  client: PublicClient,
  grant: { request: AuthorizationRequest; code: string },
): Promise<{ access_token: string; scope: string; refresh_token?: string }> {
  const response = await fetch(`${t.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: client.clientId,
      code: grant.code,
      code_verifier: grant.request.verifier,
      redirect_uri: client.redirectUri,
      resource: grant.request.resource,
    }),
  });
  const body = (await response.json()) as { access_token: string; scope: string };
  if (response.status !== 200)
    throw new Error(`token refused: ${String(response.status)} ${JSON.stringify(body)}`);
  return body;
}
