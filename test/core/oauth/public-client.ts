import { pkcePair } from './support/pkce.js';
import { signIn, type SignInAnswers } from './support/sign-in.js';

/** The token endpoint's answer, success or refusal. */
export interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly error?: string;
}

/** The loopback redirect URI a desktop assistant (or mcp-remote) would register. */
export const loopbackRedirectUri = 'http://127.0.0.1:7777/callback';

/**
 * Registers a public client the way Claude or ChatGPT do (RFC 7591 at `<issuer>/reg`) and
 * returns its client id.
 */
export async function registerPublicClient(
  issuer: string,
  redirectUri = loopbackRedirectUri,
): Promise<string> {
  const response = await fetch(`${issuer}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Test assistant',
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
    }),
  });
  if (response.status !== 201)
    throw new Error(`registration refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { client_id: string }).client_id;
}

/** A raw form POST to the issuer's token endpoint (or `/token/revocation`) as a public client. */
export function publicTokenRequest(
  issuer: string,
  form: Record<string, string>,
  path = '/token',
): Promise<Response> {
  return fetch(`${issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

/**
 * Authorization code with PKCE S256 for a public client: signs the person in through the login
 * and consent pages (plain fetch) and exchanges the code for tokens for `resource`.
 */
export async function signInAsPublicClient(
  options: SignInAnswers & { issuer: string; clientId: string; resource: string },
): Promise<TokenAnswer> {
  const pkce = pkcePair();
  const url = new URL(`${options.issuer}/auth`);
  for (const [key, value] of Object.entries({
    client_id: options.clientId,
    response_type: 'code',
    redirect_uri: loopbackRedirectUri,
    state: 'state-1',
    resource: options.resource,
    code_challenge: pkce.challenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(key, value);
  const { redirect } = await signIn(url, { ...options, redirectUri: loopbackRedirectUri });
  const code = redirect.searchParams.get('code');
  if (code === null) throw new Error(`no code in ${redirect.href}`);
  const response = await publicTokenRequest(options.issuer, {
    grant_type: 'authorization_code',
    client_id: options.clientId,
    code,
    code_verifier: pkce.verifier,
    redirect_uri: loopbackRedirectUri,
    resource: options.resource,
  });
  const tokens = (await response.json()) as TokenAnswer;
  if (response.status !== 200) throw new Error(`token refused: ${JSON.stringify(tokens)}`);
  return tokens;
}
