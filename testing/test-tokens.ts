import { randomBytes } from 'node:crypto';
import type { DevToken, Role, Scope } from '../core/index.js';

/** What a test token may reach: its scopes and the collections it is valid for. */
export interface TestGrant {
  readonly scopes: readonly Scope[];
  /** Collection ids the token may call. */
  readonly collections: readonly string[];
  /** The bearer value; a new random one unless given. */
  readonly token?: string;
  /** The client id its calls are audited under; `test-<role>` unless given. */
  readonly name?: string;
}

/** A test token's caller and grant, for {@link testToken}. */
export interface TestTokenSpec extends TestGrant {
  readonly userId: string;
  readonly role: Role;
  readonly email?: string;
  readonly organisationId?: string;
}

/**
 * A development token for `startTestServer`'s `tokens`: a caller with a role and scopes, on the
 * collections it lists. Connect as that caller with `t.connect(collectionId, token.token)`.
 *
 * @example
 * const auditor = testToken({ userId: 'ivy@example.com', role: 'admin', scopes: ['parts:read'], collections: ['parts'] });
 * const t = await startTestServer({ plugins, collections, tokens: [auditor] });
 * const client = await t.connect('parts', auditor.token);
 */
export function testToken(spec: TestTokenSpec): DevToken {
  return Object.freeze({
    token: spec.token ?? `test-${randomBytes(12).toString('hex')}`,
    name: spec.name ?? `test-${spec.role.replace('_', '-')}`,
    userId: spec.userId,
    role: spec.role,
    ...(spec.email !== undefined && { email: spec.email }),
    ...(spec.organisationId !== undefined && { organisationId: spec.organisationId }),
    scopes: Object.freeze([...spec.scopes]),
    collections: Object.freeze([...spec.collections]),
  });
}

/**
 * A token for a member of staff: Sam Taylor (`sam@helpdesk.example`), an agent of the demo
 * desk's Service Desk team, with the scopes and collections of `grant`.
 *
 * @example
 * const sam = staffToken({ scopes: ['parts:read', 'parts:write:all'], collections: ['parts'] });
 */
export function staffToken(grant: TestGrant): DevToken {
  return testToken({
    ...grant,
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
  });
}

/**
 * A token for an end user: Alice Carter (`alice@example.com`) of Acorn Construction, a customer
 * of the demo desk, with the scopes and collections of `grant`. Her role keeps her to `:own` and
 * `:org` extents and two-part reads, whatever the token lists.
 *
 * @example
 * const alice = endUserToken({ scopes: ['parts:read'], collections: ['parts'] });
 */
export function endUserToken(grant: TestGrant): DevToken {
  return testToken({
    ...grant,
    userId: 'alice@example.com',
    email: 'alice@example.com',
    role: 'end_user',
  });
}
