import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { startTicketsServer, type FixtureTickets } from './tickets-fixture.js';

interface Read {
  readonly version: number;
  readonly notes: readonly unknown[];
}

/**
 * Issue 15, item 6: a stale `expectedVersion` refuses update_ticket whatever it changes. Before
 * the fix, an update carrying only `information` ignored it and added the note.
 */
describe.each(testEngines)('update_ticket with a stale expectedVersion on $engine', (engine) => {
  let t: TestServer;
  let tickets: FixtureTickets;
  let close: () => Promise<void>;
  let ann: Client;
  let kim: Client;

  beforeAll(async () => {
    ({ t, tickets, close } = await startTicketsServer(engine));
    ann = t.clients['agent']!;
    kim = await t.connect('user', 'kim-token');
  });
  afterAll(async () => close?.());

  const read = async (ticketId: number): Promise<Read> => {
    const got = await call(ann, 'get_ticket', { ticketId });
    expect(got.isError, got.text).toBe(false);
    return got.out.ticket as Read;
  };

  /** Moves the ticket on by one version, so that version - 1 is stale. */
  async function staleVersionOf(ticketId: number): Promise<number> {
    const before = await read(ticketId);
    const moved = await call(ann, 'update_ticket', {
      ticketId,
      category: `moved-${before.version}`,
    });
    expect(moved.isError, moved.text).toBe(false);
    return before.version;
  }

  const agentChanges: [string, Record<string, unknown>][] = [
    ['information', { information: 'The user rebooted; no change.' }],
    ['status', { status: 'pending' }],
    ['priority', { priority: 1 }],
    ['agent', { agent: 'bob.agent@desk.example' }],
    ['details', { details: 'New details from the phone call.' }],
    ['summary', { summary: 'A new summary' }],
    ['team', { team: 'network' }],
    ['category', { category: 'Hardware' }],
    ['priority and information', { priority: 1, information: 'Escalating.' }],
  ];

  for (const [label, change] of agentChanges) {
    it(`an agent's ${label} is refused and nothing is written`, async () => {
      const ticketId = tickets.samPrinter;
      const stale = await staleVersionOf(ticketId);
      const before = await read(ticketId);
      const result = await call(ann, 'update_ticket', {
        ticketId,
        ...change,
        expectedVersion: stale,
      });
      expect(result.isError).toBe(true);
      expect(result.text).toContain(`is at version ${before.version}, not ${stale}`);
      const after = await read(ticketId);
      expect(after.version).toBe(before.version);
      expect(after.notes).toHaveLength(before.notes.length);
    });
  }

  it("an end user's information with a stale version is refused; with the current one it is added", async () => {
    const ticketId = tickets.kimEmail;
    const stale = await staleVersionOf(ticketId);
    const before = await read(ticketId);
    const refused = await call(kim, 'update_ticket', {
      ticketId,
      information: 'It happens on my phone too.',
      expectedVersion: stale,
    });
    expect(refused.isError).toBe(true);
    expect((await read(ticketId)).notes).toHaveLength(before.notes.length);

    const added = await call(kim, 'update_ticket', {
      ticketId,
      information: 'It happens on my phone too.',
      expectedVersion: before.version,
    });
    expect(added.isError, added.text).toBe(false);
    expect((await read(ticketId)).notes).toHaveLength(before.notes.length + 1);
  });
});
