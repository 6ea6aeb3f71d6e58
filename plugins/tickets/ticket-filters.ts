import { z } from 'zod';
import { ToolError, type Principal } from '../../core/index.js';
import type { TicketToolDeps } from './ticket-deps.js';
import type { TicketNames } from './ticket-names.js';

/**
 * A date-range argument named `field`, normalised to ISO-8601 UTC.
 *
 * @example
 * z.object({ createdFrom: isoTimeSchema('createdFrom').optional() })
 */
export function isoTimeSchema(field: string) {
  return z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), {
      message: `${field} must be an ISO-8601 date or time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z`,
    })
    .transform((value) => new Date(Date.parse(value)).toISOString());
}

/**
 * Resolves an agent argument (an e-mail address, `me`, or `none` for unassigned) to a desk user id (`null` for "none"), or a ToolError naming `field`.
 *
 * @example
 * await agentIdFor('me', { deps, principal, names, field: 'agent' }) // 7
 */
export async function agentIdFor(
  agent: string,
  context: {
    readonly deps: TicketToolDeps;
    readonly principal: Principal;
    readonly names: TicketNames;
    readonly field: string;
  },
): Promise<number | null> {
  const value = agent.trim().toLowerCase();
  if (value === 'none') return null;
  if (value === 'me') {
    const me = await context.names.me();
    if (me === undefined) {
      throw new ToolError(`${context.field}: "me" needs a desk user, and this caller is not one`);
    }
    return me.id;
  }
  return userIdByEmail(value, context);
}

/**
 * Resolves an e-mail address to a desk user id the caller may see, or a ToolError naming `field`.
 *
 * @example
 * await userIdByEmail('jo@acorn.example', { deps, principal, field: 'requester' }) // 12
 */
export async function userIdByEmail(
  email: string,
  context: { readonly deps: TicketToolDeps; readonly principal: Principal; readonly field: string },
): Promise<number> {
  const user = await context.deps.desk.directory.getUserByEmail(context.principal, email);
  if (user === undefined) {
    throw new ToolError(
      `${context.field}: no desk user with e-mail "${email}" that you can see; check the address`,
    );
  }
  return user.id;
}

/**
 * Resolves an organisation name (any case) to its id, or a ToolError listing those there are.
 *
 * @example
 * await organisationIdFor('Acorn Construction', { deps, principal }) // 3
 */
export async function organisationIdFor(
  name: string,
  context: { readonly deps: TicketToolDeps; readonly principal: Principal },
): Promise<number> {
  const organisations = await context.deps.desk.directory.listOrganisations(context.principal);
  const wanted = name.trim().toLowerCase();
  const found = organisations.find((o) => o.name.toLowerCase() === wanted);
  if (found === undefined) {
    const known = organisations.map((o) => o.name).join(', ') || 'none you can see';
    throw new ToolError(`organisation: unknown organisation "${name}"; organisations: ${known}`);
  }
  return found.id;
}

/**
 * Resolves a ticket type key to its id, or a ToolError listing the types there are.
 *
 * @example
 * typeIdFor('incident', names) // 1
 */
export function typeIdFor(key: string, names: TicketNames): number {
  const found = names.types.find((t) => t.key === key);
  if (found === undefined) throw unknownType(key, names);
  return found.id;
}

/**
 * The advice for a ticket type key that does not exist.
 *
 * @example
 * throw unknownType('gadget', names); // type: unknown ticket type "gadget"; use one of: ...
 */
export function unknownType(key: string, names: TicketNames): ToolError {
  const known = names.types.map((t) => `${t.key} (${t.name})`).join(', ');
  return new ToolError(`type: unknown ticket type "${key}"; use one of: ${known}`);
}
