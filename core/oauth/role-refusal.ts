import { roles as allRoles, type Role } from '../scope/scope.js';

/** How the sign-in page names each role, one and many. */
const roleWords: Readonly<Record<Role, { readonly one: string; readonly many: string }>> = {
  end_user: { one: 'an end user', many: 'end users' },
  agent: { one: 'an agent', many: 'agents' },
  admin: { one: 'an administrator', many: 'administrators' },
  service: { one: 'a service account', many: 'service accounts' },
};

/** `a`, `a and b`, `a, b and c` (British English: no comma before `and`). */
const and = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/**
 * The roles a collection is for, as words, in a fixed order whatever the config's order.
 *
 * @example
 * rolesPhrase(['admin', 'agent']) // 'agents and administrators'
 */
export function rolesPhrase(roles: readonly Role[]): string {
  return and.format(allRoles.filter((r) => roles.includes(r)).map((r) => roleWords[r].many));
}

/**
 * What the sign-in page says to an account whose role the collection is not for — a sentence,
 * not a list of role keys — or undefined when the role is one of the collection's.
 *
 * @example
 * roleRefusal({ title: 'Agent Functions', roles: ['agent', 'admin'] }, { email: 'alice@example.com', role: 'end_user' })
 * // "Agent Functions is for the service desk's agents and administrators. You signed in as
 * //  alice@example.com, an end user: sign in with another account, or ask your service desk administrator."
 */
export function roleRefusal(
  collection: { readonly title: string; readonly roles: readonly Role[] },
  account: { readonly email: string; readonly role: Role },
): string | undefined {
  if (collection.roles.includes(account.role)) return undefined;
  return (
    `${collection.title} is for the service desk's ${rolesPhrase(collection.roles)}. ` +
    `You signed in as ${account.email}, ${roleWords[account.role].one}: ` +
    'sign in with another account, or ask your service desk administrator.'
  );
}
