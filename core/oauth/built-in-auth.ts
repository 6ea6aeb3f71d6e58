import type Koa from 'koa';
import { settleWithin } from '../async/settle-within.js';
import type { AppMount } from '../http/app-mount.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { SharedState } from '../coordination/shared-state.js';
import type { Logger } from '../log/logger.js';
import type { ServiceLocator } from '../plugin/service-ref.js';
import type { RolePolicy } from '../scope/role-policy.js';
import type { Database } from '../storage/database.js';
import { storedTokenVerifier, type VerifierState } from './access-token-verifier.js';
import type { AuthorizationRoutes } from './authorization-routes.js';
import { checkBuiltInAuth, issuerPath } from './built-in-auth-checks.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { serviceUserOf } from './service-user.js';

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

/** A started built-in authorization server: its routes now, the provider behind them soon. */
export interface BuiltInAuthStarted {
  /**
   * Serves `/oauth` and its metadata, the paths it owns (ADR 0042); a request there waits until
   * the provider is built.
   */
  readonly mount: AppMount;
  /** Settles once the provider is built or has failed (logged); never rejects. */
  readonly started: Promise<void>;
  /** The `/readyz` check: not ready while the provider is built, nor after it failed. */
  readonly readiness: () => Promise<{ ok: boolean; detail?: string }>;
}

/** The built-in authorization server as the server wires it: a verifier now, routes once started. */
export interface BuiltInAuth {
  /** Resolves the server's opaque access tokens; knows none until `start`. */
  readonly verifier: TokenVerifier;
  /** The issuer (public URL + `/oauth`) once started. */
  readonly issuer: string | undefined;
  /**
   * Checks the configuration (throwing CONFIG_INVALID at once), makes the verifier answer, and
   * builds oidc-provider in the background, off the path to the first answer (ADR 0041).
   */
  start(context: BuiltInAuthStart): BuiltInAuthStarted;
  close(): void;
}

const documents = ['oauth-authorization-server', 'openid-configuration'];

/** How long a request to `/oauth` waits for the provider still being built before a 503. */
const providerWaitMs = 10_000;

/** True for a path the authorization server answers: below the issuer, or its metadata. */
function isAuthorizationPath(path: string): boolean {
  return (
    path.startsWith(`${issuerPath}/`) ||
    documents.some((document) => path === `/.well-known/${document}${issuerPath}`)
  );
}

/**
 * The built-in OAuth 2.1 authorization server of `auth: { builtIn }` (ADR 0009), mounted at
 * `/oauth` in the server's own Koa app, with RFC 8414 metadata also at the path-inserted
 * `/.well-known/oauth-authorization-server/oauth`.
 *
 * @example
 * const auth = builtInAuth({ clients: [] });
 * app.use(auth.start({ db, services, registries, baseUrl, policy, log, shared }).mount.middleware);
 */
export function builtInAuth(settings: BuiltInAuthSettings): BuiltInAuth {
  let state: VerifierState | undefined;
  let issuer: string | undefined;
  const verifier = storedTokenVerifier(() => state);
  return {
    verifier,
    get issuer() {
      return issuer;
    },
    start(context) {
      const { accounts } = checkBuiltInAuth({ settings, ...context });
      const { db, log } = context;
      // Tokens are rows in the store: they verify from the first request, provider or not.
      state = {
        db,
        accounts,
        serviceUserOf: (clientId) => serviceUserOf({ settings, db }, clientId),
      };
      issuer = context.baseUrl.replace(/\/+$/, '') + issuerPath;
      // oidc-provider, jose and the pages load only here, after the server answers, so a server
      // without `auth.builtIn` never pays for them and one with it answers first (ADR 0033, 0041).
      const routes: Promise<AuthorizationRoutes> = import('./authorization-routes.js').then(
        ({ authorizationRoutes }) => authorizationRoutes(settings, context),
      );
      let status: { ok: boolean; detail: string } = { ok: false, detail: 'starting' };
      const started = routes.then(
        () => {
          status = { ok: true, detail: 'started' };
        },
        (error: unknown) => {
          const message = (error as Error).message;
          status = { ok: false, detail: `failed to start: ${message}` };
          log.error('the built-in authorization server failed to start; /oauth answers 503', {
            error: message,
          });
        },
      );
      const middleware: Koa.Middleware = async (ctx, next) => {
        if (!isAuthorizationPath(ctx.path)) {
          await next();
          return;
        }
        const handle = await settleWithin(
          routes.catch(() => 'failed' as const),
          providerWaitMs,
          () => 'late' as const,
        );
        if (typeof handle === 'string') {
          ctx.status = 503;
          if (handle === 'late') ctx.set('retry-after', '5');
          ctx.body = {
            error: 'temporarily_unavailable',
            error_description:
              handle === 'late'
                ? 'the authorization server is still starting; try again in a few seconds'
                : 'the authorization server failed to start; the server log says why',
          };
          return;
        }
        for (const document of documents) {
          if (ctx.path === `/.well-known/${document}${issuerPath}`)
            ctx.path = `${issuerPath}/.well-known/${document}`;
        }
        await handle(ctx, next);
      };
      return {
        mount: { middleware, owns: isAuthorizationPath },
        started,
        readiness: () => Promise.resolve(status),
      };
    },
    close() {
      state = undefined;
    },
  };
}
