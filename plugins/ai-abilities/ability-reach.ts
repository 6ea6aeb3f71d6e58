import type { Principal } from '../../core/index.js';
import type { DeskStore, Ticket } from '../desk/api.js';

/**
 * The scopes the plugin defines, widest last: `ai:run:<extent>` says on whose tickets a caller may
 * run abilities, within what `tickets:read:*` already lets them read.
 *
 * @example
 * defineCollection({ ..., grant: ['tickets:read:all', aiRunScopes.all] })
 */
export const aiRunScopes = Object.freeze({
  own: 'ai:run:own',
  org: 'ai:run:org',
  all: 'ai:run:all',
});

/**
 * True when `principal`'s `ai:run:*` extent reaches `ticket`: `all` every ticket the store let
 * them read, `org` those of their organisation and their own, `own` only those they requested.
 * The store's row scope has already applied; this narrows, never widens.
 *
 * @example
 * if (!(await withinAbilityReach(desk, principal, detail.ticket))) throw notFound;
 */
export async function withinAbilityReach(
  desk: DeskStore,
  principal: Principal,
  ticket: Ticket,
): Promise<boolean> {
  if (principal.scopes.has(aiRunScopes.all)) return true;
  const me = await desk.directory.resolvePrincipal(principal);
  if (me === undefined) return false;
  if (ticket.requester_id === me.id) return true;
  return (
    principal.scopes.has(aiRunScopes.org) &&
    me.organisation_id !== null &&
    ticket.organisation_id === me.organisation_id
  );
}
