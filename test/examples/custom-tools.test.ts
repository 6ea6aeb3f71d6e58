import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, startTestServer, type TestServer } from '../../core/index.js';
import {
  agentGrant,
  customAgentTools,
  demoTokens,
} from '../../examples/servicedesk/servicedesk.config.js';
import type { DeskTables } from '../../plugins/desk/index.js';
import { call } from '../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../helpers/example-desk.js';
import type { FreshDatabase } from '../helpers/fresh-postgres-database.js';
import { testEngines } from '../helpers/test-databases.js';

interface WhitespaceRow {
  readonly service_name: string;
  readonly has: boolean;
}

/**
 * Issue 6's custom tools as the example server configures them, through the SDK client against
 * its own Agent Functions: the reference scenario, and each kind's own scope.
 */
describe.each(testEngines)('the example’s custom tools on $engine', (engine) => {
  let database: FreshDatabase;
  let t: TestServer;
  let sam: Client;
  let db: Kysely<DeskTables> | undefined;

  beforeAll(async () => {
    database = await engine.createDatabase();
    t = await startTestServer({
      plugins: [
        ...exampleDeskPlugins(200),
        // Reads the store behind the tools, to check what they left there.
        definePlugin({
          id: 'store-probe',
          version: '1.0.0',
          setup: (ctx) => void (db = ctx.db.withTables<DeskTables>()),
        }),
      ],
      collections: exampleCollections(),
      tokens: [
        ...demoTokens,
        // An agent granted only the built-in tools: none of the custom ones shows.
        { ...demoTokens[1]!, token: 'plain-agent', name: 'plain-agent', scopes: agentGrant },
      ],
      databaseUrl: database.url,
    });
    sam = t.clients['agent']!;
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  it('lists every custom tool to the agent, each behind its own scope', async () => {
    const names = (await sam.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining([...customAgentTools]));
    const plain = await t.connect('agent', 'plain-agent');
    const plainNames = (await plain.listTools()).tools.map((tool) => tool.name);
    for (const name of customAgentTools) expect(plainNames).not.toContain(name);
    const user = (await t.clients['user']!.listTools()).tools.map((tool) => tool.name);
    for (const name of customAgentTools) expect(user).not.toContain(name);
  });

  it('"get me the whitespace report for Acorn Construction and log an opportunity for every service they do not have"', async () => {
    const report = await call(sam, 'get_report_whitespace', {
      customer: 'Acorn Construction',
      limit: 500,
    });
    expect(report.isError, report.text).toBe(false);
    const rows = report.out.rows as WhitespaceRow[];
    const gaps = rows.filter((row) => !row.has).map((row) => row.service_name);
    expect(gaps).toEqual(report.out.summary.lacking);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.length).toBeLessThan(rows.length);
    const contact = report.out.summary.account_manager as { id: number; email: string };
    expect(contact.email).toMatch(/@helpdesk\.example$/);

    const acorn = await db!
      .selectFrom('desk_organisations')
      .select('id')
      .where('name', '=', 'Acorn Construction')
      .executeTakeFirstOrThrow();
    const opportunities = () =>
      db!
        .selectFrom('desk_tickets as t')
        .innerJoin('desk_ticket_types as type', 'type.id', 't.type_id')
        .select(['t.id', 't.summary', 't.details', 't.agent_id', 't.custom_fields'])
        .where('type.key', '=', 'opportunity')
        .where('t.organisation_id', '=', acorn.id)
        .orderBy('t.id')
        .execute();
    const before = await opportunities();

    for (const service of gaps) {
      const text = `Acorn Construction - ${service}`;
      const logged = await call(sam, 'log_opportunity', {
        summary: text,
        details: text,
        service,
        organisation: 'Acorn Construction',
        agent: contact.email,
      });
      expect(logged.isError, logged.text).toBe(false);
    }

    const after = await opportunities();
    const added = after.filter((ticket) => !before.some((old) => old.id === ticket.id));
    expect(added.map((ticket) => ticket.summary).sort()).toEqual(
      gaps.map((service) => `Acorn Construction - ${service}`).sort(),
    );
    for (const ticket of added) {
      expect(ticket.details).toBe(ticket.summary);
      expect(Number(ticket.agent_id)).toBe(contact.id);
      const fields = (
        typeof ticket.custom_fields === 'string'
          ? JSON.parse(ticket.custom_fields)
          : ticket.custom_fields
      ) as Record<string, unknown>;
      expect(`Acorn Construction - ${String(fields['service'])}`).toBe(ticket.summary);
    }
  });

  it('runs the raise-and-resolve runbook as the agent and stores the run', async () => {
    const run = await call(sam, 'run_raise_and_resolve', {
      summary: 'VPN keeps dropping',
      details: 'The VPN drops every few minutes since this morning.',
      service: 'VPN and Remote Access',
      mode: 'start',
    });
    expect(run.isError, run.text).toBe(false);
    let status = '';
    for (let attempt = 0; attempt < 100 && !['completed', 'failed'].includes(status); attempt++) {
      const seen = await call(sam, 'get_runbook_run', { runId: run.out.runId });
      expect(seen.isError, seen.text).toBe(false);
      status = seen.out.status as string;
      if (status === 'running') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('completed');
  });

  it('says how to configure a language model when none is, and writes nothing', async () => {
    const notes = async () =>
      Number(
        (
          await db!
            .selectFrom('desk_notes')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const open = await db!
      .selectFrom('desk_tickets')
      .select('id')
      .where('status', 'in', ['new', 'open', 'pending'])
      .executeTakeFirstOrThrow();
    const before = await notes();
    const result = await call(sam, 'run_ai_summarise', { ticketId: open.id, writeBack: true });
    expect(result.isError).toBe(true);
    expect(result.text).toContain(
      'No language model is configured: set SDM_AI_URL and SDM_AI_MODEL',
    );
    expect(await notes()).toBe(before);
  });
});
