import type { ServerResponse } from 'node:http';

/**
 * The security headers of every page the authorization server sends — ours (sign-in, consent,
 * messages) and oidc-provider's own (its error page, the `form_post` response): no framing, no
 * outside resources, no sniffing, no referrer, not cached.
 *
 * - `formAction`: the origins a page's form may post to besides this server (a client's redirect
 *   URI); `'any'` leaves form-action open, for oidc-provider's `form_post`, which posts to the
 *   client's registered redirect URI and adds its inline script's digest to `script-src`.
 *
 * @example
 * setPageHeaders(ctx.res, { formAction: ['https://copilot.example'] });
 */
export function setPageHeaders(
  res: Pick<ServerResponse, 'setHeader'>,
  options: { readonly formAction: readonly string[] | 'any' },
): void {
  const formAction =
    options.formAction === 'any'
      ? ''
      : `; form-action 'self'${options.formAction.map((o) => ` ${o}`).join('')}`;
  // script-src starts at 'self' (nothing is served as a script) so oidc-provider can add the
  // digest of its one inline script; our pages run none.
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'${formAction}; frame-ancestors 'none'`,
  );
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
}
