import { ToolError, type Principal } from '../../core/index.js';
import type { DeskStore, DeskUser } from '../desk/api.js';

/**
 * A desk user or organisation as the caller named it: text or an id.
 *
 * @example
 * const priya: Reference = 'priya.shah@helpdesk.example';
 */
export type Reference = string | number;

/**
 * The desk user `reference` names (an e-mail, or an id as a number or digits), as the caller may
 * see them; undefined when there is none.
 */
async function findUser(
  desk: DeskStore,
  principal: Principal,
  reference: Reference,
): Promise<DeskUser | undefined> {
  const text = String(reference).trim();
  if (/^\d+$/.test(text)) return desk.directory.getUserById(principal, Number(text));
  return desk.directory.getUserByEmail(principal, text);
}

/**
 * The id of the person the ticket is for. An end user may name only themself.
 *
 * @example
 * const requesterId = await requesterIdOf(desk, principal, 'jo@acorn.example');
 */
export async function requesterIdOf(
  desk: DeskStore,
  principal: Principal,
  reference: Reference,
): Promise<number> {
  const user = await findUser(desk, principal, reference);
  if (user === undefined || user.active !== 1) {
    throw new ToolError(
      principal.role === 'end_user'
        ? 'requester: you can log tickets only for yourself; leave requester out'
        : `requester: no active desk user "${String(reference)}"; give the e-mail or id of the person the ticket is for`,
    );
  }
  return user.id;
}

/**
 * The id of the agent to assign: an active agent or admin, by e-mail or id.
 *
 * @example
 * const agentId = await agentIdOf(desk, principal, 'priya.shah@helpdesk.example');
 */
export async function agentIdOf(
  desk: DeskStore,
  principal: Principal,
  reference: Reference,
): Promise<number> {
  const user = await findUser(desk, principal, reference);
  if (user === undefined) {
    throw new ToolError(
      `agent: no desk user "${String(reference)}"; give the e-mail or id of an active agent`,
    );
  }
  if (user.active !== 1 || user.role === 'end_user') {
    throw new ToolError(
      `agent: ${user.name} (${user.email}) is not an active agent; tickets go to agents or admins`,
    );
  }
  return user.id;
}

/**
 * The id of the organisation `reference` names, by id or by name in any case.
 *
 * @example
 * const organisationId = await organisationIdOf(desk, principal, 'Acorn Construction');
 */
export async function organisationIdOf(
  desk: DeskStore,
  principal: Principal,
  reference: Reference,
): Promise<number> {
  const organisations = await desk.directory.listOrganisations(principal);
  const text = String(reference).trim();
  const found = /^\d+$/.test(text)
    ? organisations.find((o) => o.id === Number(text))
    : organisations.find((o) => o.name.toLowerCase() === text.toLowerCase());
  if (found === undefined) {
    const names = organisations.map((o) => o.name);
    const shown = names.length > 20 ? [...names.slice(0, 20), '…'] : names;
    throw new ToolError(
      `organisation: unknown organisation "${text}"; give its exact name or id` +
        (shown.length === 0 ? '' : `, e.g. ${shown.join(', ')}`),
    );
  }
  return found.id;
}

/**
 * Checks a team key against the desk's teams.
 *
 * @example
 * await checkTeam(desk, principal, 'network');
 */
export async function checkTeam(desk: DeskStore, principal: Principal, key: string): Promise<void> {
  const teams = await desk.directory.listTeams(principal);
  if (!teams.some((team) => team.key === key)) {
    throw new ToolError(
      `team: unknown team "${key}"; use one of: ${teams.map((t) => t.key).join(', ')}`,
    );
  }
}
