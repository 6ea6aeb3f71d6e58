import { actionOf, CookieFetch, csrfOf } from './cookie-fetch.js';

/** How the person at the browser answers the pages. */
export interface SignInAnswers {
  readonly email: string;
  readonly password: string;
  /** Optional scopes to untick on the consent page. */
  readonly untick?: readonly string[];
  /** Post exactly these `scope` values instead of the ticked boxes: a crafted form. */
  readonly scopes?: readonly string[];
  readonly decision?: 'allow' | 'deny';
}

/** What the pages did: the redirect back to the client, and the pages seen on the way. */
export interface SignInResult {
  readonly redirect: URL;
  readonly loginPage: string;
  readonly consentPage: string | undefined;
}

function checkedScopes(page: string): string[] {
  return [...page.matchAll(/name="scope" value="([^"]+)" checked/g)].map((m) => m[1] as string);
}

/**
 * Drives the sign-in and consent pages with plain fetch and a cookie jar, from the authorization
 * URL to the redirect back to `redirectUri`.
 */
export async function signIn(
  authorizationUrl: string | URL,
  answers: SignInAnswers & { redirectUri: string; jar?: CookieFetch },
): Promise<SignInResult> {
  const jar = answers.jar ?? new CookieFetch();
  const backHome = (url: URL) => url.href.startsWith(answers.redirectUri);
  let { response, url } = await jar.follow(authorizationUrl, backHome);
  if (backHome(url)) return { redirect: url, loginPage: '', consentPage: undefined };
  const firstPage = await response.text();
  if (response.status !== 200) throw new Error(`login page: ${response.status} ${firstPage}`);
  // A browser already signed in goes straight to the consent page (a native client is asked
  // again at every authorization); then there is no login page.
  const signedIn = !firstPage.includes('name="password"');
  const loginPage = signedIn ? '' : firstPage;
  if (!signedIn) {
    const login = await jar.fetch(actionOf(loginPage, url.href), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        csrf: csrfOf(loginPage),
        email: answers.email,
        password: answers.password,
      }),
    });
    const next = login.headers.get('location');
    if (login.status !== 303 || next === null) {
      throw Object.assign(new Error(`sign-in refused: ${login.status}`), {
        status: login.status,
        page: await login.text(),
      });
    }
    ({ response, url } = await jar.follow(new URL(next, url), backHome));
    if (backHome(url)) return { redirect: url, loginPage, consentPage: undefined };
  }
  const consentPage = signedIn ? firstPage : await response.text();
  if (response.status !== 200) throw new Error(`consent page: ${response.status} ${consentPage}`);
  const form = new URLSearchParams({
    csrf: csrfOf(consentPage),
    decision: answers.decision ?? 'allow',
  });
  for (const scope of answers.scopes ?? checkedScopes(consentPage))
    if (!answers.untick?.includes(scope)) form.append('scope', scope);
  const confirm = await jar.fetch(actionOf(consentPage, url.href), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  const after = confirm.headers.get('location');
  if (confirm.status !== 303 || after === null)
    throw new Error(`consent refused: ${confirm.status} ${await confirm.text()}`);
  ({ url } = await jar.follow(new URL(after, url), backHome));
  if (!backHome(url)) throw new Error(`did not come back to the client: ${url.href}`);
  return { redirect: url, loginPage, consentPage };
}
