import type * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDeskAccounts } from '../../../plugins/desk/auth/desk-accounts.js';
import { hashPassword, passwordHashParameters } from '../../../plugins/desk/auth/password.js';
import { testEngines } from '../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from './desk-test-database.js';

// Counts scrypt derivations and their cost, so the test asserts the work done, not time.
const derivations: { N?: number; r?: number; p?: number }[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return {
    ...actual,
    scrypt: (...args: Parameters<typeof actual.scrypt>) => {
      const options = args[3] as { N?: number; r?: number; p?: number };
      derivations.push({ N: options.N, r: options.r, p: options.p });
      return (actual.scrypt as (...a: unknown[]) => void)(...args);
    },
  };
});

/**
 * Issue 15, item 5: accounts without a password answered in ~2 ms, unknown e-mails and wrong
 * passwords in ~38 ms, with the same message. Every failed sign-in now runs one scrypt
 * derivation at the same cost.
 */
describe.each(testEngines)('the cost of a failed sign-in on $engine', (engine) => {
  let desk: DeskTestDatabase;

  beforeAll(async () => {
    desk = await openDeskTestDatabase(engine);
    const at = '2026-01-05T09:00:00.000Z';
    const user = (email: string, password_hash: string | null, active = 1) => ({
      email,
      name: email,
      role: 'end_user' as const,
      organisation_id: null,
      phone: null,
      title: null,
      password_hash,
      active,
      created_at: at,
    });
    await desk.db
      .insertInto('desk_users')
      .values([
        user('with.password@acorn.example', await hashPassword('right password')),
        user('no.password@acorn.example', null),
        user('broken.hash@acorn.example', 'scrypt$not$a$hash'),
        user('gone@acorn.example', await hashPassword('right password'), 0),
      ])
      .execute();
  });
  afterAll(async () => desk?.close());

  it.each([
    ['an unknown e-mail', 'nobody@acorn.example', 'any password'],
    ['an account without a password', 'no.password@acorn.example', 'any password'],
    ['an account with a malformed hash', 'broken.hash@acorn.example', 'any password'],
    ['a deactivated account', 'gone@acorn.example', 'right password'],
    ['a wrong password', 'with.password@acorn.example', 'wrong password'],
  ])(
    '%s: refused after exactly one derivation at the standard cost',
    async (_label, email, password) => {
      const accounts = createDeskAccounts(desk.db);
      derivations.length = 0;
      expect(await accounts.verifyPassword(email, password)).toBeUndefined();
      expect(derivations).toEqual([{ ...passwordHashParameters }]);
    },
  );

  it('the right password signs in, after the same one derivation', async () => {
    const accounts = createDeskAccounts(desk.db);
    derivations.length = 0;
    expect(
      await accounts.verifyPassword('with.password@acorn.example', 'right password'),
    ).toMatchObject({
      email: 'with.password@acorn.example',
    });
    expect(derivations).toEqual([{ ...passwordHashParameters }]);
  });
});
