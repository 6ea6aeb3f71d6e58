/** A cookie jar over fetch that never follows redirects by itself, like a very small browser. */
export class CookieFetch {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  #header(url: URL): string {
    return [...this.#cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  #store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attributes.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, { value, path });
    }
  }

  async fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input);
    const headers = new Headers(init.headers);
    const cookie = this.#header(url);
    if (cookie !== '') headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.#store(response);
    return response;
  }

  /** Follows redirects until one leaves this server (the client's redirect URI) or a page is shown. */
  async follow(
    input: string | URL,
    stopAt: (url: URL) => boolean,
  ): Promise<{ response: Response; url: URL }> {
    let url = new URL(input);
    for (let hop = 0; hop < 10; hop++) {
      if (stopAt(url)) return { response: new Response(null, { status: 204 }), url };
      const response = await this.fetch(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null)
        return { response, url };
      await response.body?.cancel();
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }
}

/** The hidden CSRF field of a page. */
export function csrfOf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error(`no CSRF field in the page:\n${page}`);
  return match[1];
}

/** The form's action URL. */
export function actionOf(page: string, base: string): URL {
  const match = /<form method="post" action="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error(`no form in the page:\n${page}`);
  return new URL(match[1].replace(/&amp;/g, '&'), base);
}
