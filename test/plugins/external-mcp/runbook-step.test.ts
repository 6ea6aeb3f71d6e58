import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCollection, startTestServer, type TestServer } from '../../../core/index.js';
import { openDatabase, storageFromUrl } from '../../../core/storage/database.js';
import { agentGrant } from '../../../examples/servicedesk/servicedesk.config.js';
import type { DeskTables } from '../../../plugins/desk/index.js';
import { externalMcpPlugin } from '../../../plugins/external-mcp/index.js';
import { defineRunbook, runbooksPlugin } from '../../../plugins/runbooks/index.js';
import { call } from '../../helpers/call-tool.js';
import { exampleDeskPlugins } from '../../helpers/example-desk.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { everythingServer, freePort, type EverythingServer } from './support/everything-server.js';
import { opsToken } from './support/outbound-server.js';

/** Asks the "monitoring system" about a site, notes the answer on the ticket and raises its priority. */
const checkSite = defineRunbook({
  id: 'check_site',
  title: 'Check a site in monitoring',
  description:
    'Reads the conditions at a site from the monitoring system, notes them on the ticket (privately) and sets the ticket to high priority.',
  input: z.object({
    ticketId: z.number().int().describe('The ticket to note the check on'),
    site: z.enum(['New York', 'Chicago', 'Los Angeles']).describe('The site to check'),
  }),
  steps: [
    {
      id: 'check',
      title: 'Ask monitoring',
      tool: 'ev_get-structured-content',
      arguments: { location: '{{ input.site }}' },
    },
    {
      id: 'note',
      title: 'Note the check',
      tool: 'add_note',
      arguments: {
        ticketId: '{{ input.ticketId }}',
        body: 'Monitoring at {{ input.site }}: {{ steps.check.result.conditions }}, {{ steps.check.result.temperature }} degrees',
        visibility: 'private',
      },
    },
    {
      id: 'raise',
      title: 'Raise the priority',
      tool: 'update_ticket',
      arguments: { ticketId: '{{ input.ticketId }}', priority: 2 },
    },
  ],
});

/** The same first step against a remote that never came up. */
const checkOffline = defineRunbook({
  id: 'check_offline',
  title: 'Check the offline monitoring system',
  description: 'Calls a tool of a remote that is down.',
  input: z.object({ ticketId: z.number().int() }),
  steps: [
    { id: 'check', tool: 'off_echo', arguments: { message: 'hello' } },
    {
      id: 'note',
      tool: 'add_note',
      arguments: { ticketId: '{{ input.ticketId }}', body: 'never written' },
    },
  ],
});

const grant = [...agentGrant, 'runbooks:run', 'runbooks:read:own', 'monitoring:read'];

interface RunOutput {
  status: string;
  steps: { id: string; status: string; error?: string }[];
}

describe.each(testEngines)(
  'a runbook step calls an imported tool ($engine)',
  ({ createDatabase }) => {
    let everything: EverythingServer;
    let database: FreshDatabase;
    let t: TestServer;
    let sam: Client;

    beforeAll(async () => {
      everything = await everythingServer();
      await everything.start();
      database = await createDatabase();
      t = await startTestServer({
        plugins: [
          ...exampleDeskPlugins(5).filter((plugin) => plugin.id !== 'runbooks'),
          runbooksPlugin({ runbooks: [checkSite, checkOffline] }),
          externalMcpPlugin({
            maxRetryDelayMs: 60_000,
            remotes: [
              {
                id: 'monitoring',
                prefix: 'ev',
                url: everything.url,
                tools: ['get-structured-content'],
                scopes: { 'monitoring:read': 'Read site conditions from the monitoring system' },
              },
              {
                id: 'offline',
                prefix: 'off',
                url: `http://127.0.0.1:${await freePort()}/mcp`,
                scopes: { 'monitoring:read': 'Read site conditions from the monitoring system' },
                connectTimeoutMs: 1_000,
              },
            ],
          }),
        ],
        collections: [
          defineCollection({
            id: 'ops',
            title: 'Agent Functions with monitoring',
            plugins: ['tickets', 'runbooks', 'external-mcp'],
            grant,
            roles: ['agent', 'admin'],
          }),
        ],
        tokens: [opsToken('sam', grant)],
        databaseUrl: database.url,
      });
      sam = t.clients['ops']!;
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      await database?.drop();
      await everything?.kill();
    });

    async function newTicket(summary: string): Promise<number> {
      const created = await call(sam, 'create_ticket', {
        type: 'incident',
        summary,
        details: 'Users report slowness.',
        customFields: { affected_service: 'Office Wi-Fi and LAN' },
      });
      expect(created.isError, created.text).toBe(false);
      return created.out.id as number;
    }

    async function stored(ticketId: number) {
      const db = await openDatabase(storageFromUrl(database.url));
      try {
        const desk = db.withTables<DeskTables>();
        return {
          notes: await desk
            .selectFrom('desk_notes')
            .select(['body', 'visibility'])
            .where('ticket_id', '=', ticketId)
            .execute(),
          priority: (
            await desk
              .selectFrom('desk_tickets')
              .select('priority')
              .where('id', '=', ticketId)
              .executeTakeFirstOrThrow()
          ).priority,
        };
      } finally {
        await db.destroy();
      }
    }

    it('checks the site through the remote, notes the answer on the ticket and raises its priority', async () => {
      const ticketId = await newTicket('Chicago office is slow');
      const run = await call(sam, 'run_check_site', { ticketId, site: 'Chicago' });
      expect(run.isError).toBe(false);
      const output = run.out as RunOutput;
      expect(output.status).toBe('completed');
      expect(output.steps.map((step) => [step.id, step.status])).toEqual([
        ['check', 'ok'],
        ['note', 'ok'],
        ['raise', 'ok'],
      ]);
      const after = await stored(ticketId);
      expect(after.notes).toContainEqual({
        body: 'Monitoring at Chicago: Light rain / drizzle, 36 degrees',
        visibility: 'private',
      });
      expect(after.priority).toBe(2);
    });

    it('fails the run at a step whose remote is down, and writes nothing after it', async () => {
      const ticketId = await newTicket('Offline check');
      const before = await stored(ticketId);
      const run = await call(sam, 'run_check_offline', { ticketId });
      const output = run.out as RunOutput;
      expect(output.status).toBe('failed');
      expect(output.steps[0]).toMatchObject({ id: 'check', status: 'error' });
      expect(output.steps[0]!.error).toMatch(/Tool off_echo not found/);
      expect(output.steps[1]).toMatchObject({ id: 'note', status: 'not_run' });
      expect(await stored(ticketId)).toEqual(before);
    });
  },
);
