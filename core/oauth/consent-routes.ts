import { consentedScopes, consentPermissions } from './consent-permissions.js';
import {
  csrfFor,
  finish,
  requestedScopes,
  sendPage,
  showLogin,
  type Step,
} from './interaction-step.js';
import { lookAlikeOf } from './known-assistants.js';
import { consentPage, type ConsentClient } from './pages/consent-page.js';
import { isLoopbackHost } from './redirect-uris.js';
import { roleRefusal } from './role-refusal.js';

/** The signed-in account and what the page offers it, or why it may not consent. */
async function consentModel(step: Step) {
  const { deps, c } = step;
  const accountId = c.details.session?.accountId;
  const account = accountId === undefined ? undefined : await deps.accounts.findByEmail(accountId);
  if (!account?.active) return { refusal: 'Your account is not active.' } as const;
  const refusal = roleRefusal(c.registry.collection, account);
  if (refusal !== undefined) return { refusal } as const;
  const offered = deps.resources.offered(c.registry, requestedScopes(c.details), account.role);
  const areas = consentPermissions({
    offered,
    describe: (scope) => c.registry.definedScopes.get(scope) ?? scope,
    tools: [...c.registry.tools.values()].map(({ definition: d }) => ({
      name: d.name,
      title: d.title,
      scopes: d.scopes,
      readOnly: d.annotations?.readOnlyHint === true,
    })),
  });
  return { account, areas } as const;
}

/** Who asks and where the code goes, as the page shows it. */
async function consentClient({ deps, c }: Step): Promise<ConsentClient> {
  const redirect = URL.parse(c.redirectUri ?? '');
  const host = redirect?.hostname ?? '';
  const kind = await deps.clientKind(c.clientId);
  // Only what an administrator set up counts as such; a client gone since is not vouched for.
  const selfRegistered = kind !== 'static' && kind !== 'cli';
  // A metadata document vouches for the client from its own host, whatever the redirect.
  const verifiedDomain = kind === 'metadata-document' ? new URL(c.clientId).host : undefined;
  return {
    name: c.clientName,
    redirectHost: redirect?.host ?? '',
    loopback: isLoopbackHost(host),
    selfRegistered,
    verifiedDomain,
    imitates: selfRegistered
      ? lookAlikeOf(
          c.clientName,
          verifiedDomain === undefined ? host : new URL(c.clientId).hostname,
        )
      : undefined,
  };
}

/** GET: the consent page. */
export async function showConsent(step: Step): Promise<true> {
  const { ctx, deps, c } = step;
  const model = await consentModel(step);
  if ('refusal' in model) return showLogin(step, { status: 403, error: model.refusal });
  sendPage(ctx, 200, {
    body: consentPage({
      action: `${deps.basePath}/interaction/${c.uid}/confirm`,
      csrf: csrfFor(deps.secret, c.uid),
      collectionTitle: c.registry.collection.title,
      account: model.account.email,
      client: await consentClient(step),
      areas: model.areas,
    }),
    formTarget: c.redirectUri,
  });
  return true;
}

/**
 * POST: the person's answer. The scopes granted are recomputed from the same model as the page:
 * a line that cannot be unticked is granted whatever the form says, and a scope the page did not
 * offer is ignored.
 */
export async function submitConsent(step: Step, form: URLSearchParams): Promise<true> {
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
  const chosen = consentedScopes(model.areas, new Set(form.getAll('scope')));
  const { Grant } = deps.provider;
  const grant =
    (c.details.grantId === undefined ? undefined : await Grant.find(c.details.grantId)) ??
    new Grant({ accountId: model.account.userId, clientId: c.clientId });
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
