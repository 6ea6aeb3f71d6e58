import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { CollectionView, type CollectionRegistry } from '../collection/collection-registry.js';
import type { Logger } from '../log/logger.js';
import { logDigest } from '../log/redact.js';
import type { Account, AccountProvider } from './account-provider.js';
import type { CollectionResources } from './collection-resources.js';
import { setPageHeaders } from './page-headers.js';
import { accountInactiveReason } from './provider-config.js';
import { readForm } from './read-form.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import { consentPage, type ConsentScope } from './pages/consent-page.js';
import { inactiveAccountMessage, loginPage } from './pages/login-page.js';
import { messagePage } from './pages/message-page.js';

/** What the sign-in and consent pages need. */
export interface InteractionDeps {
  readonly provider: Provider;
  readonly accounts: AccountProvider;
  readonly resources: CollectionResources;
  readonly limiter: LoginRateLimiter;
  /** Signs CSRF tokens. */
  readonly secret: string;
  /** The issuer's path, e.g. `/oauth`. */
  readonly basePath: string;
  readonly log: Logger;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const isWrite = (scope: string): boolean => scope.split(':')[1] === 'write';

/** Sends a page that posts no form back to the client. */
function send(ctx: Context, status: number, body: string): void {
  sendPage(ctx, status, { body });
}

/**
 * Sends a page. `formTarget` is the client's redirect URI: browsers check `form-action` on every
 * redirect that follows a form's POST, so the chain back to the client must be allowed too.
 */
function sendPage(
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

function csrfFor(secret: string, uid: string): string {
  return createHmac('sha256', secret).update(`csrf:${uid}`).digest('base64url');
}

function csrfMatches(secret: string, uid: string, presented: string | undefined): boolean {
  const expected = Buffer.from(csrfFor(secret, uid));
  const actual = Buffer.from(presented ?? '');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The one collection the request is for, from its `resource` parameter. */
function collectionOf(details: Details, resources: CollectionResources) {
  const resource = details.params['resource'];
  const list = Array.isArray(resource) ? resource : resource === undefined ? [] : [resource];
  if (list.length !== 1 || typeof list[0] !== 'string') return undefined;
  const registry = resources.byResource(list[0]);
  return registry && { registry, resource: list[0] };
}

function requestedScopes(details: Details): string[] {
  const scope = details.params['scope'];
  return typeof scope === 'string' ? scope.split(' ').filter((s) => s.includes(':')) : [];
}

function roleRefusal(account: Account, registry: CollectionRegistry): string | undefined {
  if (registry.collection.roles.includes(account.role)) return undefined;
  return `${account.email} cannot use ${registry.collection.title}: it is for ${registry.collection.roles.join(', ').replace(/_/g, ' ')} accounts.`;
}

/**
 * Serves `<basePath>/interaction/<uid>` (GET: the sign-in or consent page), `…/login` and
 * `…/confirm` (POST). Returns false for any other path.
 */
export async function handleInteraction(ctx: Context, deps: InteractionDeps): Promise<boolean> {
  const match = new RegExp(`^${deps.basePath}/interaction/([\\w-]+)(/login|/confirm)?$`).exec(
    ctx.path,
  );
  if (!match) return false;
  const uid = match[1] as string;
  const stepName = match[2];
  let details: Details;
  try {
    details = await deps.provider.interactionDetails(ctx.req, ctx.res);
  } catch {
    send(
      ctx,
      400,
      messagePage('This sign-in has expired', 'Go back to your assistant and connect again.'),
    );
    return true;
  }
  if (details.uid !== uid) {
    send(
      ctx,
      400,
      messagePage('This sign-in has expired', 'Go back to your assistant and connect again.'),
    );
    return true;
  }
  const found = collectionOf(details, deps.resources);
  if (!found) {
    send(
      ctx,
      400,
      messagePage(
        'Unknown collection',
        'The request must name exactly one collection URL of this server as its resource.',
      ),
    );
    return true;
  }
  const client = await deps.provider.Client.find(String(details.params['client_id']));
  const clientName = client?.clientName ?? String(details.params['client_id']);
  const c = { uid, details, registry: found.registry, resource: found.resource, clientName };
  const step: Step = { ctx, deps, c };
  if (ctx.method === 'GET' && stepName === undefined) {
    if (details.prompt.name === 'login') {
      const inactive = details.prompt.reasons.includes(accountInactiveReason);
      return showLogin(step, inactive ? { error: inactiveAccountMessage } : {});
    }
    return showConsent(step);
  }
  if (ctx.method !== 'POST' || stepName === undefined) {
    send(ctx, 405, messagePage('Not allowed', 'Use the form.'));
    return true;
  }
  const form = await readForm(ctx.req, 16 * 1024);
  if (!csrfMatches(deps.secret, uid, form.get('csrf') ?? undefined)) {
    send(ctx, 403, messagePage('Form expired', 'Reload the page and try again.'));
    return true;
  }
  if (stepName === '/login') return submitLogin(step, form);
  return submitConsent(step, form);
}

/** One request to an interaction page. */
interface Step {
  readonly ctx: Context;
  readonly deps: InteractionDeps;
  readonly c: Ctx;
}

interface Ctx {
  uid: string;
  details: Details;
  registry: CollectionRegistry;
  resource: string;
  clientName: string;
}

function showLogin(
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
    formTarget: c.details.params['redirect_uri'] as string | undefined,
  });
  return true;
}

async function finish({ ctx, deps }: Step, result: InteractionResults, merge: boolean) {
  ctx.respond = false;
  await deps.provider.interactionFinished(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: merge,
  });
  return true;
}

