import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskTables } from '../../../../plugins/desk/schema/tables.js';
import type { DeskUser } from '../../../../plugins/desk/store/directory.js';
import type { DeskTransaction } from '../../../../plugins/desk/store/desk-transaction.js';
import { createPrincipalCache } from '../../../../plugins/desk/store/principal-cache.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, principalFor, type TicketFixture } from './ticket-fixture.js';

const user = (id: number) => ({ id, email: `u${id}@example.com` }) as DeskUser;

describe('the principal cache', () => {
  it('looks a caller up once within its time, by e-mail in any case', async () => {
    const cache = createPrincipalCache(60_000);
    let lookups = 0;
    const lookup = () => Promise.resolve(user(++lookups));
    expect(await cache.resolve('Jo@Example.com', lookup)).toEqual(user(1));
    expect(await cache.resolve(' jo@example.com', lookup)).toEqual(user(1));
    expect(lookups).toBe(1);
  });

  it('looks again once the entry has expired, after clear(), and after a failed lookup', async () => {
    const cache = createPrincipalCache(20);
    let lookups = 0;
    const lookup = () => Promise.resolve(user(++lookups));
    await cache.resolve('jo@example.com', lookup);
    await sleep(30);
    expect(await cache.resolve('jo@example.com', lookup)).toEqual(user(2));
    cache.clear();
    expect(await cache.resolve('jo@example.com', lookup)).toEqual(user(3));
    const failing = () => Promise.reject(new Error('connection lost'));
    await expect(cache.resolve('kim@example.com', failing)).rejects.toThrow('connection lost');
    expect(await cache.resolve('kim@example.com', lookup)).toEqual(user(4));
  });

  it('keeps at most its size, dropping the oldest entry first', async () => {
    const cache = createPrincipalCache(60_000, 2);
    let lookups = 0;
    const lookup = () => Promise.resolve(user(++lookups));
    for (const email of ['a@x', 'b@x', 'c@x']) await cache.resolve(email, lookup);
    expect(await cache.resolve('c@x', lookup)).toEqual(user(3));
    expect(await cache.resolve('a@x', lookup)).toEqual(user(4));
  });
});

describe.each(testEngines)('the store’s principal cache on $engine', (engine) => {
  let fixture: TicketFixture;
  const email = 'jo.bloggs@acorn.example';
  // A fresh principal per call, as the core builds one per request.
  const jo = () => principalFor(email);
  const setActive = (active: number) =>
    fixture.db.updateTable('desk_users').set({ active }).where('email', '=', email).execute();

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  // Deactivates the caller through a transaction's own connection, as a plugin's write would.
  const deactivateIn = async (tx: DeskTransaction): Promise<void> => {
    await tx.db
      .withTables<DeskTables>()
      .updateTable('desk_users')
      .set({ active: 0 })
      .where('email', '=', email)
      .execute();
  };

  it('is not filled from inside a transaction that rolls back, and a commit clears it', async () => {
    const { directory } = fixture.store;
    const before = await directory.resolvePrincipal(jo());
    expect(before?.email).toBe(email);
    const rolledBack = new Error('roll back');
    await expect(
      fixture.store.transaction(async (tx) => {
        await deactivateIn(tx);
        // The transaction sees its own write, not the store's cache.
        expect(await tx.desk.directory.resolvePrincipal(jo())).toBeUndefined();
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await directory.resolvePrincipal(jo()))?.id).toBe(before?.id);

    await fixture.store.transaction(deactivateIn);
    expect(await directory.resolvePrincipal(jo())).toBeUndefined();
    await setActive(1);
  });

  it('reuses a caller’s desk user across requests for a few seconds', async () => {
    const { directory } = fixture.store;
    await fixture.store.transaction(() => Promise.resolve()); // starts from an empty cache
    const first = await directory.resolvePrincipal(jo());
    await setActive(0);
    // Written behind the store's back: the cached user stands until the entry expires.
    expect((await directory.resolvePrincipal(jo()))?.id).toBe(first?.id);
    await setActive(1);
  });
});
