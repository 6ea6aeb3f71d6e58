import { afterEach, describe, expect, it } from 'vitest';
import type { TicketFieldDefinition } from '../../../plugins/desk/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import {
  configuredTools,
  startTicketTypesServer,
  type TicketTypesServer,
} from './ticket-types-server.js';

type Listed = { properties: Record<string, Record<string, unknown>>; required: string[] };

describe.each(testEngines)("a type's fields at the next start on $engine", (engine) => {
  let server: TicketTypesServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await server?.t.close();
    await drop?.();
    server = undefined;
    drop = undefined;
  });

  const opportunitySchema = async (running: TicketTypesServer) =>
    (await running.t.clients['agent']!.listTools()).tools.find(
      (tool) => tool.name === 'log_opportunity',
    )!.inputSchema as unknown as Listed;

  /** Starts on a fresh database, sets the opportunity type's fields, and stops again. */
  const databaseWithOpportunityFields = async (fields: readonly TicketFieldDefinition[]) => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    const first = await startTicketTypesServer(database.url);
    const before = await opportunitySchema(first);
    await first.db
      .updateTable('desk_ticket_types')
      .set({ fields: JSON.stringify(fields) })
      .where('key', '=', 'opportunity')
      .execute();
    await first.t.close();
    return { url: database.url, before };
  };

  it('lists the changed fields after a restart on the same database', async () => {
    const { url, before } = await databaseWithOpportunityFields([
      {
        key: 'contract_term',
        label: 'Contract term',
        type: 'enum',
        required: true,
        options: ['12 months', '36 months'],
        description: 'How long the customer would sign for.',
      },
      { key: 'seats', label: 'Seats', type: 'number', required: false, default: 10 },
    ]);
    expect(Object.keys(before.properties)).toContain('service');
    server = await startTicketTypesServer(url);
    const after = await opportunitySchema(server);
    expect(after.required).toEqual(['summary', 'details', 'contract_term']);
    expect(after.properties['service']).toBeUndefined();
    expect(after.properties['contract_term']).toEqual({
      type: 'string',
      enum: ['12 months', '36 months'],
      description:
        'Contract term. How long the customer would sign for. One of: 12 months, 36 months.',
    });
    expect(after.properties['seats']).toMatchObject({ type: 'number', default: 10 });

    const refused = await call(server.t.clients['agent']!, 'log_opportunity', {
      summary: 'Acorn - laptops',
      details: 'x',
      service: 'Managed Laptops',
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/contract_term: contract_term \(Contract term\) is required/);
    expect(refused.text).toMatch(/"service": not a parameter of log_opportunity/);
    const logged = await call(server.t.clients['agent']!, 'log_opportunity', {
      summary: 'Acorn - laptops',
      details: 'x',
      contract_term: '36 months',
    });
    expect(logged.isError, logged.text).toBe(false);
    expect(logged.out.custom_fields).toEqual({ contract_term: '36 months', seats: 10 });
  });

  it.each([
    [
      'a field named like a common argument',
      { key: 'summary', label: 'Summary', type: 'string', required: false },
      /^CONFIG_INVALID: plugin "ticket-types": tool "log_opportunity" \(ticket type "opportunity"\): field "summary" clashes with the common argument "summary"/,
    ],
    [
      'a field key no assistant accepts as a property name',
      { key: 'value (GBP)', label: 'Value', type: 'number', required: false },
      /field "value \(GBP\)" is not a valid argument name; field keys must match/,
    ],
    [
      'an enum without options',
      { key: 'tier', label: 'Tier', type: 'enum', required: true, options: [] },
      /field "tier" is an enum with no options/,
    ],
    [
      'a default of the wrong type',
      { key: 'seats', label: 'Seats', type: 'number', required: false, default: 'ten' },
      /field "seats" has default "ten", which is not a number/,
    ],
  ] as const)('stops the next start on %s', async (_case, field, message) => {
    const { url } = await databaseWithOpportunityFields([field]);
    const failed = await startTicketTypesServer(url).catch((error: unknown) => error);
    expect(failed).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(message),
    });
  });

  it.each([
    [
      { type: 'complaint' },
      /^CONFIG_INVALID: plugin "ticket-types": tools\[2\] \(log_complaint\) names ticket type "complaint", which the desk does not have; known types: change, incident, opportunity, problem, service_request$/,
    ],
    [
      { catalogueItem: 'new-pony' },
      /^CONFIG_INVALID: plugin "ticket-types": tools\[2\] \(log_new_pony\) names catalogue item "new-pony", which the desk does not have; known items: equipment-request, .*new-starter/,
    ],
  ])('refuses to start with %j, which the desk lacks', async (tool, message) => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    const failed = await startTicketTypesServer(database.url, [...configuredTools, tool]).catch(
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(message),
    });
  });
});