async function submitLogin(step: Step, form: URLSearchParams) {
  const { ctx, deps, c } = step;
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const key = `${ctx.ip}|${email}`;
  if (deps.limiter.blocked(key)) {
    return showLogin(step, {
      status: 429,
      email,
      error: 'Too many failed sign-ins. Wait a few minutes and try again.',
    });
  }
  const account = email === '' ? undefined : await deps.accounts.verifyPassword(email, password);
  if (!account?.active) {
    deps.limiter.fail(key);
    const at = { collection: c.registry.collection.id, address: ctx.ip };
    deps.log.warn('sign-in failed', { ...at, emailHash: logDigest(email.toLowerCase()) });
    return showLogin(step, { status: 401, email, error: 'The e-mail or password is wrong.' });
  }
  deps.limiter.succeed(key);
  const refusal = roleRefusal(account, c.registry);
  if (refusal !== undefined) return showLogin(step, { status: 403, error: refusal });
  return finish(step, { login: { accountId: account.userId } }, false);
}

async function consentModel({ deps, c }: Step) {
  const accountId = c.details.session?.accountId;
  const account = accountId === undefined ? undefined : await deps.accounts.findByEmail(accountId);
  if (!account?.active) return { refusal: 'Your account is not active.' } as const;
  const refusal = roleRefusal(account, c.registry);
  if (refusal !== undefined) return { refusal } as const;
  const offered = deps.resources.offered(c.registry, requestedScopes(c.details), account.role);
  return { account, offered } as const;
}

async function showConsent(step: Step) {
  const { ctx, deps, c } = step;
  const model = await consentModel(step);
  if ('refusal' in model) return showLogin(step, { status: 403, error: model.refusal });
  const scopes: ConsentScope[] = model.offered.map((scope) => ({
    scope,
    description: c.registry.definedScopes.get(scope) ?? scope,
    optional: isWrite(scope),
  }));
  const tools = new CollectionView(c.registry).tools(new Set(model.offered)).map((tool) => ({
    name: tool.name,
    title: tool.title ?? tool.name,
    scopes: c.registry.tools.get(tool.name)?.definition.scopes ?? [],
  }));
  sendPage(ctx, 200, {
    body: consentPage({
      action: `${deps.basePath}/interaction/${c.uid}/confirm`,
      csrf: csrfFor(deps.secret, c.uid),
      collectionTitle: c.registry.collection.title,
      clientName: c.clientName,
      account: model.account.email,
      scopes,
      tools,
    }),
    formTarget: c.details.params['redirect_uri'] as string | undefined,
  });
  return true;
}

async function submitConsent(step: Step, form: URLSearchParams) {
  const { deps, c } = step;
  if (form.get('decision') !== 'allow') {
    return finish(
      step,
      { error: 'access_denied', error_description: 'the user denied access' },
      false,
    );
  }
  const model = await consentModel(step);
  if ('refusal' in model) return showLogin(step, { status: 403, error: model.refusal });
  const ticked = new Set(form.getAll('scope'));
  const chosen = model.offered.filter((s) => !isWrite(s) || ticked.has(s));
  const { Grant } = deps.provider;
  const grant =
    (c.details.grantId === undefined ? undefined : await Grant.find(c.details.grantId)) ??
    new Grant({ accountId: model.account.userId, clientId: String(c.details.params['client_id']) });
  const details = c.details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
  };
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  if (chosen.length > 0) grant.addResourceScope(c.resource, chosen.join(' '));
  const grantable = new Set(deps.resources.grantable(c.registry));
  // What was asked for but not given is rejected, so the consent prompt does not come back.
  const rejected = requestedScopes(c.details).filter(
    (s) => grantable.has(s) && !chosen.includes(s),
  );
  if (rejected.length > 0) grant.rejectResourceScope(c.resource, rejected.join(' '));
  const grantId = await grant.save();
  return finish(step, { consent: { grantId } }, true);
}
