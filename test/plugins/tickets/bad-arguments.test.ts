import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

describe.each(testEngines)('bad arguments to the tickets tools on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let agent: Client;
  let jo: Client;

  const ticketCount = async () => {
    const { out } = await call(agent, 'search_tickets', { limit: 100 });
    return (out.tickets as unknown[]).length;
  };

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    agent = t.clients['agent']!;
    jo = t.clients['user']!;
  });
  afterAll(async () => close?.());

  it.each([
    ['get_ticket', { ticketId: 'abc' }, /^Invalid arguments for tool get_ticket: ticketId: /],
    ['get_ticket', {}, /ticketId: /],
    ['get_ticket', { ticketId: 9999 }, /^ticket 9999 not found/],
    ['search_tickets', { priority: [7] }, /priority\.0: priority must be 1 \(critical\)/],
    ['search_tickets', { status: ['lost'] }, /status\.0: /],
    ['search_tickets', { createdFrom: 'last tuesday' }, /createdFrom must be an ISO-8601/],
    ['search_tickets', { cursor: 'not-a-cursor' }, /^cursor: /],
    ['search_tickets', { text: 'vpn', cursor: 'eyJraW5kIjoibGlzdCJ9' }, /^cursor: /],
    [
      'search_tickets',
      { team: 'plumbing' },
      /^team: unknown team "plumbing"; use one of: network, service-desk/,
    ],
    ['search_tickets', { type: 'gadget' }, /^type: unknown ticket type "gadget"/],
    ['search_tickets', { agent: 'nobody@desk.example' }, /^agent: no desk user/],
    ['search_tickets', { limit: 500 }, /limit: limit must be from 1 to 100/],
    ['update_ticket', { ticketId: 1 }, /^nothing to change/],
    ['update_ticket', { ticketId: 1, priority: 'high' }, /priority: /],
    ['update_ticket', { ticketId: 1, team: 'plumbing' }, /^team: unknown team/],
    ['update_ticket', { ticketId: 1, expectedVersion: 99, details: 'x' }, /version 1, not 99/],
    ['add_note', { ticketId: 1, body: '   ' }, /body: body must not be blank/],
    ['add_note', { ticketId: 1, body: 'x', visibility: 'secret' }, /visibility: /],
    ['action_ticket', { ticketId: 1 }, /action: /],
    ['assign_to_me', { ticketId: -3 }, /ticketId: ticketId must be a ticket number of 1 or more/],
    ['get_assigned_tickets', { sort: 'oldest' }, /sort: /],
    ['get_my_tickets', { limit: 0 }, /limit: /],
    ['log_time', { ticketId: 1 }, /minutes: minutes must be a number of minutes from 1 to 1440/],
    ['log_time', { ticketId: 9999, minutes: 30 }, /^ticket 9999 not found/],
  ])('%s %j is refused naming the field', async (tool, args, message) => {
    const result = await call(agent, tool, args);
    expect(result.isError, result.text).toBe(true);
    expect(result.text).toMatch(message);
  });

  it.each([
    [
      { type: 'gadget', summary: 'x', details: 'y' },
      /^type: unknown ticket type "gadget"; use one of: incident \(Incident\), opportunity \(Opportunity\)/,
    ],
    [
      { summary: 'x', details: 'y' },
      // Every type with what it needs, so the next call can be the right one.
      /^type: give a ticket type or a catalogue item; types: incident \| opportunity \(needs company \(Company\): a string; estimated_value \(Estimated value\): a number\)/,
    ],
    [{ type: 'incident', summary: '  ', details: 'y' }, /summary: summary must not be blank/],
    [{ type: 'incident', summary: 'x', details: 'y', priority: 9 }, /priority: priority must be 1/],
    [{ type: 'incident', summary: 42, details: 'y' }, /summary: /],
    [
      { type: 'opportunity', summary: 'Lead', details: 'y', customFields: { estimated_value: 10 } },
      /^customFields: .*required: company \(Company\): a string/,
    ],
    [
      {
        type: 'opportunity',
        summary: 'Lead',
        details: 'y',
        customFields: { company: 'Acme', estimated_value: 'lots' },
      },
      /^customFields: .*estimated_value must be a number/,
    ],
    [
      {
        type: 'opportunity',
        summary: 'Lead',
        details: 'y',
        customFields: { company: 'Acme', estimated_value: 1, colour: 'red' },
      },
      /"colour" is not a field of opportunity/,
    ],
    [
      { catalogueItem: 'unicorn', summary: 'x', details: 'y' },
      /^catalogueItem: unknown catalogue item "unicorn"/,
    ],
    [{ type: 'incident', summary: 'x', details: 'y', team: 'plumbing' }, /^team: unknown team/],
    [
      { type: 'incident', summary: 'x', details: 'y', requester: 'ghost@nowhere.example' },
      /^requester: no desk user/,
    ],
  ])('create_ticket %j is refused naming the field, and writes nothing', async (args, message) => {
    const before = await ticketCount();
    const result = await call(agent, 'create_ticket', args);
    expect(result.isError, result.text).toBe(true);
    expect(result.text).toMatch(message);
    expect(await ticketCount()).toBe(before);
  });

  it('logs a ticket of a type with its own fields when they are right', async () => {
    const { isError, out, text } = await call(agent, 'create_ticket', {
      type: 'opportunity',
      summary: 'Fibre upgrade for Acme',
      details: 'Acme wants a quote',
      requester: 'kim.lee@birch.example',
      customFields: { company: 'Acme', estimated_value: 25000 },
    });
    expect(isError, text).toBe(false);
    expect(out).toMatchObject({ type: 'opportunity', priority: 4, team: null });
    expect(out.custom_fields).toEqual({ company: 'Acme', estimated_value: 25000 });
  });

  it("logs a ticket from a catalogue item with the item's type and team, for anyone", async () => {
    const request = {
      catalogueItem: 'vpn-access',
      summary: 'VPN for Kim',
      details: 'Needs access',
    };
    const byAgent = await call(agent, 'create_ticket', request);
    expect(byAgent.out).toMatchObject({ type: 'incident', team: 'network' });
    // The item's team is the catalogue's choice, not the end user's, so it applies to them too.
    const byUser = await call(jo, 'create_ticket', request);
    expect(byUser.out).toMatchObject({ type: 'incident', team: 'network' });
    const chosen = await call(agent, 'create_ticket', { ...request, team: 'service-desk' });
    expect(chosen.out).toMatchObject({ type: 'incident', team: 'service-desk' });
    const both = await call(agent, 'create_ticket', { ...request, type: 'incident' });
    expect(both).toMatchObject({
      isError: true,
      text: expect.stringMatching(/^type: give either/),
    });
  });

  it('refuses an end user the choice of team, and tickets for someone else', async () => {
    const team = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'x',
      details: 'y',
      team: 'network',
    });
    expect(team).toMatchObject({
      isError: true,
      text: expect.stringMatching(/^team: choosing the team is for agents/),
    });
    const forSam = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'x',
      details: 'y',
      requester: 'sam.smith@acorn.example',
    });
    expect(forSam).toMatchObject({ isError: true, text: expect.stringMatching(/^requester: /) });
    const update = await call(jo, 'update_ticket', { ticketId: tickets.joVpn, priority: 1 });
    expect(update).toMatchObject({ isError: true, text: expect.stringMatching(/not priority/) });
  });
});
