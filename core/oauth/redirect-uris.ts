const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * True for the loopback host names a native app's redirect URI may use (a URL's `hostname`).
 *
 * @example
 * isLoopbackHost(new URL('http://127.0.0.1:33418/cb').hostname) // true
 */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname);
}

/**
 * The redirect URIs the server accepts at registration: https anywhere, or http on a loopback
 * address (RFC 8252 §7.3 — native apps such as Claude Desktop's proxy listen there).
 *
 * @example
 * isAllowedRedirectUri('http://127.0.0.1:33418/callback') // true
 */
export function isAllowedRedirectUri(uri: string): boolean {
  const parsed = URL.parse(uri);
  if (!parsed || parsed.hash !== '') return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

/**
 * True when `presented` matches a registered URI exactly, or differs only in the port of a
 * loopback http URI (RFC 8252 §7.3: the port is chosen when the app starts).
 *
 * @example
 * redirectUriMatches('http://127.0.0.1:5000/cb', ['http://127.0.0.1:4000/cb']) // true
 */
export function redirectUriMatches(presented: string, registered: readonly string[]): boolean {
  if (registered.includes(presented)) return true;
  const p = URL.parse(presented);
  if (!p || p.protocol !== 'http:' || !isLoopbackHost(p.hostname)) return false;
  return registered.some((uri) => {
    const r = URL.parse(uri);
    return (
      r !== null &&
      r.protocol === 'http:' &&
      r.hostname === p.hostname &&
      r.pathname === p.pathname &&
      r.search === p.search &&
      r.username === p.username &&
      r.password === p.password
    );
  });
}
