import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

describe.each(testEngines)('update_ticket with an agent on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let ann: Client;

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    ann = t.clients['agent']!;
  });
  afterAll(async () => close?.());

  const read = async (ticketId: number) =>
    (await call(ann, 'get_ticket', { ticketId })).out.ticket as {
      version: number;
      priority: number;
      agent: { email: string } | null;
      history: { field: string; collection?: string }[];
    };

  it('changes triage fields and the agent in one write', async () => {
    const before = await read(tickets.kimEmail);
    const { isError, out, text } = await call(ann, 'update_ticket', {
      ticketId: tickets.kimEmail,
      priority: 2,
      team: 'network',
      agent: 'bob.agent@desk.example',
    });
    expect(isError, text).toBe(false);
    expect(out.ticket).toMatchObject({
      priority: 2,
      team: 'network',
      status: 'open',
      agent: { email: 'bob.agent@desk.example' },
      version: before.version + 1,
    });
    expect(out.changed).toEqual(['priority', 'team', 'agent']);
    const after = await read(tickets.kimEmail);
    expect(after.history.slice(before.history.length).map((h) => h.field)).toEqual([
      'team_id',
      'agent_id',
      'status',
      'priority',
      'response_due_at',
      'resolution_due_at',
    ]);
  });

  it('applies none of the fields when the agent is refused', async () => {
    const before = await read(tickets.samPrinter);
    const result = await call(ann, 'update_ticket', {
      ticketId: tickets.samPrinter,
      priority: 1,
      agent: 'kim.lee@birch.example',
    });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/^agent: user \d+ is not an active agent/);
    expect(await read(tickets.samPrinter)).toEqual(before);
  });
});
