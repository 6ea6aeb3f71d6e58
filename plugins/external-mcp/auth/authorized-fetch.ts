import { ServiceDeskError } from '../../../core/index.js';
import type { RemoteAuth } from '../options.js';
import { clientCredentialsSource, type TokenSource } from './client-credentials.js';

/** The `fetch` the remote's transport uses: this server's own credentials, never the caller's. */
export type AuthorizedFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

function secretFrom(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  where: string,
): string {
  const value = env[name];
  if (value === undefined || value.length === 0) {
    // Named, never shown: the variable's value is a secret.
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `plugin "external-mcp": ${where} reads environment variable ${name}, which is not set`,
    );
  }
  return value;
}

function staticSource(token: string): TokenSource {
  return { token: () => Promise.resolve(token), invalidate: () => undefined };
}

/**
 * Builds the token source a remote's auth asks for, reading its secret from `env` now, so a
 * missing variable stops startup (CONFIG_INVALID naming the variable, never its value).
 *
 * @example
 * const source = tokenSourceFor({ type: 'bearer', tokenEnv: 'MONITORING_TOKEN' }, process.env, { remoteId: 'monitoring', timeoutMs: 10_000 });
 */
export function tokenSourceFor(
  auth: RemoteAuth,
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly remoteId: string; readonly timeoutMs: number },
): TokenSource | undefined {
  const where = `remote "${options.remoteId}".auth`;
  switch (auth.type) {
    case 'none':
      return undefined;
    case 'bearer':
      return staticSource(secretFrom(env, auth.tokenEnv, where));
    case 'client-credentials':
      return clientCredentialsSource(auth, secretFrom(env, auth.clientSecretEnv, where), options);
  }
}

/**
 * A `fetch` that sets `Authorization: Bearer <token>` from `source` on every request and, when
 * the remote answers 401, fetches a fresh token and tries once more (a token revoked or rotated
 * before its expiry).
 *
 * @example
 * new StreamableHTTPClientTransport(url, { fetch: authorizedFetch(source) })
 */
export function authorizedFetch(source: TokenSource): AuthorizedFetch {
  const send = async (url: string | URL, init: RequestInit | undefined): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${await source.token()}`);
    return fetch(url, { ...init, headers });
  };
  return async (url, init) => {
    const response = await send(url, init);
    if (response.status !== 401) return response;
    source.invalidate();
    await response.body?.cancel();
    return send(url, init);
  };
}
