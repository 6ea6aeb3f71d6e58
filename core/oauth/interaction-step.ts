import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { CollectionRegistry } from '../collection/collection-registry.js';
import type { Logger } from '../log/logger.js';
import type { AccountProvider } from './account-provider.js';
import type { CollectionResources } from './collection-resources.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import { setPageHeaders } from './page-headers.js';
import { loginPage } from './pages/login-page.js';
import type { ClientKind } from './stored-clients.js';

/** What the sign-in and consent pages need. */
export interface InteractionDeps {
  readonly provider: Provider;
  readonly accounts: AccountProvider;
  readonly resources: CollectionResources;
  readonly limiter: LoginRateLimiter;
  /** How a client came to exist (configured or self-registered), for the consent page. */
  readonly clientKind: (clientId: string) => Promise<ClientKind | undefined>;
  /** Signs CSRF tokens. */
  readonly secret: string;
  /** The issuer's path, e.g. `/oauth`. */
  readonly basePath: string;
  readonly log: Logger;
}

/** The pending authorization request of an interaction. */
export type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** One interaction: its request, the collection it is for and the client asking. */
export interface Interaction {
  readonly uid: string;
  readonly details: Details;
  readonly registry: CollectionRegistry;
  readonly resource: string;
  readonly clientId: string;
  readonly clientName: string;
  /**
   * Where the code goes: the request's redirect URI (checked by oidc-provider against the
   * registration), or the client's only one when the request names none.
   */
  readonly redirectUri: string | undefined;
}

/** One request to an interaction page. */
export interface Step {
  readonly ctx: Context;
  readonly deps: InteractionDeps;
  readonly c: Interaction;
}

/**
 * Sends a page. `formTarget` is the client's redirect URI: browsers check `form-action` on every
 * redirect that follows a form's POST, so the chain back to the client must be allowed too.
 */
export function sendPage(
  ctx: Context,
  status: number,
  { body, formTarget }: { readonly body: string; readonly formTarget?: string | undefined },
): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  const back = originOf(formTarget);
  setPageHeaders(ctx.res, { formAction: back === undefined ? [] : [back] });
  ctx.body = body;
}

/** The origin of an http(s) URL (already checked against the client's registration), else undefined. */
function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
}

/** The CSRF token of an interaction's forms. */
export function csrfFor(secret: string, uid: string): string {
  return createHmac('sha256', secret).update(`csrf:${uid}`).digest('base64url');
}

export function csrfMatches(secret: string, uid: string, presented: string | undefined): boolean {
  const expected = Buffer.from(csrfFor(secret, uid));
  const actual = Buffer.from(presented ?? '');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The scopes the request asks for (OpenID ones left out). */
export function requestedScopes(details: Details): string[] {
  const scope = details.params['scope'];
  return typeof scope === 'string' ? scope.split(' ').filter((s) => s.includes(':')) : [];
}

/** Sends the sign-in page, with an error when given. */
export function showLogin(
  { ctx, deps, c }: Step,
  extra: { status?: number; email?: string; error?: string },
): true {
  sendPage(ctx, extra.status ?? 200, {
    body: loginPage({
      action: `${deps.basePath}/interaction/${c.uid}/login`,
      csrf: csrfFor(deps.secret, c.uid),
      collectionTitle: c.registry.collection.title,
      clientName: c.clientName,
      ...(extra.email !== undefined && { email: extra.email }),
      ...(extra.error !== undefined && { error: extra.error }),
    }),
    formTarget: c.redirectUri,
  });
  return true;
}

/** Ends the interaction; oidc-provider answers with the redirect. */
export async function finish(
  { ctx, deps }: Step,
  result: InteractionResults,
  merge: boolean,
): Promise<true> {
  ctx.respond = false;
  await deps.provider.interactionFinished(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: merge,
  });
  return true;
}
