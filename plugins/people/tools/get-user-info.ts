import { z } from 'zod';
import {
  untrustedText,
  untrustedTextNotice,
  defineTool,
  ToolError,
  type Principal,
} from '../../../core/index.js';
import type { DeskStore, DeskUser, TicketStatus } from '../../desk/api.js';

const unfinished: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
const openTicketsShown = 25;

const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['end_user', 'agent', 'admin']),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  organisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  teams: z.array(z.object({ key: z.string(), name: z.string() })),
});

const openTicketSchema = z.object({
  id: z.number().int(),
  summary: z.string(),
  status: z.string(),
  priority: z.number().int(),
  createdAt: z.string(),
});

async function findUser(
  desk: DeskStore,
  principal: Principal,
  who: { readonly email?: string | undefined; readonly userId?: number | undefined },
): Promise<DeskUser | undefined> {
  if (who.userId !== undefined) return desk.directory.getUserById(principal, who.userId);
  if (who.email !== undefined) return desk.directory.getUserByEmail(principal, who.email);
  return desk.directory.resolvePrincipal(principal);
}

/** True when the caller may read tickets at all (`tickets:read:own` or wider). */
function readsTickets(principal: Principal): boolean {
  return [...principal.scopes].some((scope) => scope.startsWith('tickets:read:'));
}

/**
 * `get_user_info`: a desk user's contact details, organisation, teams and open tickets.
 *
 * @example
 * definePlugin({ id: 'people', requires: ['desk'], setup: (ctx) => ctx.addTool(getUserInfoTool(desk)) })
 */
export function getUserInfoTool(desk: DeskStore) {
  return defineTool({
    name: 'get_user_info',
    title: 'Get a user’s details',
    description:
      "Returns a desk user's contact details (name, e-mail, phone, job title), organisation, teams and the " +
      'tickets they raised that are still open. Leave email and userId out for yourself. End users can look ' +
      'up only themselves; agents anyone. Use it to confirm who a ticket is for or how to reach them; read a ' +
      'ticket with get_ticket. ' +
      untrustedTextNotice,
    input: z.object({
      email: z.email().optional().describe("The user's e-mail address"),
      userId: z.number().int().positive().optional().describe("The user's number"),
    }),
    output: z.object({
      user: userSchema,
      openTickets: z
        .array(openTicketSchema)
        .describe(`Up to ${openTicketsShown} of their open tickets, newest first`),
      moreOpenTickets: z.boolean().describe('True when they have more open tickets than listed'),
    }),
    scopes: ['users:read:own'],
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: ({ user, openTickets, moreOpenTickets }) =>
      [
        `${user.name} <${user.email}> (${user.role}${user.active ? '' : ', inactive'})` +
          (user.title === null ? '' : `, ${user.title}`) +
          (user.organisation === null ? '' : ` at ${user.organisation.name}`),
        ...(user.phone === null ? [] : [`Phone: ${user.phone}`]),
        ...(user.teams.length === 0 ? [] : [`Teams: ${user.teams.map((t) => t.name).join(', ')}`]),
        openTickets.length === 0
          ? 'No open tickets.'
          : `Open tickets${moreOpenTickets ? ' (newest first, more not shown)' : ''}:`,
        ...openTickets.map((t) => `- #${t.id} P${t.priority} ${t.status}: ${t.summary}`),
      ].join('\n'),
    handler: async ({ input, principal }) => {
      if (input.email !== undefined && input.userId !== undefined) {
        throw new ToolError('give either email or userId, not both');
      }
      const user = await findUser(desk, principal, input);
      if (user === undefined) {
        const who = input.email ?? (input.userId === undefined ? 'you' : `user ${input.userId}`);
        throw new ToolError(
          principal.role === 'end_user'
            ? `${who} not found; you can look up only yourself (leave email and userId out)`
            : `${who} not found; check the e-mail address`,
        );
      }
      const [organisations, teams, tickets] = await Promise.all([
        desk.directory.listOrganisations(principal),
        desk.directory.listTeams(principal),
        readsTickets(principal)
          ? desk.tickets.list(principal, {
              requesterId: user.id,
              status: unfinished,
              limit: openTicketsShown,
            })
          : { tickets: [] },
      ]);
      const organisation = organisations.find((o) => o.id === user.organisation_id);
      return {
        user: {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          title: user.title,
          phone: user.phone,
          active: user.active === 1,
          organisation:
            organisation === undefined ? null : { id: organisation.id, name: organisation.name },
          teams: teams
            .filter((team) => team.member_ids.includes(user.id))
            .map((team) => ({ key: team.key, name: team.name })),
        },
        openTickets: tickets.tickets.map((ticket) => ({
          id: ticket.id,
          summary: untrustedText(`ticket ${ticket.id} summary`, ticket.summary),
          status: ticket.status,
          priority: ticket.priority,
          createdAt: ticket.created_at,
        })),
        moreOpenTickets: 'nextCursor' in tickets && tickets.nextCursor !== undefined,
      };
    },
  });
}
