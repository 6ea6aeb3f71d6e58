import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

interface HistoryRow {
  readonly field: string;
  readonly provenance: string;
  readonly collection: string | null;
  readonly client: string | null;
  readonly actor_id: number | null;
}

describe.each(testEngines)('AI provenance in ticket history on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let agent: Client;
  let jo: Client;

  const history = async (ticketId: number): Promise<HistoryRow[]> => {
    const { out } = await call(agent, 'get_ticket', { ticketId });
    return out.ticket.history as HistoryRow[];
  };

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    agent = t.clients['agent']!;
    jo = t.clients['user']!;
  });
  afterAll(async () => close?.());

  it('records the collection and client of a ticket an end user logged through an assistant', async () => {
    const { out } = await call(jo, 'create_ticket', {
      type: 'incident',
      summary: 'Laptop screen black after update',
      details: 'Black screen since the update last night.',
    });
    const rows = await history(out.id as number);
    expect(rows).toEqual([
      expect.objectContaining({
        field: 'created',
        provenance: 'ai',
        collection: 'user',
        client: 'claude-desktop',
        actor_id: expect.any(Number),
      }),
    ]);
  });

  it('records every agent change made through a tool as the AI via the agent collection', async () => {
    const ticketId = tickets.joVpn;
    await call(agent, 'assign_to_me', { ticketId });
    await call(agent, 'add_note', { ticketId, body: "I'm picking this up" });
    await call(agent, 'update_ticket', { ticketId, priority: 1, category: 'network' });
    await call(agent, 'action_ticket', { ticketId, action: 'resolve_and_notify' });
    await call(agent, 'log_time', { ticketId, minutes: 20 });
    const rows = await history(ticketId);
    expect(rows.map((row) => row.field)).toEqual(
      expect.arrayContaining([
        'agent_id',
        'status',
        'note.public',
        'responded_at',
        'priority',
        'category',
        'quick_action',
        'email',
        'time',
      ]),
    );
    for (const row of rows) {
      expect(row).toMatchObject({
        provenance: 'ai',
        collection: 'agent',
        client: 'copilot-studio',
      });
    }
  });
});
