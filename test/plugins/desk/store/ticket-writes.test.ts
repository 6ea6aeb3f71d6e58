import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { fixtureNow, openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

const at = fixtureNow.toISOString();
const plusMinutes = (minutes: number) =>
  new Date(fixtureNow.getTime() + minutes * 60_000).toISOString();

describe.each(testEngines)('ticket writes on $engine', (engine) => {
  let fixture: TicketFixture;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const newIncident = (summary = 'Outlook keeps asking for my password') =>
    fixture.store.tickets.create(people.jo, {
      type: 'incident',
      summary,
      details: 'Since this morning',
    });

  it("creates a ticket with the type's defaults, the requester's organisation and SLA due times", async () => {
    const ticket = await newIncident();
    expect(ticket).toMatchObject({
      status: 'new',
      priority: 3,
      team_id: fixture.teams.serviceDesk,
      requester_id: fixture.users.jo,
      organisation_id: fixture.organisations.acorn,
      custom_fields: {},
      version: 1,
      response_due_at: plusMinutes(240),
      resolution_due_at: plusMinutes(1440),
      created_at: at,
    });
    const detail = await fixture.store.tickets.get(people.ann, ticket.id);
    expect(detail?.history).toEqual([
      expect.objectContaining({
        field: 'created',
        actor_id: fixture.users.jo,
        new_value: 'incident P3: Outlook keeps asking for my password',
        provenance: 'human',
        collection: 'user',
        client: 'claude-desktop',
        at,
      }),
    ]);
    expect(detail?.sla).toMatchObject({ state: 'ok', minutes_remaining: 1440 });
  });

  it("checks a type's own fields and fills in their defaults", async () => {
    const { tickets } = fixture.store;
    const opportunity = await tickets.create(people.ann, {
      type: 'opportunity',
      summary: 'Acorn wants 40 laptops',
      details: 'Refresh of the site office fleet',
      requesterId: fixture.users.jo,
      customFields: {
        company: 'Acorn Construction',
        estimated_value: 52000,
        close_by: '2026-03-31',
      },
    });
    expect(opportunity).toMatchObject({ priority: 4, team_id: null });
    expect(opportunity.custom_fields).toEqual({
      company: 'Acorn Construction',
      estimated_value: 52000,
      close_by: '2026-03-31',
      stage: 'lead',
    });
    const invalid = tickets.create(people.ann, {
      type: 'opportunity',
      summary: 'Bad lead',
      details: '',
      requesterId: fixture.users.jo,
      customFields: { estimated_value: 'lots', stage: 'maybe', colour: 'red' },
    });
    await expect(invalid).rejects.toThrow(
      'invalid custom fields for Opportunity: estimated_value must be a number; ' +
        'stage must be one of lead, proposal, won, lost; "colour" is not a field of opportunity ' +
        '(its fields: company, estimated_value, stage, close_by); required: company (Company): a string',
    );
    await expect(
      tickets.create(people.jo, { type: 'complaint', summary: 'x', details: 'y' }),
    ).rejects.toThrow('unknown ticket type "complaint"; types: incident, opportunity');
    await expect(
      tickets.create(people.jo, {
        type: 'incident',
        summary: 'x',
        details: 'y',
        requesterId: fixture.users.sam,
      }),
    ).rejects.toThrow('you can log tickets only for yourself');
    const updated = await tickets.update(people.ann, opportunity.id, {
      customFields: { stage: 'proposal', close_by: null },
    });
    expect(updated.custom_fields).toEqual({
      company: 'Acorn Construction',
      estimated_value: 52000,
      stage: 'proposal',
    });
  });

  it('records every changed field in history with who, old, new, provenance and when', async () => {
    const ticket = await newIncident('Wi-Fi drops in the canteen');
    await fixture.store.tickets.update(people.ann, ticket.id, {
      status: 'open',
      category: 'Network',
      team: 'network',
      summary: 'Wi-Fi drops in the canteen',
      provenance: 'ai',
    });
    const history = (await fixture.store.tickets.get(people.ann, ticket.id))!.history;
    expect(
      history.slice(1).map((h) => [h.field, h.old_value, h.new_value, h.actor_id, h.provenance]),
    ).toEqual([
      ['category', null, 'Network', fixture.users.ann, 'ai'],
      [
        'team_id',
        String(fixture.teams.serviceDesk),
        String(fixture.teams.network),
        fixture.users.ann,
        'ai',
      ],
      ['status', 'new', 'open', fixture.users.ann, 'ai'],
    ]);
    await expect(
      fixture.store.tickets.update(people.ann, ticket.id, { team: 'hardware' }),
    ).rejects.toThrow('unknown team "hardware"; teams: network, service-desk');
  });

  it('recomputes the SLA due times when the priority changes', async () => {
    const ticket = await newIncident('Black screen after update');
    const updated = await fixture.store.tickets.update(people.ann, ticket.id, { priority: 1 });
    expect(updated).toMatchObject({
      priority: 1,
      response_due_at: plusMinutes(15),
      resolution_due_at: plusMinutes(240),
      version: 2,
    });
    const fields = (await fixture.store.tickets.get(people.ann, ticket.id))!.history.map(
      (h) => h.field,
    );
    expect(fields).toEqual(['created', 'priority', 'response_due_at', 'resolution_due_at']);
  });

  it("reads a ticket's SLA state against its priority's policy, and only the ticket's columns", async () => {
    const ticket = await newIncident('VPN drops every hour');
    // P3 resolves within 1440 minutes and is at risk from 75 % of that: due in an hour is 96 %.
    await fixture.db
      .updateTable('desk_tickets')
      .set({ resolution_due_at: plusMinutes(60) })
      .where('id', '=', ticket.id)
      .execute();
    const detail = await fixture.store.tickets.get(people.ann, ticket.id);
    expect(detail?.sla).toMatchObject({ state: 'at_risk', minutes_remaining: 60 });
    expect(Object.keys(detail!.ticket).sort()).toEqual(Object.keys(ticket).sort());
    expect(detail?.minutes_logged).toBe(0);
  });

  it('sets resolved_at on resolving and clears it on reopening', async () => {
    const ticket = await newIncident('Printer offline');
    const resolved = await fixture.store.tickets.update(people.ann, ticket.id, {
      status: 'resolved',
    });
    expect(resolved.resolved_at).toBe(at);
    const reopened = await fixture.store.tickets.update(people.ann, ticket.id, { status: 'open' });
    expect(reopened.resolved_at).toBeNull();
  });

  it('refuses a stale expectedVersion instead of merging', async () => {
    const ticket = await newIncident('MFA prompt loops');
    await fixture.store.tickets.update(people.ann, ticket.id, {
      details: 'On the phone app',
      expectedVersion: 1,
    });
    await expect(
      fixture.store.tickets.update(people.bob, ticket.id, { details: 'stale', expectedVersion: 1 }),
    ).rejects.toThrow(`ticket ${ticket.id} is at version 2, not 1`);
  });

  it('assigns to an agent or to the caller, and opens a new ticket', async () => {
    const { tickets } = fixture.store;
    const ticket = await newIncident('VPN certificate expired');
    expect(await tickets.assign(people.ann, ticket.id, { to: 'me' })).toMatchObject({
      agent_id: fixture.users.ann,
      status: 'open',
    });
    expect(
      (await tickets.assign(people.ann, ticket.id, { to: { agentId: fixture.users.bob } }))
        .agent_id,
    ).toBe(fixture.users.bob);
    await expect(
      tickets.assign(people.ann, ticket.id, { to: { agentId: fixture.users.eve } }),
    ).rejects.toThrow('is not an active agent');
    await expect(
      tickets.assign(people.ann, ticket.id, { to: { agentId: fixture.users.kim } }),
    ).rejects.toThrow('is not an active agent');
    expect((await tickets.assign(people.ann, ticket.id, { to: null })).agent_id).toBeNull();
  });

  it('assigns inside an update: one write with the triage fields, or none at all', async () => {
    const { tickets } = fixture.store;
    const ticket = await newIncident('Docking station not detected');
    await expect(
      tickets.update(people.ann, ticket.id, { priority: 2, agentId: fixture.users.eve }),
    ).rejects.toThrow(`user ${fixture.users.eve} is not an active agent`);
    expect((await tickets.get(people.ann, ticket.id))?.ticket).toMatchObject({
      priority: 3,
      agent_id: null,
      version: 1,
    });
    const updated = await tickets.update(people.ann, ticket.id, {
      priority: 2,
      team: 'network',
      agentId: fixture.users.bob,
      provenance: 'ai',
    });
    // One write: one version step, and a new ticket that gets an agent is open.
    expect(updated).toMatchObject({
      priority: 2,
      team_id: fixture.teams.network,
      agent_id: fixture.users.bob,
      status: 'open',
      version: 2,
    });
    const fields = (await tickets.get(people.ann, ticket.id))!.history.map((h) => h.field);
    expect(fields).toEqual([
      'created',
      'team_id',
      'agent_id',
      'status',
      'priority',
      'response_due_at',
      'resolution_due_at',
    ]);
    const unassigned = await tickets.update(people.ann, ticket.id, {
      agentId: null,
      status: 'pending',
    });
    expect(unassigned).toMatchObject({ agent_id: null, status: 'pending' });
    await expect(
      tickets.update(people.jo, ticket.id, { details: 'x', agentId: fixture.users.ann }),
    ).rejects.toThrow('you can change only the details of your ticket (not agentId)');
  });

  it('logs time within 1–1440 minutes and totals it on the ticket', async () => {
    const { tickets } = fixture.store;
    const ticket = await newIncident('Laptop fan noisy');
    await tickets.logTime(people.ann, {
      ticketId: ticket.id,
      minutes: 30,
      note: 'Cleaned the fan',
    });
    await tickets.logTime(people.bob, { ticketId: ticket.id, minutes: 1440 });
    for (const minutes of [0, 1441, 2.5]) {
      await expect(tickets.logTime(people.ann, { ticketId: ticket.id, minutes })).rejects.toThrow(
        'minutes must be a whole number from 1 to 1440',
      );
    }
    expect((await tickets.get(people.ann, ticket.id))?.minutes_logged).toBe(1470);
  });
  it('reopens a pending ticket when its requester adds information', async () => {
    const ticket = await newIncident('Cannot open the site drawings');
    await fixture.store.tickets.update(people.ann, ticket.id, { status: 'pending' });
    await fixture.store.tickets.addNote(people.ann, { ticketId: ticket.id, body: 'Checking' });
    expect((await fixture.store.tickets.get(people.ann, ticket.id))?.ticket.status).toBe('pending');
    await fixture.store.tickets.addNote(people.jo, {
      ticketId: ticket.id,
      body: 'They are DWG files',
    });
    const detail = await fixture.store.tickets.get(people.jo, ticket.id);
    expect(detail?.ticket.status).toBe('open');
    expect(detail?.history.at(-1)).toMatchObject({
      field: 'status',
      old_value: 'pending',
      new_value: 'open',
      actor_id: fixture.users.jo,
    });
  });
});
