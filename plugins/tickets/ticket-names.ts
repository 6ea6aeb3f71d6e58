import { ToolError, type Principal } from '../../core/index.js';
import type { DeskUser, TicketTypeInfo } from '../desk/api.js';
import type { TicketToolDeps } from './ticket-deps.js';

/**
 * A desk user as the tools show one.
 *
 * @example
 * const ann: Person = { id: 4, name: 'Ann Agent', email: 'ann@desk.example' };
 */
export interface Person {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

/**
 * Turns the ids on tickets into the keys and names a model can read, for one caller and one call.
 * Users go through the store's directory, so an end user learns no one's name but their own.
 *
 * @example
 * const names = await loadTicketNames(deps, principal);
 * names.teamKey(ticket.team_id) // 'network'
 */
export interface TicketNames {
  typeKey(typeId: number): string;
  teamKey(teamId: number | null): string | null;
  teamId(key: string): number;
  /** The ticket types there are, for advice in errors. */
  readonly types: readonly TicketTypeInfo[];
  /** A user the caller may see, or null (nobody, or outside their reach). */
  person(id: number | null): Promise<Person | null>;
  /** The desk user behind the caller, or undefined (e.g. a service token). */
  me(): Promise<DeskUser | undefined>;
  /** An organisation's name, or null (none, or outside the caller's reach); read once per call. */
  organisation(id: number | null): Promise<string | null>;
}

function toPerson(user: DeskUser): Person {
  return { id: user.id, name: user.name, email: user.email };
}

/**
 * Loads teams and ticket types once; users are looked up as needed and remembered.
 *
 * @example
 * const names = await loadTicketNames(deps, ctx.principal);
 */
export async function loadTicketNames(
  deps: TicketToolDeps,
  principal: Principal,
): Promise<TicketNames> {
  const [teams, types] = await Promise.all([
    deps.desk.directory.listTeams(principal),
    deps.desk.catalogue.listTicketTypes(principal),
  ]);
  const teamKeys = new Map(teams.map((team) => [team.id, team.key]));
  const typeKeys = new Map(types.map((type) => [type.id, type.key]));
  const people = new Map<number, Promise<Person | null>>();
  let organisations: Promise<ReadonlyMap<number, string>> | undefined;
  return {
    typeKey: (typeId) => typeKeys.get(typeId) ?? `type-${typeId}`,
    teamKey: (teamId) => (teamId === null ? null : (teamKeys.get(teamId) ?? `team-${teamId}`)),
    teamId(key) {
      const team = teams.find((t) => t.key === key);
      if (team === undefined) {
        const known = teams.map((t) => t.key).join(', ');
        throw new ToolError(`team: unknown team "${key}"; use one of: ${known}`);
      }
      return team.id;
    },
    types,
    person(id) {
      if (id === null) return Promise.resolve(null);
      let found = people.get(id);
      if (found === undefined) {
        found = deps.desk.directory
          .getUserById(principal, id)
          .then((user) => (user === undefined ? null : toPerson(user)));
        people.set(id, found);
      }
      return found;
    },
    me: () => deps.desk.directory.resolvePrincipal(principal),
    async organisation(id) {
      if (id === null) return null;
      organisations ??= deps.desk.directory
        .listOrganisations(principal)
        .then((list) => new Map(list.map((o) => [o.id, o.name])));
      return (await organisations).get(id) ?? null;
    },
  };
}

/**
 * True for callers who triage tickets (agents, admins, services): they see who works on what.
 *
 * @example
 * if (isStaff(ctx.principal)) card = { ...card, agent };
 */
export function isStaff(principal: Principal): boolean {
  return principal.role !== 'end_user';
}
