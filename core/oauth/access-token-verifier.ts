import type { TokenVerifier, VerifiedToken } from '../auth/token-verifier.js';
import type { Database } from '../storage/database.js';
import type { AccountProvider } from './account-provider.js';
import { storedId } from './kysely-adapter.js';
import type { OAuthTables } from './oauth-schema.js';

/** The fields of a stored access token the verifier reads. */
interface TokenPayload {
  readonly accountId?: string;
  readonly clientId?: string;
  readonly grantId?: string;
  readonly scope?: string;
  readonly aud?: string | string[];
  readonly exp?: number;
}

/** What the verifier needs, available once the server has started. */
export interface VerifierState {
  readonly db: Database;
  readonly accounts: AccountProvider | undefined;
  /** The service account a client-credentials client acts as (its user id), if it is one. */
  serviceUserOf(clientId: string): Promise<string | undefined>;
}

/**
 * The built-in authorization server's access tokens are opaque: this verifier looks each one up
 * in the shared store, so expiry, revocation (of the token or its grant) and a deactivated
 * account take effect at once, in every process.
 *
 * @example
 * const verifier = storedTokenVerifier(() => state);
 */
export function storedTokenVerifier(state: () => VerifierState | undefined): TokenVerifier {
  return Object.freeze({
    kind: 'built-in-oauth',
    async verify(token: string): Promise<VerifiedToken | undefined> {
      const s = state();
      if (s === undefined || token.length > 512) return undefined;
      const db = s.db.withTables<OAuthTables>();
      const now = Date.now();
      const row = await db
        .selectFrom('sdm_oauth')
        .select(['kind', 'payload', 'expires_at'])
        .where('kind', 'in', ['AccessToken', 'ClientCredentials'])
        .where((eb) =>
          eb.or([
            eb.and([eb('kind', '=', 'AccessToken'), eb('id', '=', storedId('AccessToken', token))]),
            eb.and([
              eb('kind', '=', 'ClientCredentials'),
              eb('id', '=', storedId('ClientCredentials', token)),
            ]),
          ]),
        )
        .executeTakeFirst();
      if (!row || row.expires_at === null || Number(row.expires_at) <= now) return undefined;
      const payload = JSON.parse(row.payload) as TokenPayload;
      if (payload.clientId === undefined || payload.exp === undefined) return undefined;
      const audience = Array.isArray(payload.aud)
        ? payload.aud
        : payload.aud === undefined
          ? []
          : [payload.aud];
      const common = {
        clientId: payload.clientId,
        scopes: payload.scope?.split(' ').filter(Boolean) ?? [],
        audience,
        expiresAt: payload.exp,
      };
      if (row.kind === 'ClientCredentials') {
        const userId = await s.serviceUserOf(payload.clientId);
        return userId === undefined ? undefined : { ...common, userId, role: 'service' };
      }
      // A revoked grant (signing out of a client, revoking its refresh token) ends its tokens.
      if (payload.grantId === undefined || payload.accountId === undefined) return undefined;
      const grant = await db
        .selectFrom('sdm_oauth')
        .select('expires_at')
        .where('kind', '=', 'Grant')
        .where('id', '=', payload.grantId)
        .executeTakeFirst();
      if (!grant || (grant.expires_at !== null && Number(grant.expires_at) <= now))
        return undefined;
      const account = await s.accounts?.findByEmail(payload.accountId);
      if (!account?.active) return undefined;
      return {
        ...common,
        userId: account.userId,
        role: account.role,
        organisationId: account.organisationId,
        email: account.email,
      };
    },
  });
}
