import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import { testEngines } from '../../helpers/test-databases.js';
import { call } from '../../helpers/call-tool.js';
import { fakeTriagePlugin, type FakeTriageState } from './fake-triage.js';
import { people, startTicketsServer } from './tickets-fixture.js';

describe.each(testEngines)('create_ticket with AI triage on $engine', (engine) => {
  let t: TestServer;
  let close: () => Promise<void>;
  let jo: Client;
  let agent: Client;
  const state: FakeTriageState = { calls: [], fail: false };

  beforeAll(async () => {
    // Listed after the tickets plugin: create_ticket finds the service at call time.
    ({ t, close } = await startTicketsServer(engine, [fakeTriagePlugin(state)]));
    jo = t.clients['user']!;
    agent = t.clients['agent']!;
  });
  beforeEach(() => {
    state.calls.length = 0;
    state.fail = false;
  });
  afterAll(async () => close?.());

  const vpn = {
    type: 'incident',
    summary: 'VPN keeps dropping on the London network',
    details: 'Since Monday the VPN drops every ten minutes.',
  };

  it('"log a P2 ticket: my VPN keeps dropping" routes it to Network, keeping P2', async () => {
    const { isError, out, text } = await call(jo, 'create_ticket', { ...vpn, priority: 2 });
    expect(isError, text).toBe(false);
    expect(state.calls).toEqual([
      { userId: people.jo.email, ticketId: out.id, fields: ['team', 'category'] },
    ]);
    expect(out).toMatchObject({
      priority: 2,
      team: 'network',
      category: 'VPN',
      response_due_at: '2026-02-02T11:00:00.000Z',
      resolution_due_at: '2026-02-02T18:00:00.000Z',
      triage: {
        applied: [
          { field: 'team', value: 'network', confidence: 0.9 },
          { field: 'category', value: 'VPN', confidence: 0.8 },
        ],
        similar_resolved: 8,
        articles: [{ id: 7, slug: 'vpn-drops', title: 'When the VPN keeps dropping' }],
        skipped: null,
      },
    });
    expect(text).toMatch(
      /Routed by AI triage: team network \(confidence 0\.90\), category VPN \(confidence 0\.80\), from 8 similar resolved ticket\(s\)\./,
    );
    expect(text).toMatch(/Articles that may help: "When the VPN keeps dropping" \(vpn-drops\)\./);
    const history = (await call(agent, 'get_ticket', { ticketId: out.id })).out.ticket
      .history as unknown[];
    expect(history.slice(1)).toEqual([
      expect.objectContaining({
        field: 'category',
        to: 'VPN',
        provenance: 'ai',
        collection: 'user',
      }),
      expect.objectContaining({ field: 'team_id', provenance: 'ai', collection: 'user' }),
    ]);
  });

  it('triages only what the caller left out, and returns the SLA of the final priority', async () => {
    const { out } = await call(agent, 'create_ticket', {
      ...vpn,
      team: 'service-desk',
      category: 'Remote access',
      requester: people.jo.email,
    });
    expect(state.calls[0]?.fields).toEqual(['priority']);
    // Logged at the type's P3, moved to P2 by triage: the P2 due times are the ones returned.
    expect(out).toMatchObject({
      priority: 2,
      team: 'service-desk',
      category: 'Remote access',
      response_due_at: '2026-02-02T11:00:00.000Z',
      resolution_due_at: '2026-02-02T18:00:00.000Z',
    });
  });

  it('leaves the team of a catalogue item to the catalogue', async () => {
    const { out } = await call(jo, 'create_ticket', {
      catalogueItem: 'vpn-access',
      summary: 'VPN for the site office',
      details: 'Two laptops',
      priority: 3,
    });
    expect(state.calls[0]?.fields).toEqual(['category']);
    expect(out).toMatchObject({ team: 'network', category: 'VPN', priority: 3 });
  });

  it('logs the ticket all the same when triage fails, and says triage was skipped', async () => {
    state.fail = true;
    const { isError, out, text } = await call(jo, 'create_ticket', vpn);
    expect(isError, text).toBe(false);
    expect(out).toMatchObject({
      priority: 3,
      team: 'service-desk',
      category: null,
      triage: { applied: [], similar_resolved: 0, articles: [], skipped: expect.any(String) },
    });
    expect(text).toMatch(/Triage skipped: AI triage failed/);
    expect(text).not.toMatch(/index is unavailable/);
    const read = await call(jo, 'get_ticket', { ticketId: out.id });
    expect(read.out.ticket).toMatchObject({ id: out.id, status: 'new' });
  });
});
