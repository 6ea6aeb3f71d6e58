import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untrustedText } from '../../../core/index.js';
import { defaultDemoTicketCount } from '../../../plugins/desk/demo/seed.js';
import { call } from '../../helpers/call-tool.js';
import {
  connectClient,
  spawnExampleServer,
  withoutCallBudgets,
  type ExampleServer,
} from '../../helpers/example-server.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import {
  countUnacknowledged,
  createLedger,
  findHalfWritten,
  findLostAcknowledged,
  openDesk,
  readTicketsAbove,
  writeUntilUnanswered,
} from './acknowledged-writes.js';

const kills = 20;
const writers = 4;
// Each kill comes this long after the server is ready, at random: writes are always in flight.
const killAfterMs = { min: 150, max: 1200 };
const agentToken = 'demo-agent-token';

/**
 * The fault-injection campaign of issue 14 found that no write the server acknowledged is lost or
 * half-written when it is killed with SIGKILL mid-write and restarted; this keeps it so.
 */
describe.each(testEngines)('SIGKILL during writes on $engine', ({ createDatabase }) => {
  let database: FreshDatabase;
  let server: ExampleServer | undefined;

  beforeAll(async () => {
    database = await createDatabase();
  });

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it(`loses no acknowledged write and half-writes none across ${kills} kills`, async ({
    annotate,
  }) => {
    const ledger = createLedger();
    for (let round = 1; round <= kills; round++) {
      server = spawnExampleServer({ databaseUrl: database.url, env: withoutCallBudgets });
      const agentUrl = (await server.ready).collections.get('Agent Functions')!;
      const clients = await Promise.all(
        Array.from({ length: writers }, () => connectClient(agentUrl, agentToken)),
      );
      const writing = clients.map((client, w) =>
        writeUntilUnanswered(client, ledger, { label: `r${round}w${w}`, maxCalls: 5000 }),
      );
      await sleep(killAfterMs.min + Math.random() * (killAfterMs.max - killAfterMs.min));
      await server.kill();
      // Closing a client fails the call it was waiting for, so every writer stops.
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all(writing);
    }

    // The last restart: the server must serve every acknowledged write as it was acknowledged.
    server = spawnExampleServer({ databaseUrl: database.url, env: withoutCallBudgets });
    const agent = await connectClient(
      (await server.ready).collections.get('Agent Functions')!,
      agentToken,
    );
    const desk = await openDesk(database.url);
    try {
      const written = await readTicketsAbove(desk, defaultDemoTicketCount);
      const demoTickets = await desk
        .selectFrom('desk_tickets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', '<=', defaultDemoTicketCount)
        .executeTakeFirstOrThrow();
      expect(Number(demoTickets.n)).toBe(defaultDemoTicketCount);
      // Not vacuous: writes were acknowledged, and some were cut off by the kills.
      expect(ledger.tickets.size).toBeGreaterThan(0);
      expect(ledger.notes.size + ledger.timeEntries.size).toBeGreaterThan(0);
      expect(ledger.unanswered).toBeGreaterThan(0);
      expect(ledger.refused).toEqual([]);
      expect(findLostAcknowledged(written, ledger)).toEqual([]);
      expect(findHalfWritten(written)).toEqual([]);
      for (const row of written.tickets.filter((ticket) => ledger.tickets.has(ticket.id))) {
        const { isError, out } = await call(agent, 'get_ticket', { ticketId: row.id });
        expect(isError).toBe(false);
        const minutes = written.timeEntries
          .filter((entry) => entry.ticket_id === row.id)
          .reduce((sum, entry) => sum + entry.minutes, 0);
        expect(out.ticket).toMatchObject({
          summary: untrustedText(`ticket ${row.id} summary`, row.summary),
          version: row.version,
          minutes_logged: minutes,
        });
        const served = new Set((out.ticket.notes as { id: number }[]).map((note) => note.id));
        const notes = written.notes.filter((note) => note.ticket_id === row.id);
        expect(notes.filter((note) => !served.has(note.id))).toEqual([]);
      }
      const unacknowledged = countUnacknowledged(written, ledger);
      await annotate(
        `${kills} kills; acknowledged ${ledger.tickets.size} tickets, ${ledger.notes.size} notes, ` +
          `${ledger.timeEntries.size} time entries; ${ledger.unanswered} calls cut off, of which ` +
          `stored whole: ${JSON.stringify(unacknowledged)}`,
      );
    } finally {
      await desk.destroy();
      await agent.close();
    }
  }, 180_000);
});
