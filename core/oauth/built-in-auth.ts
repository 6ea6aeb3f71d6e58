import type Koa from 'koa';
import type { AppMount } from '../http/app-mount.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { SharedState } from '../coordination/shared-state.js';
import type { Logger } from '../log/logger.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { RolePolicy } from '../scope/role-policy.js';
import type { Database } from '../storage/database.js';
import { storedTokenVerifier, type VerifierState } from './access-token-verifier.js';
import type { AuthorizationServer } from './authorization-server.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { setPageHeaders } from './page-headers.js';

/** What the built-in authorization server needs from the server once it knows its URL. */
export interface BuiltInAuthStart {
  readonly db: Database;
  readonly services: ServiceLocator;
  readonly registries: readonly CollectionRegistry[];
  readonly baseUrl: string;
  readonly policy: RolePolicy;
  readonly log: Logger;
  /** Where sign-in and registration counters live, so every instance sees the same failures. */
  readonly shared: SharedState;
}

/** The built-in authorization server as the server wires it: a verifier now, routes once started. */
export interface BuiltInAuth {
  /** Resolves the server's opaque access tokens; knows none until `start`. */
  readonly verifier: TokenVerifier;
  /** The issuer (public URL + `/oauth`) once started. */
  readonly issuer: string | undefined;
  /** Builds the authorization server and returns the middleware that serves it, with the paths it owns. */
  start(context: BuiltInAuthStart): Promise<AppMount>;
  close(): void;
}

/**
 * The built-in OAuth 2.1 authorization server of `auth: { builtIn }` (ADR 0009), mounted at
 * `/oauth` in the server's own Koa app, with RFC 8414 metadata also at the path-inserted
 * `/.well-known/oauth-authorization-server/oauth`.
 *
 * @example
 * const auth = builtInAuth({ clients: [] });
 * app.use(await auth.start({ db, services, registries, baseUrl, policy, log, shared }));
 */
export function builtInAuth(settings: BuiltInAuthSettings): BuiltInAuth {
  let state: VerifierState | undefined;
  let server: AuthorizationServer | undefined;
  const verifier = storedTokenVerifier(() => state);
  return {
    verifier,
    get issuer() {
      return server?.issuer;
    },
    async start(context) {
      // oidc-provider, jose and the pages load only here, so a server without `auth.builtIn`
      // (or a command that never starts it) does not pay for them (ADR 0033).
      const { clientKindOf, createAuthorizationServer, issuerPath, serviceUserOf } =
        await import('./authorization-server.js');
      const { handleInteraction } = await import('./interaction-routes.js');
      server = await createAuthorizationServer({ settings, ...context });
      const { db, log } = context;
      state = {
        db,
        accounts: server.accounts,
        serviceUserOf: (clientId) => serviceUserOf({ settings, db }, clientId),
      };
      // Expired rows work for no one (the adapter ignores them); `serve`'s retention schedule
      // deletes them in batches, under one lock per deployment (ADR 0039).
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
      const documents = ['oauth-authorization-server', 'openid-configuration'].map(
        (document) => [`/.well-known/${document}${issuerPath}`, document] as const,
      );
      const owns = (path: string): boolean =>
        path.startsWith(`${issuerPath}/`) || documents.some(([at]) => at === path);
      const middleware: Koa.Middleware = async (ctx, next) => {
        for (const [at, document] of documents) {
          if (ctx.path === at) ctx.path = `${issuerPath}/.well-known/${document}`;
        }
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
          const registry =
            typeof resource === 'string' ? resources.byResource(resource) : undefined;
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
      return { middleware, owns };
    },
    close() {
      state = undefined;
    },
  };
}
