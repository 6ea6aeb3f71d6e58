import type Koa from 'koa';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import type { BuiltInAuthStart } from './built-in-auth.js';
import { clientKindOf, createAuthorizationServer, issuerPath } from './authorization-server.js';
import { handleInteraction } from './interaction-routes.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { setPageHeaders } from './page-headers.js';

/** What answers below the issuer once the provider is built; `next` for any other path. */
export type AuthorizationRoutes = (ctx: Koa.Context, next: Koa.Next) => Promise<void>;

/**
 * Builds oidc-provider for the built-in authorization server (its keys loaded, or generated on
 * the very first start) and the routes around it: sign-in and consent pages, registration
 * limits, the default scope of a request without one. Loaded with `import()` after the server
 * answers (ADR 0033, ADR 0041), so oidc-provider and jose are off the path to the first answer.
 *
 * @example
 * const routes = await authorizationRoutes(settings, context);
 */
export async function authorizationRoutes(
  settings: BuiltInAuthSettings,
  context: BuiltInAuthStart,
): Promise<AuthorizationRoutes> {
  const server = await createAuthorizationServer({ settings, ...context });
  const { db, log } = context;
  const deps = {
    provider: server.provider,
    accounts: server.accounts,
    resources: server.resources,
    limiter: new LoginRateLimiter(context.shared, {
      name: 'sign-in',
      max: settings.loginAttempts ?? 5,
      windowMs: settings.loginWindowMs ?? 15 * 60_000,
    }),
    clientKind: (clientId: string) => clientKindOf({ settings, db }, clientId),
    secret: server.keys.cookies[0] as string,
    basePath: issuerPath,
    log,
  };
  const resources = server.resources;
  // Anyone may register a client, so registrations are counted per address and in all
  // (the limiter counts any event, here a registration).
  const perHour = settings.registrationsPerHour ?? 20;
  const hour = { windowMs: 3_600_000 };
  const byAddress = new LoginRateLimiter(context.shared, {
    name: 'registration-address',
    max: perHour,
    ...hour,
  });
  const overall = new LoginRateLimiter(context.shared, {
    name: 'registration-all',
    max: perHour * 50,
    ...hour,
  });
  const registrationRefused = async (ctx: Koa.Context): Promise<boolean> => {
    const address = `address|${ctx.ip}`;
    if ((await overall.blocked('all')) || (await byAddress.blocked(address))) {
      ctx.status = 429;
      ctx.set('retry-after', '3600');
      ctx.body = {
        error: 'invalid_request',
        error_description:
          'too many client registrations from this address; try again later, or ask an administrator to add the client (servicedesk-mcp clients add)',
      };
      return true;
    }
    await byAddress.fail(address);
    await overall.fail('all');
    return false;
  };
  // The provider runs as its own Koa app (its own cookie keys, proxy trust and error pages),
  // seeing paths below the issuer, as when mounted in Express.
  const handle = server.provider.callback();
  return async (ctx, next) => {
    if (!ctx.path.startsWith(`${issuerPath}/`)) {
      await next();
      return;
    }
    if (await handleInteraction(ctx, deps)) return;
    if (
      ctx.method === 'POST' &&
      ctx.path === `${issuerPath}/reg` &&
      (await registrationRefused(ctx))
    )
      return;
    // A request without `scope` asks for everything the collection offers (the consent
    // page still shows it all and lets the user untick writes).
    if (ctx.path === `${issuerPath}/auth` && ctx.method === 'GET' && !ctx.query['scope']) {
      const resource = ctx.query['resource'];
      const registry = typeof resource === 'string' ? resources.byResource(resource) : undefined;
      if (registry) {
        const query = new URLSearchParams(ctx.querystring);
        query.set('scope', resources.grantable(registry).join(' '));
        ctx.querystring = query.toString();
      }
    }
    ctx.respond = false;
    const below = ctx.url.slice(issuerPath.length);
    // oidc-provider builds its URLs from the part of originalUrl before url (Express's mount).
    Object.assign(ctx.req, { originalUrl: issuerPath + below, url: below });
    // oidc-provider's own pages (its error page, form_post) get our pages' headers; they
    // cost nothing on its JSON answers, and it sets its own cache-control over ours.
    setPageHeaders(ctx.res, { formAction: 'any' });
    await handle(ctx.req, ctx.res);
  };
}
