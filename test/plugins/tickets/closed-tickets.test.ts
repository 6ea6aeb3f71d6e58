import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer } from './tickets-fixture.js';

describe.each(testEngines)('writing tools on a closed ticket on $engine', (engine) => {
  let t: TestServer;
  let close: () => Promise<void>;
  let agent: Client;
  let jo: Client;
  let closed: number;

  /** What a write could leave behind on the ticket: its version, notes, history and time. */
  const traces = async () => {
    const { out } = await call(agent, 'get_ticket', { ticketId: closed });
    return {
      version: out.ticket.version as number,
      notes: (out.ticket.notes as unknown[]).length,
      history: (out.ticket.history as unknown[]).length,
      minutes: out.ticket.minutes_logged as number,
      status: out.ticket.status as string,
    };
  };

  beforeAll(async () => {
    ({ t, close } = await startTicketsServer(engine));
    agent = t.clients['agent']!;
    jo = t.clients['user']!;
    const logged = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'Old VPN token expired',
      details: 'Fixed by a new token',
    });
    closed = logged.out.id as number;
    const closing = await call(agent, 'update_ticket', { ticketId: closed, status: 'closed' });
    expect(closing.isError, closing.text).toBe(false);
  });
  afterAll(async () => close?.());

  const tellsWhatToDo = () =>
    new RegExp(
      `^ticket ${closed} is closed; raise a new ticket with create_ticket and mention #${closed}`,
    );

  it.each([
    ['agent', 'update_ticket', { status: 'open' }],
    ['agent', 'update_ticket', { priority: 1, team: 'network', agent: 'me' }],
    ['agent', 'add_note', { body: 'Checked again', visibility: 'private' }],
    ['agent', 'log_time', { minutes: 30, note: 'Follow-up call' }],
    ['agent', 'assign_to_me', {}],
    ['agent', 'action_ticket', { action: 'escalate_to_network' }],
    ['jo', 'update_ticket', { details: 'It broke again' }],
    ['jo', 'update_ticket', { information: 'It broke again' }],
    ['jo', 'add_note', { body: 'It broke again' }],
  ] as const)(
    '%s calling %s %j is refused, says what to do next, and writes nothing',
    async (who, tool, args) => {
      const before = await traces();
      const result = await call(who === 'agent' ? agent : jo, tool, { ticketId: closed, ...args });
      expect(result.isError, result.text).toBe(true);
      expect(result.text).toMatch(tellsWhatToDo());
      expect(await traces()).toEqual(before);
    },
  );

  it('still shows the closed ticket, and the advice works: a new ticket can be raised', async () => {
    const { out } = await call(jo, 'get_ticket', { ticketId: closed });
    expect(out.ticket).toMatchObject({ id: closed, status: 'closed' });
    const again = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'VPN token expired again',
      details: `Same as #${closed}`,
    });
    expect(again.isError, again.text).toBe(false);
  });
});
