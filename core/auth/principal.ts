import type { Role, Scope } from '../scope/scope.js';

/**
 * Who is calling (DESIGN §3). Built by a {@link TokenVerifier} per request; `scopes` is already
 * the effective set for this collection, so a tool or store checks only this.
 *
 * @example
 * if (ctx.principal.role === 'end_user') query = query.where('requester_id', '=', ctx.principal.userId);
 */
export interface Principal {
  readonly userId: string;
  readonly role: Role;
  readonly organisationId: string | undefined;
  readonly email: string | undefined;
  /** The OAuth client (or development token name) the call came through. */
  readonly clientId: string;
  /** Effective scopes: collection grant ∩ token scopes ∩ what the role allows. */
  readonly scopes: ReadonlySet<Scope>;
  /** The collection the call arrived on. */
  readonly collectionId: string;
  /**
   * The tool call this principal acts in, as written in its audit row (`sdm_audit.correlation_id`);
   * stores record it with their changes so a change leads back to the call that made it. Set by
   * the core on the principal a tool handler receives.
   */
  readonly correlationId?: string;
}
