import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../core/log/logger.js';
import {
  recentTicketSearchWindow,
  type RecentTicketSearchWindow,
} from '../../../../plugins/desk/search/recent-ticket-search.js';
import { keepRecentTicketSearchFresh } from '../../../../plugins/desk/search/recent-ticket-search-upkeep.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDeskTestDatabase, type DeskTestDatabase } from '../desk-test-database.js';
import { insertIncident, insertSearchPeople, type SearchPeople } from './search-fixture.js';

const postgres = testEngines.find((engine) => engine.engine === 'postgres')!;

/** An index of three tickets, so a handful of new ones make it stale. */
const size = 3;

describe('the upkeep of the recent-ticket search index (PostgreSQL)', () => {
  let desk: DeskTestDatabase;
  let people: SearchPeople;
  type LogLine = { level: string; msg: string; error?: string };
  const lines: LogLine[] = [];
  const log = createLogger({
    level: 'info',
    sink: (line) => lines.push(JSON.parse(line) as LogLine),
  });

  const rebuilt = () => lines.filter((line) => line.msg.startsWith('rebuilt the recent-ticket'));

  const insertTickets = async (count: number): Promise<number> => {
    let newest = 0;
    for (let i = 0; i < count; i += 1) {
      newest = await insertIncident(desk.db, people, `Printer jams, report ${i}`);
    }
    return newest;
  };

  /** Waits until `done` holds of the index's window, failing after five seconds. */
  const windowBecomes = async (
    what: string,
    done: (window: RecentTicketSearchWindow) => boolean,
  ): Promise<RecentTicketSearchWindow> => {
    const until = Date.now() + 5000;
    for (;;) {
      const window = await recentTicketSearchWindow(desk.db);
      if (done(window)) return window;
      if (Date.now() > until) throw new Error(`${what}: ${JSON.stringify(window)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    desk = await openDeskTestDatabase(postgres);
    people = await insertSearchPeople(desk.db);
    await sql`update desk_tickets_recent_index set size = ${size}`.execute(desk.db);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('rebuilds at once and then whenever the index outgrows twice its size, until closed', async () => {
    const first = await insertTickets(2 * size + 1);
    const upkeep = keepRecentTicketSearchFresh(desk.db, { everyMs: 50, log });
    let settled: RecentTicketSearchWindow;
    try {
      await windowBecomes('no rebuild at start', (w) => w.floor === first - size);
      // Checks run while these are written, so where the floor lands depends on timing; what
      // holds is that it moved and the index again spans at most twice its size.
      await insertTickets(2 * size + 1);
      settled = await windowBecomes(
        'no rebuild after the index outgrew its size',
        // The log line follows the rebuild's commit, so it is waited for too.
        (w) => w.floor > first - size && w.newest - w.floor <= 2 * size && rebuilt().length >= 2,
      );
      expect(rebuilt().length).toBeGreaterThanOrEqual(2);
    } finally {
      await upkeep.close();
    }
    await insertTickets(2 * size + 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await recentTicketSearchWindow(desk.db)).floor).toBe(settled.floor);
  });

  it('logs a failed check and succeeds on a later one', async () => {
    lines.length = 0;
    const newest = await insertTickets(2 * size + 1);
    await sql`alter table desk_tickets_recent_index rename to desk_tickets_recent_away`.execute(
      desk.db,
    );
    const upkeep = keepRecentTicketSearchFresh(desk.db, { everyMs: 50, log });
    try {
      const until = Date.now() + 5000;
      while (!lines.some((line) => line.level === 'warn')) {
        if (Date.now() > until) throw new Error('no warning was logged');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(lines.find((line) => line.level === 'warn')).toMatchObject({
        msg: 'could not rebuild the recent-ticket search index; will try again',
        error: expect.stringContaining('desk_tickets_recent_index'),
      });
      await sql`alter table desk_tickets_recent_away rename to desk_tickets_recent_index`.execute(
        desk.db,
      );
      await windowBecomes('no rebuild after the failure', (w) => w.floor === newest - size);
    } finally {
      await upkeep.close();
    }
  });
});
