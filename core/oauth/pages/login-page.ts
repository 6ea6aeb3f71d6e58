import { html, layout } from './html.js';

/**
 * The sign-in form of one authorization request.
 *
 * @example
 * loginPage({ action: '/oauth/interaction/abc/login', csrf, collectionTitle: 'User Functions', clientName: 'Claude' })
 */
export function loginPage(page: {
  action: string;
  csrf: string;
  collectionTitle: string;
  clientName: string;
  email?: string;
  error?: string;
}): string {
  return layout(
    'Sign in',
    html`<h1>Sign in to ${page.collectionTitle}</h1>
      <p class="muted">${page.clientName} is asking to use ${page.collectionTitle} for you.</p>
      ${page.error === undefined ? '' : html`<p class="error" role="alert">${page.error}</p>`}
      <form method="post" action="${page.action}">
        <input type="hidden" name="csrf" value="${page.csrf}" />
        <label for="email">E-mail</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          autofocus
          value="${page.email ?? ''}"
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
        />
        <button type="submit">Sign in</button>
      </form>`,
  );
}

/**
 * What the sign-in page says when the browser's session belongs to an account deactivated since.
 *
 * @example
 * loginPage({ ...page, error: inactiveAccountMessage })
 */
export const inactiveAccountMessage =
  'The account you were signed in with is no longer active. Sign in with an active account, or ask your service desk administrator.';
