import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  addNote,
  countUnacknowledged,
  createLedger,
  createTicket,
  findHalfWritten,
  findLostAcknowledged,
  logTime,
  openDesk,
  readTicketsAbove,
} from './acknowledged-writes.js';

const clients = 200;
const agentToken = 'demo-agent-token';

/**
 * The campaign of issue 14 found no lost update with 200 clients writing to one ticket at once
 * through two server processes on one database; this keeps it so. Each client logs a known
 * number of minutes and adds a note: what is stored must be exactly what was acknowledged.
 */
describe.each(testEngines)(
  '200 concurrent clients on two servers on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase;
    const servers: ExampleServer[] = [];
    const connected: Client[] = [];

    beforeAll(async () => {
      database = await createDatabase();
      // One after the other: the first migrates and seeds the empty database, the second finds it.
      for (let n = 0; n < 2; n++) {
        const server = spawnExampleServer({
          databaseUrl: database.url,
          env: { LOG_LEVEL: 'warn', ...withoutCallBudgets },
        });
        servers.push(server);
        await server.ready;
      }
    }, 60_000);

    afterAll(async () => {
      await Promise.all(connected.map((client) => client.close()));
      for (const server of servers) await server.kill();
      await database?.drop();
    });

    it('stores exactly the minutes and notes it acknowledged, and moves the version once for each', async ({
      annotate,
    }) => {
      const urls = await Promise.all(
        servers.map(async (server) => (await server.ready).collections.get('Agent Functions')!),
      );
      connected.push(
        ...(await Promise.all(
          Array.from({ length: clients }, (_, i) => connectClient(urls[i % 2]!, agentToken)),
        )),
      );
      const ledger = createLedger();
      await createTicket(connected[0]!, ledger, 'shared by 200 clients');
      const [ticketId] = [...ledger.tickets.keys()];
      expect(ticketId).toBeDefined();

      // Every client at once, half through each server: a known number of minutes and a note.
      const answered = await Promise.allSettled(
        connected.flatMap((client, i) => [
          logTime(client, ledger, { ticketId: ticketId!, minutes: i + 1 }),
          addNote(client, ledger, { ticketId: ticketId!, body: `Client ${i} was here.` }),
        ]),
      );
      expect(answered.filter((outcome) => outcome.status === 'rejected')).toEqual([]);

      const acknowledgedMinutes = [...ledger.timeEntries.values()].reduce(
        (sum, entry) => sum + entry.minutes,
        0,
      );
      const desk = await openDesk(database.url);
      try {
        const written = await readTicketsAbove(desk, defaultDemoTicketCount);
        expect(findLostAcknowledged(written, ledger)).toEqual([]);
        expect(countUnacknowledged(written, ledger)).toEqual({
          tickets: 0,
          notes: 0,
          timeEntries: 0,
        });
        expect(findHalfWritten(written)).toEqual([]);
        const [ticket] = written.tickets;
        expect(ticket?.version).toBe(1 + ledger.timeEntries.size + ledger.notes.size);
        expect(written.timeEntries.reduce((sum, entry) => sum + entry.minutes, 0)).toBe(
          acknowledgedMinutes,
        );
      } finally {
        await desk.destroy();
      }
      // Both servers serve the same totals.
      for (const client of connected.slice(0, 2)) {
        const { out } = await call(client, 'get_ticket', { ticketId });
        expect(out.ticket).toMatchObject({
          minutes_logged: acknowledgedMinutes,
          version: 1 + ledger.timeEntries.size + ledger.notes.size,
        });
        expect(out.ticket.notes).toHaveLength(ledger.notes.size);
      }
      await annotate(
        `acknowledged ${ledger.timeEntries.size} time entries (${acknowledgedMinutes} min) and ` +
          `${ledger.notes.size} notes of ${clients} each; refused: ${ledger.refused.length}` +
          (ledger.refused.length > 0 ? ` (${ledger.refused[0]})` : ''),
      );
    }, 120_000);
  },
);
