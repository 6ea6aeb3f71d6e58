import type { Principal } from '../../../core/index.js';
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
 * their own organisation; agents, admins and services see everyone.
 */
export interface DeskDirectory {
  /**
   * The active desk user behind `principal` (its `userId` is the e-mail, any case), or undefined
   * when there is none — e.g. a service token. Cached per principal, so per request.
   */
  resolvePrincipal(principal: Principal): Promise<DeskUser | undefined>;
  getUserById(principal: Principal, id: number): Promise<DeskUser | undefined>;
  getUserByEmail(principal: Principal, email: string): Promise<DeskUser | undefined>;
  listOrganisations(principal: Principal): Promise<readonly OrganisationRow[]>;
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
export function createDeskDirectory({ db }: DeskStoreContext): DeskDirectory {
  // Principals are built per request, so a WeakMap keyed by them is a per-request cache.
  const resolved = new WeakMap<Principal, Promise<DeskUser | undefined>>();

  const findUser = (where: { id: number } | { email: string }) => {
    const query = db.selectFrom('desk_users').select(deskUserColumns);
    return (
      'id' in where
        ? query.where('id', '=', where.id)
        : query.where('email', '=', where.email.trim().toLowerCase())
    ).executeTakeFirst();
  };

  const resolvePrincipal = (principal: Principal) => {
    let user = resolved.get(principal);
    if (user === undefined) {
      user = findUser({ email: principal.userId }).then((row) =>
        row !== undefined && row.active === 1 ? row : undefined,
      );
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
