import type { ClientMetadata } from 'oidc-provider';
import type { Database } from '../storage/database.js';
import type { Logger } from '../log/logger.js';
import type { OAuthTables } from './oauth-schema.js';
import { errors, type Provider } from './oidc-provider.js';

/** What a self-registered client (RFC 7591) may declare: anyone may register, so sizes are bounded. */
export const registrationLimits = Object.freeze({
  clientNameLength: 200,
  uriLength: 2_000,
  redirectUris: 10,
});

const uriFields = ['client_uri', 'logo_uri', 'policy_uri', 'tos_uri', 'jwks_uri'] as const;

/**
 * Checks a registration's metadata: sizes within {@link registrationLimits}, and no
 * `client_credentials` (that grant acts without a person, so only clients an administrator
 * configured may use it). Throws oidc-provider's `invalid_client_metadata` naming the field.
 *
 * @example
 * checkRegistration(metadata); // in extraClientMetadata's validator, when ctx is a registration
 */
export function checkRegistration(metadata: Partial<ClientMetadata>): void {
  const refuse = (message: string): never => {
    throw new errors.InvalidClientMetadata(message);
  };
  const name = metadata.client_name;
  if (typeof name === 'string' && name.length > registrationLimits.clientNameLength)
    refuse(`client_name must be at most ${registrationLimits.clientNameLength} characters`);
  const redirects = metadata.redirect_uris ?? [];
  if (redirects.length > registrationLimits.redirectUris)
    refuse(`redirect_uris may list at most ${registrationLimits.redirectUris} URIs`);
  for (const uri of redirects) {
    if (uri.length > registrationLimits.uriLength)
      refuse(`redirect_uris: each URI must be at most ${registrationLimits.uriLength} characters`);
  }
  for (const field of uriFields) {
    const value = metadata[field];
    if (typeof value === 'string' && value.length > registrationLimits.uriLength)
      refuse(`${field} must be at most ${registrationLimits.uriLength} characters`);
  }
  if (metadata.grant_types?.includes('client_credentials'))
    refuse(
      'grant_types: client_credentials is for clients an administrator configures, not for self-registered ones',
    );
}

/**
 * Makes self-registered clients expire unless used: a new registration's row expires after
 * `unusedTtlMs` (retention's `oauth.clients` rule then deletes it), and the first authorization code issued to
 * it makes it permanent. Clients from config or `servicedesk-mcp clients add` are not touched.
 *
 * @example
 * expireUnusedRegistrations(provider, db, { unusedTtlMs: 86_400_000, log });
 */
export function expireUnusedRegistrations(
  provider: Provider,
  db: Database,
  options: { readonly unusedTtlMs: number; readonly log: Logger; readonly now?: () => number },
): void {
  const table = db.withTables<OAuthTables>();
  const now = options.now ?? Date.now;
  const failed = (error: unknown): void =>
    options.log.warn('could not update a registered client’s expiry', {
      error: (error as Error).message,
    });
  provider.on('registration_create.success', (_ctx: unknown, client: { clientId: string }) => {
    void table
      .updateTable('sdm_oauth')
      .set({ expires_at: now() + options.unusedTtlMs })
      .where('kind', '=', 'Client')
      .where('id', '=', client.clientId)
      .execute()
      .catch(failed);
  });
  provider.on('authorization_code.saved', (code: { clientId?: string }) => {
    if (code.clientId === undefined) return;
    void table
      .updateTable('sdm_oauth')
      .set({ expires_at: null })
      .where('kind', '=', 'Client')
      .where('id', '=', code.clientId)
      .where('expires_at', 'is not', null)
      .execute()
      .catch(failed);
  });
}
