import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareTransaction } from '../../../../plugins/desk/store/shared-transaction.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, type TicketFixture } from './ticket-fixture.js';

describe.each(testEngines)('a shared transaction on $engine', (engine) => {
  let fixture: TicketFixture;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const teamCount = async () =>
    (await fixture.db.selectFrom('desk_teams').select('key').execute()).length;

  it('undoes a failed write to its savepoint and keeps the work around it', async () => {
    const before = await teamCount();
    const trx = await fixture.db.startTransaction().execute();
    const shared = shareTransaction(trx);
    await trx.insertInto('desk_teams').values({ key: 'noc', name: 'NOC' }).execute();
    const failure = new Error('refused half-way');
    const failed = shared.write(async (inner) => {
      await inner.insertInto('desk_teams').values({ key: 'half', name: 'Half' }).execute();
      throw failure;
    });
    await expect(failed).rejects.toBe(failure);
    await shared.write((inner) =>
      inner.insertInto('desk_teams').values({ key: 'whole', name: 'Whole' }).execute(),
    );
    await trx.commit().execute();
    const keys = await fixture.db.selectFrom('desk_teams').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(expect.arrayContaining(['noc', 'whole']));
    expect(keys.map((k) => k.key)).not.toContain('half');
    expect(await teamCount()).toBe(before + 2);
  });

  it('is broken, refusing every later write, when a savepoint cannot be undone', async () => {
    const trx = await fixture.db.startTransaction().execute();
    const shared = shareTransaction(trx);
    const failure = new Error('the engine ended the transaction');
    const failed = shared.write(async (inner) => {
      await sql`rollback`.execute(inner); // as SQLite does by itself on a full disk
      throw failure;
    });
    await expect(failed).rejects.toBe(failure);
    expect(shared.broken).toEqual({ error: failure });
    await expect(shared.write(() => Promise.resolve('more'))).rejects.toBe(failure);
    await trx.rollback().execute();
  });
});
