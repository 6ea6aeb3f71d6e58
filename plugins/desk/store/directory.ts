import { sql } from 'kysely';
import { preparedMarker, type Principal } from '../../../core/index.js';
import type { DeskUserRow, OrganisationRow, TeamRow } from '../schema/tables.js';
import type { DeskStoreContext } from './store-context.js';

/** A desk user as the store hands it out: never the password hash. */
export type DeskUser = Omit<DeskUserRow, 'password_hash'>;

/** A team with the ids of its members. */
export interface DeskTeam extends TeamRow {
  readonly member_ids: readonly number[];
}

/**
 * Users, organisations and teams (desk-schema "Row scope"). An end user sees only themself and
 * their own organisation; agents, admins and services see everyone. The directory checks no
 * scope: the tools that read it declare `users:read:own` or `users:read:all`.
 *
 * @example
 * const me = await desk.directory.resolvePrincipal(ctx.principal);
 * const teams = await desk.directory.listTeams(ctx.principal);
 */
export interface DeskDirectory {
  /**
   * The desk user behind `principal`: its `userId` is the desk user's e-mail, in any case. Cached
   * per principal, so looked up once per request, and by e-mail for a few seconds across requests
   * (outside `desk.transaction`), so a deactivation reaches the store within five seconds.
   *
   * @param principal - The caller.
   * @returns The caller's desk user, or undefined when there is none or it is deactivated — e.g. a
   *   service token, or a signed-in identity with no desk account.
   * @rowScope Only the caller's own user; no scope is checked.
   */
  resolvePrincipal(principal: Principal): Promise<DeskUser | undefined>;
  /**
   * A desk user by id.
   *
   * @param principal - The caller, whose role decides what it sees.
   * @param id - The desk user's id.
   * @returns The user, active or not, or undefined when there is none or the caller may not see
   *   it.
   * @rowScope Agents, admins and service accounts see every user; an end user only themself, any
   *   other user being undefined like one that does not exist. No scope is checked.
   */
  getUserById(principal: Principal, id: number): Promise<DeskUser | undefined>;
  /**
   * A desk user by e-mail address, in any case, surrounding spaces ignored.
   *
   * @param principal - The caller, whose role decides what it sees.
   * @param email - The desk user's e-mail address.
   * @returns The user, active or not, or undefined when there is none or the caller may not see
   *   it.
   * @rowScope As for `getUserById`: staff see every user, an end user only themself. No scope is
   *   checked.
   */
  getUserByEmail(principal: Principal, email: string): Promise<DeskUser | undefined>;
  /**
   * The organisations, by name.
   *
   * @param principal - The caller, whose role decides what it sees.
   * @returns Every organisation the caller may see; none for an end user without one.
   * @rowScope Agents, admins and service accounts see every organisation; an end user only their
   *   own. No scope is checked.
   */
  listOrganisations(principal: Principal): Promise<readonly OrganisationRow[]>;
  /**
   * The teams, by name, each with the ids of its members.
   *
   * @param principal - The caller.
   * @returns Every team.
   * @rowScope Not row-scoped: every caller sees every team. No scope is checked.
   */
  listTeams(principal: Principal): Promise<readonly DeskTeam[]>;
}

/** The columns of a {@link DeskUser}: every user column but the password hash. */
export const deskUserColumns = [
  'id',
  'email',
  'name',
  'role',
  'organisation_id',
  'phone',
  'title',
  'active',
  'created_at',
] as const;

/** True for roles that see every user and organisation. */
export function isStaff(principal: Principal): boolean {
  return principal.role !== 'end_user';
}

/** Creates the directory part of the desk store. */
export function createDeskDirectory({ db, principals }: DeskStoreContext): DeskDirectory {
  // Principals are built per request, so a WeakMap keyed by them is a per-request cache.
  const resolved = new WeakMap<Principal, Promise<DeskUser | undefined>>();

  const findUser = (where: { id: number } | { email: string }) => {
    const query = db
      .selectFrom('desk_users')
      .modifyFront(sql.raw(preparedMarker))
      .select(deskUserColumns);
    return (
      'id' in where
        ? query.where('id', '=', where.id)
        : query.where('email', '=', where.email.trim().toLowerCase())
    ).executeTakeFirst();
  };

  const resolvePrincipal = (principal: Principal) => {
    let user = resolved.get(principal);
    if (user === undefined) {
      const lookup = () =>
        findUser({ email: principal.userId }).then((row) =>
          // Frozen: the same object may answer many requests from the cache.
          row !== undefined && row.active === 1 ? Object.freeze(row) : undefined,
        );
      user = principals === undefined ? lookup() : principals.resolve(principal.userId, lookup);
      resolved.set(principal, user);
    }
    return user;
  };

  // An end user may look up only themself; anything else reads as "not found".
  const visibleTo = async (principal: Principal, user: DeskUser | undefined) => {
    if (user === undefined || isStaff(principal)) return user;
    const self = await resolvePrincipal(principal);
    return self !== undefined && self.id === user.id ? user : undefined;
  };

  return Object.freeze({
    resolvePrincipal,
    getUserById: async (principal, id) => visibleTo(principal, await findUser({ id })),
    getUserByEmail: async (principal, email) => visibleTo(principal, await findUser({ email })),
    async listOrganisations(principal) {
      let query = db.selectFrom('desk_organisations').selectAll().orderBy('name');
      if (!isStaff(principal)) {
        const self = await resolvePrincipal(principal);
        if (self?.organisation_id == null) return [];
        query = query.where('id', '=', self.organisation_id);
      }
      return query.execute();
    },
    async listTeams() {
      const [teams, members] = await Promise.all([
        db.selectFrom('desk_teams').selectAll().orderBy('name').execute(),
        db
          .selectFrom('desk_team_members')
          .select(['team_id', 'user_id'])
          .orderBy('user_id')
          .execute(),
      ]);
      return teams.map((team) => ({
        ...team,
        member_ids: members.filter((m) => m.team_id === team.id).map((m) => m.user_id),
      }));
    },
  } satisfies DeskDirectory);
}
