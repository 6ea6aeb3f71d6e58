import type { Context } from 'koa';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import { exposedHeaders } from './cors.js';

/** Where RFC 9728 puts protected-resource metadata, before the resource's own path. */
export const resourceMetadataPrefix = '/.well-known/oauth-protected-resource';

/**
 * The metadata URL of a protected resource, in RFC 9728's path-inserted form: the well-known
 * prefix goes between the host and the resource's path (`https://desk.example.com/mcp/user` →
 * `https://desk.example.com/.well-known/oauth-protected-resource/mcp/user`).
 *
 * @example
 * resourceMetadataUrl('http://127.0.0.1:3000/mcp/agent');
 * // 'http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp/agent'
 */
export function resourceMetadataUrl(resourceUrl: string): string {
  const url = new URL(resourceUrl);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}${resourceMetadataPrefix}${path}`;
}

/** RFC 9728 protected-resource metadata, as this server publishes it per collection. */
export interface ProtectedResourceMetadata {
  readonly resource: string;
  readonly authorization_servers?: readonly string[];
  readonly scopes_supported: readonly string[];
  readonly bearer_methods_supported: readonly string[];
  readonly resource_name: string;
}

/**
 * One collection's protected-resource metadata: the collection is the resource (its audience),
 * its grant the scopes a token may carry, and the configured authorization servers issue tokens.
 *
 * @example
 * protectedResourceMetadata(registry, ['https://idp.example.com']).resource; // the collection URL
 */
export function protectedResourceMetadata(
  registry: CollectionRegistry,
  authorizationServers: readonly string[],
): ProtectedResourceMetadata {
  return {
    resource: registry.audience,
    // RFC 9728 makes the list optional; with only development tokens there is nothing to name.
    ...(authorizationServers.length > 0 && { authorization_servers: authorizationServers }),
    scopes_supported: registry.collection.grant,
    bearer_methods_supported: ['header'],
    resource_name: registry.collection.title,
  };
}

/**
 * Serves `GET /.well-known/oauth-protected-resource<collection path>` (also under the path of
 * the collection's public URL, when a proxy adds a prefix). Public, cacheable and open to any
 * origin, as browser-based clients fetch it before they hold a token. Returns false when `ctx`
 * is not a metadata request, so the caller goes on; unknown or unprotected collections get 404.
 *
 * @example
 * if (serveResourceMetadata(ctx, { registries, authorizationServers })) return;
 */
export function serveResourceMetadata(
  ctx: Context,
  options: {
    registries: Iterable<CollectionRegistry>;
    authorizationServers: readonly string[];
  },
): boolean {
  if (ctx.path !== resourceMetadataPrefix && !ctx.path.startsWith(`${resourceMetadataPrefix}/`))
    return false;
  ctx.set('access-control-allow-origin', '*');
  ctx.set('access-control-expose-headers', exposedHeaders);
  if (ctx.method === 'OPTIONS') {
    ctx.set('access-control-allow-methods', 'GET, OPTIONS');
    ctx.set('access-control-allow-headers', 'mcp-protocol-version');
    ctx.set('access-control-max-age', '86400');
    ctx.status = 204;
    return true;
  }
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    ctx.set('allow', 'GET, OPTIONS');
    ctx.status = 405;
    return true;
  }
  const path = ctx.path.slice(resourceMetadataPrefix.length).replace(/\/$/, '');
  for (const registry of options.registries) {
    if (registry.collection.auth === 'none') continue;
    if (path === registry.collection.path || path === new URL(registry.url).pathname) {
      ctx.set('cache-control', 'public, max-age=3600');
      ctx.body = protectedResourceMetadata(registry, options.authorizationServers);
      return true;
    }
  }
  ctx.status = 404;
  ctx.body = {
    error: 'not_found',
    message: `no protected resource at ${path || '/'}; metadata lives at ${resourceMetadataPrefix}<collection path>, e.g. ${resourceMetadataPrefix}/mcp/<collection>`,
  };
  return true;
}
