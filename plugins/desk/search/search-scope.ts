import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Principal } from '../../../core/index.js';
import type { DeskTables } from '../schema/tables.js';
import type { DeskDirectory } from '../store/directory.js';

/**
 * Which tickets a principal may find (desk-schema "Row scope"): staff every ticket; an end user
 * the tickets they requested, or their organisation's when they hold an `:org` (or wider) extent;
 * nothing when the principal is no active desk user.
 *
 * Kept apart from the queries so the store's shared row-scope helper can replace it in one place.
 */
export type TicketRowScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'requester'; readonly userId: number }
  | { readonly kind: 'organisation'; readonly organisationId: number }
  | { readonly kind: 'none' };

function holdsOrganisationExtent(principal: Principal): boolean {
  return principal.scopes.has('tickets:read:org') || principal.scopes.has('tickets:read:all');
}

/** Resolves the principal's ticket row scope through the directory. */
export async function ticketRowScope(
  directory: DeskDirectory,
  principal: Principal,
): Promise<TicketRowScope> {
  if (principal.role !== 'end_user') return { kind: 'all' };
  const user = await directory.resolvePrincipal(principal);
  if (user === undefined) return { kind: 'none' };
  if (holdsOrganisationExtent(principal) && user.organisation_id !== null) {
    return { kind: 'organisation', organisationId: user.organisation_id };
  }
  return { kind: 'requester', userId: user.id };
}

/** The row-scope condition on `desk_tickets as t`. */
export function ticketScopeCondition(
  scope: TicketRowScope,
  eb: ExpressionBuilder<DeskTables & { t: DeskTables['desk_tickets'] }, 't'>,
): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'requester':
      return eb('t.requester_id', '=', scope.userId);
    case 'organisation':
      return eb('t.organisation_id', '=', scope.organisationId);
    case 'none':
      return eb.lit(false);
  }
}
