import { defineServiceRef, type ServiceRef } from '../plugin/service-ref.js';
import type { Role } from '../scope/scope.js';

/** A person who may sign in to the built-in authorization server. */
export interface Account {
  /** The principal's `userId`: the e-mail address, lower-case. */
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Exclude<Role, 'service'>;
  readonly organisationId?: string | undefined;
  /** A deactivated account cannot sign in, and its tokens stop working. */
  readonly active: boolean;
}

/**
 * Where the built-in authorization server finds people. The core knows no user table: a plugin
 * (the desk) provides this service under {@link accountProviderRef}.
 *
 * @example
 * setup(ctx) {
 *   ctx.provide(accountProviderRef, {
 *     findByEmail: async (email) => lookUp(email),
 *     verifyPassword: async (email, password) => check(email, password),
 *   });
 * }
 */
export interface AccountProvider {
  /** The account with this e-mail (any case), or undefined. */
  findByEmail(email: string): Promise<Account | undefined>;
  /**
   * The active account when `password` is right, else undefined — the same answer for an
   * unknown e-mail and a wrong password, so the caller cannot tell them apart.
   */
  verifyPassword(email: string, password: string): Promise<Account | undefined>;
}

/**
 * The service id under which a plugin provides the {@link AccountProvider}.
 *
 * @example
 * ctx.provide(accountProviderRef, myAccounts);
 */
export const accountProviderRef: ServiceRef<AccountProvider> =
  defineServiceRef<AccountProvider>('core.accounts');
