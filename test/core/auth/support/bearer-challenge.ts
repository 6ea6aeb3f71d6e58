import { expect } from 'vitest';

/**
 * The parameters of a `WWW-Authenticate: Bearer …` challenge, parsed as a client would.
 *
 * @example
 * bearerParams(response.headers.get('www-authenticate')).scope; // 'kb:read tickets:read:all'
 */
export function bearerParams(header: string | null): Record<string, string> {
  expect(header).toMatch(/^Bearer /);
  const params: Record<string, string> = {};
  for (const match of (header ?? '').matchAll(/(\w+)="([^"]*)"/g)) {
    params[match[1]!] = match[2]!;
  }
  return params;
}

/** The metadata URL RFC 9728 derives from a collection URL (path-inserted form). */
export function metadataUrlOf(collectionUrl: string): string {
  const url = new URL(collectionUrl);
  return `${url.origin}/.well-known/oauth-protected-resource${url.pathname}`;
}
