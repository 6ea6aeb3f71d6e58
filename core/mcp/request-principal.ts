import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';
import { requestContextKey, type RequestContext } from './request-context.js';

const principalKey = 'servicedesk.principal';

/**
 * Each scope set as the array `AuthInfo` wants, made once: the authenticator shares one set per
 * (role, token scopes), so every call of a caller reuses one frozen array instead of copying it.
 */
const scopeLists = new WeakMap<ReadonlySet<string>, readonly string[]>();

function scopeList(scopes: ReadonlySet<string>): readonly string[] {
  let list = scopeLists.get(scopes);
  if (list === undefined) {
    list = Object.freeze([...scopes]);
    scopeLists.set(scopes, list);
  }
  return list;
}

/** Wraps a principal (and what the request says of its client) so they travel with one request through the SDK server. */
export function authInfoFor(principal: Principal, context?: RequestContext): AuthInfo {
  // The bearer itself stays at the edge: nothing downstream may pass it on.
  return {
    token: '',
    clientId: principal.clientId,
    // Frozen and shared: AuthInfo's type says string[], but nothing downstream may change it.
    scopes: scopeList(principal.scopes) as string[],
    extra: {
      [principalKey]: principal,
      ...(context !== undefined && { [requestContextKey]: context }),
    },
  };
}

/** The caller of the request being handled; every request carries one. */
export function principalOf(extra: { authInfo?: AuthInfo | undefined }): Principal {
  const principal = extra.authInfo?.extra?.[principalKey] as Principal | undefined;
  if (!principal) throw new McpError(ErrorCode.InternalError, 'request arrived without a caller');
  return principal;
}
