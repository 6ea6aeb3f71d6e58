import { ClientCredentials } from 'simple-oauth2';
import type { ClientCredentialsAuth } from '../options.js';

/** A token source: the current access token, fetched again once it is about to expire. */
export interface TokenSource {
  /** A token valid for at least the refresh margin. */
  token(): Promise<string>;
  /** Forgets the cached token, e.g. after the remote answered 401. */
  invalidate(): void;
}

/** Renew this long before expiry, so a token never expires on its way to the remote. */
const refreshMarginMs = 60_000;
/** When the token endpoint gives no `expires_in`, assume a short life rather than forever. */
const assumedLifetimeS = 300;

interface TokenFailure {
  readonly output?: { readonly statusCode?: number };
  readonly data?: { readonly payload?: unknown };
  readonly message?: string;
}

/** Why the token request failed, without anything secret: the HTTP status and the OAuth error code. */
function describeFailure(error: unknown): string {
  const failure = error as TokenFailure;
  const status = failure.output?.statusCode;
  const payload = failure.data?.payload;
  let code: unknown;
  if (payload && typeof payload === 'object' && !Buffer.isBuffer(payload))
    code = (payload as Record<string, unknown>)['error'];
  if (status !== undefined) return `HTTP ${status}${typeof code === 'string' ? ` (${code})` : ''}`;
  // Network errors (refused, timeout) carry no secret in their message.
  return failure.message ?? 'unknown error';
}

/**
 * OAuth 2 client credentials with `simple-oauth2`: one token for this server at the remote,
 * cached until a minute before it expires, with concurrent callers sharing one request.
 *
 * @example
 * const source = clientCredentialsSource(auth, 'secret-from-env', { remoteId: 'monitoring', timeoutMs: 10_000 });
 * const bearer = await source.token();
 */
export function clientCredentialsSource(
  auth: ClientCredentialsAuth,
  secret: string,
  options: { readonly remoteId: string; readonly timeoutMs: number },
): TokenSource {
  const tokenUrl = new URL(auth.tokenUrl);
  const oauth = new ClientCredentials({
    client: { id: auth.clientId, secret },
    auth: { tokenHost: tokenUrl.origin, tokenPath: tokenUrl.pathname + tokenUrl.search },
  });
  let cached: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    try {
      const answer = await oauth.getToken(
        {
          ...(auth.scope !== undefined && { scope: auth.scope }),
          ...(auth.resource !== undefined && { resource: auth.resource }),
        },
        { timeout: options.timeoutMs },
      );
      const token = answer.token as { access_token?: unknown; expires_in?: unknown };
      if (typeof token.access_token !== 'string' || token.access_token.length === 0)
        throw new Error('the token endpoint answered without an access_token');
      const lifetimeS = typeof token.expires_in === 'number' ? token.expires_in : assumedLifetimeS;
      cached = {
        value: token.access_token,
        renewAt: Date.now() + Math.max(lifetimeS * 1000 - refreshMarginMs, lifetimeS * 500),
      };
      return token.access_token;
    } catch (error) {
      // No cause attached: the HTTP library's error may carry the request, secret included.
      // eslint-disable-next-line preserve-caught-error -- the cause could leak the client secret
      throw new Error(
        `client-credentials token request to ${tokenUrl.origin}${tokenUrl.pathname} failed: ${describeFailure(error)}`,
      );
    }
  };

  return {
    async token() {
      if (cached && Date.now() < cached.renewAt) return cached.value;
      pending ??= fetchToken().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
