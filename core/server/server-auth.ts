import { anyOfVerifiers, configuredVerifier } from '../auth/configured-verifier.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { isLoopbackHost } from '../collection/build-registries.js';
import type { ServerConfig } from '../config/define-config.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import { builtInAuth } from '../oauth/built-in-auth.js';
import type { ResolvedSettings } from './settings.js';

/** How the server identifies callers: the built-in authorization server, if any, and one verifier of every way. */
export interface ServerAuth {
  readonly oauth: ReturnType<typeof builtInAuth> | undefined;
  readonly verifier: TokenVerifier | undefined;
}

/**
 * Builds the verifiers of `config.auth` (collection audiences come from `urls`, filled once
 * listening) and refuses with AUTH_DEV_TOKENS_PUBLIC a loopback-only verifier on a public host or
 * behind a public URL.
 *
 * @example
 * const { oauth, verifier } = serverAuth(config, settings, urls);
 */
export function serverAuth(
  config: ServerConfig,
  settings: ResolvedSettings,
  urls: ReadonlyMap<string, string>,
): ServerAuth {
  const oauth = config.auth?.builtIn && builtInAuth(config.auth.builtIn);
  const configured = configuredVerifier(
    config.auth,
    (id) => urls.get(id) ?? `urn:servicedesk:collection:${id}`,
    { collectionAudiences: () => urls.values() },
  );
  const verifier = oauth
    ? anyOfVerifiers([configured, oauth.verifier].filter((v) => v !== undefined))
    : configured;
  if (verifier?.loopbackOnly === true && !isLoopbackHost(settings.host)) {
    throw new ServiceDeskError(
      'AUTH_DEV_TOKENS_PUBLIC',
      `development tokens are refused on ${settings.host}; bind HOST to 127.0.0.1 or configure a real verifier`,
    );
  }
  // Bound to loopback behind a tunnel or proxy, the server is still public: its public URL says so.
  const publicHost =
    settings.publicUrl === undefined ? undefined : new URL(settings.publicUrl).hostname;
  if (verifier?.loopbackOnly === true && publicHost !== undefined && !isLoopbackHost(publicHost)) {
    throw new ServiceDeskError(
      'AUTH_DEV_TOKENS_PUBLIC',
      `development tokens are refused when the public URL is ${settings.publicUrl}; remove auth.devTokens ` +
        'and sign in through OAuth, or leave the public URL unset on a machine of your own',
    );
  }
  return { oauth, verifier };
}
