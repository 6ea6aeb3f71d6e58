import type { Context } from 'koa';
import { logDigest } from '../log/redact.js';
import type { CollectionResources } from './collection-resources.js';
import { showConsent, submitConsent } from './consent-routes.js';
import {
  csrfMatches,
  showLogin,
  finish,
  sendPage,
  type Details,
  type InteractionDeps,
  type Step,
} from './interaction-step.js';
import { accountInactiveReason } from './provider-config.js';
import { readForm } from './read-form.js';
import { inactiveAccountMessage } from './pages/login-page.js';
import { messagePage } from './pages/message-page.js';
import { roleRefusal } from './role-refusal.js';

export type { InteractionDeps } from './interaction-step.js';

/** Sends a page that posts no form back to the client. */
function send(ctx: Context, status: number, body: string): void {
  sendPage(ctx, status, { body });
}

/** The one collection the request is for, from its `resource` parameter. */
function collectionOf(details: Details, resources: CollectionResources) {
  const resource = details.params['resource'];
  const list = Array.isArray(resource) ? resource : resource === undefined ? [] : [resource];
  if (list.length !== 1 || typeof list[0] !== 'string') return undefined;
  const registry = resources.byResource(list[0]);
  return registry && { registry, resource: list[0] };
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
  const clientId = String(details.params['client_id']);
  const client = await deps.provider.Client.find(clientId);
  const clientName = client?.clientName ?? clientId;
  const asked = details.params['redirect_uri'];
  const redirectUri = typeof asked === 'string' ? asked : client?.redirectUris?.[0];
  const c = { uid, details, ...found, clientId, clientName, redirectUri };
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

async function submitLogin(step: Step, form: URLSearchParams) {
  const { ctx, deps, c } = step;
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const key = `${ctx.ip}|${email}`;
  if (await deps.limiter.blocked(key)) {
    return showLogin(step, {
      status: 429,
      email,
      error: 'Too many failed sign-ins. Wait a few minutes and try again.',
    });
  }
  const account = email === '' ? undefined : await deps.accounts.verifyPassword(email, password);
  if (!account?.active) {
    await deps.limiter.fail(key);
    const at = { collection: c.registry.collection.id, address: ctx.ip };
    deps.log.warn('sign-in failed', { ...at, emailHash: logDigest(email.toLowerCase()) });
    return showLogin(step, { status: 401, email, error: 'The e-mail or password is wrong.' });
  }
  await deps.limiter.succeed(key);
  const refusal = roleRefusal(c.registry.collection, account);
  if (refusal !== undefined) return showLogin(step, { status: 403, error: refusal });
  return finish(step, { login: { accountId: account.userId } }, false);
}
