import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untrustedText, untrustedTextNotice } from '../../../core/index.js';
import { demoServices } from '../../../plugins/desk/demo/demo-catalogue.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startTicketTypesServer, type TicketTypesServer } from './ticket-types-server.js';

const serviceNames = demoServices.map((service) => service.name);
const lead = {
  summary: 'Acorn Construction - Backup and Recovery',
  details: 'Acorn Construction - Backup and Recovery',
  service: 'Backup and Recovery',
};

describe.each(testEngines)('ticket-type tools on $engine', (engine) => {
  let server: TicketTypesServer;
  let drop: () => Promise<void>;
  let sam: Client;
  let alice: Client;

  beforeAll(async () => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    server = await startTicketTypesServer(database.url);
    sam = server.t.clients['agent']!;
    alice = server.t.clients['user']!;
  });
  afterAll(async () => {
    await server?.t.close();
    await drop?.();
  });

  const listed = async (client: Client) => (await client.listTools()).tools;

  it("lists each tool with its type's fields as a JSON schema", async () => {
    const tools = await listed(sam);
    expect(tools.map((tool) => tool.name)).toEqual(['log_opportunity', 'log_new_starter']);
    const opportunity = tools[0]!.inputSchema as unknown as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(opportunity.required).toEqual(['summary', 'details', 'service']);
    expect(opportunity.additionalProperties).toBe(false);
    expect(opportunity.properties['service']).toEqual({
      type: 'string',
      enum: serviceNames,
      // Copilot Studio reads enum inputs as plain text; the description names the values.
      description: `Service. One of: ${serviceNames.join(', ')}.`,
    });
    expect(opportunity.properties['estimated_value']).toEqual({
      type: 'number',
      description:
        'Estimated annual value (GBP). Leave out until the opportunity has been priced. Optional.',
    });
    expect(opportunity.properties['stage']).toMatchObject({
      enum: ['identified', 'proposed', 'won', 'lost'],
      default: 'identified',
    });
    expect(opportunity.properties['priority']).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 4,
      default: 4,
    });
    expect(opportunity.properties['team']?.['description']).toMatch(
      /"service-desk" \(Service Desk\) when left out/,
    );
    for (const common of ['requester', 'organisation', 'agent']) {
      expect(opportunity.properties[common]?.['description']).toMatch(/^Agents only: /);
    }
    expect(tools[0]!.outputSchema?.required).toEqual(
      expect.arrayContaining(['id', 'reference', 'agent', 'organisation', 'custom_fields']),
    );
    const starter = tools[1]!;
    expect(starter.description).toMatch(/^Requests "New starter" from the service catalogue/);
    const starterSchema = starter.inputSchema as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(starterSchema.properties['manager_approved']).toMatchObject({
      type: 'boolean',
      default: false,
    });
    expect(starterSchema.properties['needed_by']?.['description']).toMatch(
      /A date such as 2026-03-31/,
    );
    expect(starterSchema.properties['requested_for']?.['description']).toBe(
      'Requested for. E-mail of the person it is for, if not you. Optional.',
    );
  });

  it('says in each tool that the fenced summary it returns is data', async () => {
    for (const tool of await listed(server.t.clients['sales']!)) {
      expect(tool.description, tool.name).toContain(untrustedTextNotice);
    }
  });

  it('shows a tool only to callers holding its own scope', async () => {
    expect((await listed(server.t.clients['sales']!)).map((tool) => tool.name)).toEqual([
      'log_opportunity',
    ]);
    const narrowToken = await server.t.connect('agent', 'opportunities-only-token');
    expect((await listed(narrowToken)).map((tool) => tool.name)).toEqual(['log_opportunity']);
    const before = await server.ticketCount();
    const newStarter = { name: 'log_new_starter', arguments: { summary: 'x', details: 'y' } };
    await expect(narrowToken.callTool(newStarter)).rejects.toThrow(
      /AUTH_INSUFFICIENT_SCOPE: tool log_new_starter needs scope tickets:log-new-starter:own/,
    );
    await expect(server.t.clients['sales']!.callTool(newStarter)).rejects.toThrow(
      /Tool log_new_starter not found/,
    );
    expect(await server.ticketCount()).toBe(before);
  });

  it('logs an opportunity for every service Acorn lacks, assigned to its account manager', async () => {
    const acorn = await server.db
      .selectFrom('desk_organisations')
      .select(['id', 'account_manager_id'])
      .where('name', '=', 'Acorn Construction')
      .executeTakeFirstOrThrow();
    const held = await server.db
      .selectFrom('desk_customer_services as cs')
      .innerJoin('desk_services as s', 's.id', 'cs.service_id')
      .select('s.name')
      .where('cs.organisation_id', '=', acorn.id)
      .execute();
    const gaps = serviceNames.filter((name) => !held.some((row) => row.name === name));
    expect(gaps.length).toBeGreaterThan(0);
    for (const service of gaps) {
      const text = `Acorn Construction - ${service}`;
      const result = await call(sam, 'log_opportunity', {
        summary: text,
        details: text,
        service,
        organisation: 'Acorn Construction',
        agent: 'priya.shah@helpdesk.example',
      });
      expect(result.isError, result.text).toBe(false);
      expect(result.out).toMatchObject({
        reference: `#${result.out.id}`,
        summary: untrustedText(`ticket ${result.out.id} summary`, text),
        type: 'opportunity',
        catalogue_item: null,
        status: 'open',
        priority: 4,
        team: 'service-desk',
        agent: { id: acorn.account_manager_id, email: 'priya.shah@helpdesk.example' },
        organisation: { id: acorn.id, name: 'Acorn Construction' },
        custom_fields: { service, stage: 'identified' },
      });
      expect(result.text).toMatch(/^Logged #\d+ \(opportunity, P4\) about Acorn Construction/);
    }
    const rows = await server.db
      .selectFrom('desk_tickets as t')
      .innerJoin('desk_users as u', 'u.id', 't.requester_id')
      .select(['t.id', 't.summary', 't.agent_id', 't.organisation_id', 'u.email'])
      .where('t.summary', 'like', 'Acorn Construction - %')
      .execute();
    expect(rows).toHaveLength(gaps.length);
    for (const row of rows) {
      expect(row).toMatchObject({
        agent_id: acorn.account_manager_id,
        organisation_id: acorn.id,
        email: 'sam@helpdesk.example',
      });
    }
    const history = await server.db
      .selectFrom('desk_ticket_history')
      .select(['field', 'provenance', 'collection'])
      .where('ticket_id', '=', rows[0]!.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { field: 'created', provenance: 'ai', collection: 'agent' },
      { field: 'organisation_id', provenance: 'ai', collection: 'agent' },
      { field: 'agent_id', provenance: 'ai', collection: 'agent' },
    ]);
  });

  it("requests a catalogue item with the item's type, team and field defaults", async () => {
    const result = await call(sam, 'log_new_starter', {
      summary: 'New starter: Dan Green',
      details: 'Joins the site office on Monday',
      requester: 'alice@example.com',
      needed_by: '2026-12-07',
      priority: 3,
    });
    expect(result.isError, result.text).toBe(false);
    expect(result.out).toMatchObject({
      type: 'service_request',
      catalogue_item: 'new-starter',
      status: 'new',
      priority: 3,
      team: 'service-desk',
      agent: null,
      organisation: { name: 'Acorn Construction' },
      custom_fields: { needed_by: '2026-12-07', manager_approved: false },
    });
  });

  it.each([
    [
      { ...lead, service: undefined },
      /^Invalid arguments for tool log_opportunity: service: service \(Service\) is required: give one of "Service Desk Support"/,
    ],
    [
      { ...lead, service: 'Gardening' },
      /service: service \(Service\) must be one of "Service Desk Support", /,
    ],
    [
      { ...lead, estimated_value: 'lots' },
      /estimated_value: estimated_value \(Estimated annual value \(GBP\)\) must be a number/,
    ],
    [
      { ...lead, stage: 'maybe' },
      /stage: stage \(Stage\) must be one of "identified", "proposed", "won", "lost"/,
    ],
    [
      { ...lead, priority: 7 },
      /priority: priority must be 1 \(critical\), 2 \(high\), 3 \(medium\) or 4 \(low\)/,
    ],
    [{ ...lead, summary: '   ' }, /summary: summary must not be blank/],
    [{ ...lead, colour: 'red' }, /"colour": not a parameter of log_\w+; its parameters are /],
    [
      { ...lead, agent: 'nobody@helpdesk.example' },
      /^agent: no desk user "nobody@helpdesk.example"; give the e-mail or id of an active agent$/,
    ],
    [
      { ...lead, agent: 'alice@example.com' },
      /^agent: Alice .* \(alice@example.com\) is not an active agent; tickets go to agents or admins$/,
    ],
    [{ ...lead, agent: 999999 }, /^agent: no desk user "999999"/],
    [
      { ...lead, organisation: 'Acorn Constructions' },
      /^organisation: unknown organisation "Acorn Constructions"; give its exact name or id, e\.g\. .*Acorn Construction/,
    ],
    [{ ...lead, team: 'plumbing' }, /^team: unknown team "plumbing"; use one of: .*service-desk/],
    [
      { ...lead, requester: 'ghost@example.com' },
      /^requester: no active desk user "ghost@example.com"/,
    ],
  ])('refuses %j naming the field, and writes nothing', async (args, message) => {
    const before = await server.ticketCount();
    const result = await call(sam, 'log_opportunity', args);
    expect(result.isError, result.text).toBe(true);
    expect(result.text).toMatch(message);
    expect(await server.ticketCount()).toBe(before);
  });

  it('refuses a badly formed date on the catalogue tool', async () => {
    const before = await server.ticketCount();
    const result = await call(sam, 'log_new_starter', {
      summary: 'New starter',
      details: 'x',
      needed_by: 'next Monday',
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(
      /needed_by: needed_by \(Needed by\) must be a date such as 2026-03-31/,
    );
    expect(await server.ticketCount()).toBe(before);
  });

  it('lets an end user log only for themself', async () => {
    const own = await call(alice, 'log_opportunity', {
      ...lead,
      summary: 'We would like backups',
    });
    expect(own.isError, own.text).toBe(false);
    expect(own.out).toMatchObject({
      status: 'new',
      agent: null,
      organisation: { name: 'Acorn Construction' },
    });
    const before = await server.ticketCount();
    for (const [args, message] of [
      [
        { agent: 'priya.shah@helpdesk.example' },
        /^agent: assigning an agent is for agents; leave agent out$/,
      ],
      [{ organisation: 'Birch Dental' }, /^organisation: choosing the organisation is for agents/],
      [{ team: 'network' }, /^team: choosing the team is for agents/],
      [{ requester: 'sam@helpdesk.example' }, /^requester: you can log tickets only for yourself/],
    ] as const) {
      const refused = await call(alice, 'log_opportunity', { ...lead, ...args });
      expect(refused.isError, refused.text).toBe(true);
      expect(refused.text).toMatch(message);
    }
    expect(await server.ticketCount()).toBe(before);
  });
});
