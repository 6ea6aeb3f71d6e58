import { isLoopbackHost } from './redirect-uris.js';

/** OpenID Connect Registration's `application_type`: a browser-based app, or one on a device. */
export type ApplicationType = 'web' | 'native';

/**
 * The type given to a client that names none: OpenID Connect Registration's default, which
 * oidc-provider applies too. MCP 2026-07-28 asks clients to send the field, but Claude,
 * mcp-remote and the MCP Inspector still omit it; their loopback redirect URIs stay accepted
 * under `web` (the OIDC rule against loopback applies only to the implicit flow, which is off).
 */
export const defaultApplicationType: ApplicationType = 'web';

/**
 * The `application_type` a client's metadata declares, the default when it declares none, or
 * undefined when the value is not one OpenID Connect Registration defines.
 *
 * @example
 * applicationTypeOf(undefined) // 'web'
 * applicationTypeOf('desktop') // undefined
 */
export function applicationTypeOf(value: unknown): ApplicationType | undefined {
  if (value === undefined) return defaultApplicationType;
  return value === 'web' || value === 'native' ? value : undefined;
}

/**
 * Why a client of this type may not use this redirect URI, or undefined when it may. Two rules
 * apply together: MCP's (every redirect URI is https or localhost: its security considerations,
 * "Communication Security") and OpenID Connect Registration's for the type (a native app's http
 * URI is on loopback; RFC 8252 §7.2 and oidc-provider keep its claimed https URIs off loopback,
 * where any local program could listen). Private-use schemes (`com.example.app:/cb`) fall under
 * MCP's rule, so they are refused for native apps too.
 *
 * @example
 * redirectUriRefusal('http://127.0.0.1:4000/callback', 'native') // undefined
 * redirectUriRefusal('cursor://oauth/callback', 'native') // 'redirect URI cursor://… must …'
 */
export function redirectUriRefusal(uri: string, type: ApplicationType): string | undefined {
  const parsed = URL.parse(uri);
  if (parsed === null) return `redirect URI ${uri} is not an absolute URI`;
  if (uri.includes('#')) return `redirect URI ${uri} must not have a fragment`;
  const loopback = isLoopbackHost(parsed.hostname);
  if (parsed.protocol === 'https:') {
    if (type === 'native' && loopback)
      return `redirect URI ${uri}: a native client's https redirect URI must not be on a loopback host (RFC 8252 §7.2); use http://127.0.0.1:<port>/… instead`;
    return undefined;
  }
  if (parsed.protocol === 'http:' && loopback) return undefined;
  return `redirect URI ${uri} must use https, or http on a loopback address (MCP authorization: every redirect URI is localhost or https)`;
}
