import { seedDemoData } from '../../../plugins/desk/demo/seed.js';
import { createDeskStore, type DeskStore } from '../../../plugins/desk/store/desk-store.js';
import type { TestEngine } from '../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from './desk-test-database.js';

/** The clock of tests on the demo desk: the seed's history ends here. */
export const demoNow = new Date('2026-03-02T09:00:00.000Z');

/** A fresh database of `testEngine` loaded with the demo desk (few tickets) and its store. */
export async function openDemoDesk(
  testEngine: TestEngine,
  tickets = 40,
): Promise<DeskTestDatabase & { readonly store: DeskStore }> {
  const database = await openDeskTestDatabase(testEngine);
  try {
    await seedDemoData(database.db, database.engine, {
      tickets,
      seed: 11,
      until: demoNow.toISOString(),
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const store = createDeskStore({ db: database.db, engine: database.engine, now: () => demoNow });
  return { ...database, store };
}
