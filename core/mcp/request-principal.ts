import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/principal.js';

const principalKey = 'servicedesk.principal';

/** Wraps a principal so it travels with one request through the SDK server. */
export function authInfoFor(principal: Principal): AuthInfo {
  // The bearer itself stays at the edge: nothing downstream may pass it on.
  return {
    token: '',
    clientId: principal.clientId,
    scopes: [...principal.scopes],
    extra: { [principalKey]: principal },
  };
}

/** The caller of the request being handled; every request carries one. */
export function principalOf(extra: { authInfo?: AuthInfo | undefined }): Principal {
  const principal = extra.authInfo?.extra?.[principalKey] as Principal | undefined;
  if (!principal) throw new McpError(ErrorCode.InternalError, 'request arrived without a caller');
  return principal;
}
