import type { Kysely } from 'kysely';
import type { Account, AccountProvider } from '../../../core/index.js';
import type { DeskTables, DeskUserRow } from '../schema/tables.js';
import { verifyPassword } from './password.js';

function toAccount(
  row: Pick<DeskUserRow, 'email' | 'name' | 'role' | 'organisation_id' | 'active'>,
): Account {
  return Object.freeze({
    userId: row.email,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisation_id === null ? undefined : String(row.organisation_id),
    active: row.active === 1,
  });
}

/**
 * The desk's users as the built-in authorization server's accounts: found by e-mail (stored
 * lower-case), signed in against their scrypt password hash.
 *
 * @example
 * ctx.provide(accountProviderRef, createDeskAccounts(db));
 */
export function createDeskAccounts(db: Kysely<DeskTables>): AccountProvider {
  const find = (email: string) =>
    db
      .selectFrom('desk_users')
      .select(['email', 'name', 'role', 'organisation_id', 'active', 'password_hash'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
  return Object.freeze({
    async findByEmail(email: string) {
      const row = await find(email);
      return row && toAccount(row);
    },
    async verifyPassword(email: string, password: string) {
      const row = await find(email);
      // Every failure (unknown e-mail, no password, deactivated, wrong password) runs exactly one
      // scrypt derivation at the same cost, so timing does not tell them apart.
      const ok = await verifyPassword(password, row?.password_hash);
      if (!row || !ok || row.active !== 1) return undefined;
      return toAccount(row);
    },
  });
}
