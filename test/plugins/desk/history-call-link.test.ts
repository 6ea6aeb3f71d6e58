import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin, deskStoreRef, type DeskTables } from '../../../plugins/desk/index.js';
import { call } from '../../helpers/call-tool.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';

/** A tool that logs a ticket through the desk store, as the ticket tools do. */
const loggerPlugin = definePlugin({
  id: 'ticket-logger',
  version: '0.0.0',
  requires: ['desk'],
  scopes: { 'logger:write': 'Log tickets' },
  setup(ctx) {
    const desk = ctx.services.get(deskStoreRef);
    ctx.addTool(
      defineTool({
        name: 'log_ticket',
        title: 'Log a ticket',
        description: 'Logs a service request.',
        input: z.object({ summary: z.string() }),
        output: z.object({ id: z.number() }),
        scopes: ['logger:write'],
        handler: async ({ input, principal }) => {
          const ticket = await desk.tickets.create(principal, {
            type: 'service_request',
            summary: input.summary,
            details: 'Logged by the test',
            provenance: 'ai',
          });
          return { id: ticket.id };
        },
      }),
    );
  },
});

describe.each(testEngines)('history rows lead to the audit row on $engine', (testEngine) => {
  let database: FreshDatabase;
  let t: TestServer;

  beforeAll(async () => {
    database = await testEngine.createDatabase();
    t = await startTestServer({
      plugins: [deskPlugin({ demoData: 'if-empty', demoTickets: 0 }), loggerPlugin],
      collections: [
        defineCollection({
          id: 'agent',
          title: 'Agent Functions',
          plugins: ['ticket-logger'],
          grant: ['logger:write', 'tickets:write:all', 'tickets:read:all'],
        }),
      ],
      tokens: [
        {
          token: 'sam-token',
          name: 'copilot-studio',
          userId: 'sam@helpdesk.example',
          role: 'agent',
          scopes: ['logger:write', 'tickets:write:all', 'tickets:read:all'],
          collections: ['agent'],
        },
      ],
      databaseUrl: database.url,
    });
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('records the principal and the call’s correlation id on every row the call wrote', async () => {
    const logged = await call(t.clients['agent']!, 'log_ticket', { summary: 'New monitor' });
    expect(logged.isError).toBe(false);
    await t.server.audit.flush();
    const [audit] = await t.server.audit.query({ since: new Date(0), tool: 'log_ticket' });
    const history = await t.server.db
      .withTables<DeskTables>()
      .selectFrom('desk_ticket_history')
      .selectAll()
      .where('ticket_id', '=', logged.out.id as number)
      .execute();
    expect(history.length).toBeGreaterThan(0);
    for (const row of history) {
      expect(row).toMatchObject({
        provenance: 'ai',
        collection: 'agent',
        client: 'copilot-studio',
        principal: 'sam@helpdesk.example',
        correlation_id: audit!.correlation_id,
      });
    }
  });
});
