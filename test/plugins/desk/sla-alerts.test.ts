import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaDueTimes } from '../../../plugins/desk/sla/sla-clock.js';
import type { TicketStatus } from '../../../plugins/desk/schema/tables.js';
import { createDeskStore, type DeskStore } from '../../../plugins/desk/store/desk-store.js';
import { testEngines } from '../../helpers/test-databases.js';
import { deskPrincipal } from './desk-principals.js';
import {
  insertDeskBasics,
  openDeskTestDatabase,
  type DeskTestDatabase,
} from './desk-test-database.js';

const now = new Date('2026-01-05T15:30:00.000Z');
const policies = [
  { priority: 1, response_minutes: 15, resolution_minutes: 240, at_risk_percent: 50 },
  { priority: 2, response_minutes: 60, resolution_minutes: 480, at_risk_percent: 75 },
  { priority: 3, response_minutes: 240, resolution_minutes: 1440, at_risk_percent: 75 },
];

describe.each(testEngines)('SLA alerts on $engine', (testEngine) => {
  let desk: DeskTestDatabase;
  let store: DeskStore;
  const tickets: Record<string, number> = {};
  const agent = deskPrincipal('ann.agent@desk.example', { role: 'agent' });
  const jo = deskPrincipal('jo.bloggs@acorn.example');

  beforeAll(async () => {
    desk = await openDeskTestDatabase(testEngine);
    const db = desk.db;
    const basics = await insertDeskBasics(db);
    const kim = await db
      .insertInto('desk_users')
      .values({
        email: 'kim.lee@birch.example',
        name: 'Kim Lee',
        role: 'end_user',
        organisation_id: null,
        phone: null,
        title: null,
        password_hash: null,
        created_at: basics.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('desk_sla_policies').values(policies).execute();

    const add = async (
      name: string,
      ticket: {
        priority: number;
        created: string;
        status?: TicketStatus;
        resolved?: string;
        requester?: number;
      },
    ) => {
      const policy = policies.find((p) => p.priority === ticket.priority) ?? {
        ...policies[0]!,
        priority: ticket.priority,
      };
      const row = await db
        .insertInto('desk_tickets')
        .values({
          type_id: basics.typeId,
          summary: name,
          details: `Ticket ${name}`,
          status: ticket.status ?? 'open',
          priority: ticket.priority,
          category: null,
          team_id: null,
          agent_id: null,
          requester_id: ticket.requester ?? basics.requesterId,
          organisation_id: null,
          custom_fields: '{}',
          ...slaDueTimes(policy, new Date(ticket.created)),
          responded_at: null,
          resolved_at: ticket.resolved ?? null,
          created_at: ticket.created,
          updated_at: ticket.created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      tickets[name] = row.id;
    };
    // P2: 8-hour window, at risk after 6 hours.
    await add('at risk', { priority: 2, created: '2026-01-05T09:00:00.000Z' }); // due 17:00
    await add('breached', { priority: 2, created: '2026-01-05T05:00:00.000Z' }); // due 13:00
    await add('fine', { priority: 2, created: '2026-01-05T14:00:00.000Z' }); // due 22:00
    await add('resolved late', {
      priority: 2,
      created: '2026-01-05T05:00:00.000Z',
      status: 'resolved',
      resolved: '2026-01-05T14:00:00.000Z',
    });
    await add('pending breached', {
      priority: 1,
      created: '2026-01-05T10:00:00.000Z',
      status: 'pending',
    }); // due 14:00
    await add('no policy', { priority: 4, created: '2026-01-01T00:00:00.000Z' });
    await add('someone else', {
      priority: 3,
      created: '2026-01-04T08:00:00.000Z',
      requester: kim.id,
    }); // due 01-05 08:00
    store = createDeskStore({ db, engine: desk.engine, now: () => now });
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('lists breached and at-risk open tickets to an agent, earliest due first', async () => {
    const alerts = await store.sla.alerts(agent);
    expect(alerts.map((a) => [a.ticket.summary, a.sla.state, a.sla.minutes_remaining])).toEqual([
      ['someone else', 'breached', -450],
      ['breached', 'breached', -150],
      ['pending breached', 'breached', -90],
      ['at risk', 'at_risk', 90],
    ]);
  });

  it('lists one kind when asked, and no more than the limit', async () => {
    expect(
      (await store.sla.alerts(agent, { states: ['at_risk'] })).map((a) => a.ticket.summary),
    ).toEqual(['at risk']);
    expect(
      (await store.sla.alerts(agent, { states: ['breached'], limit: 2 })).map(
        (a) => a.ticket.summary,
      ),
    ).toEqual(['someone else', 'breached']);
  });

  it("never shows an end user another requester's ticket", async () => {
    const alerts = await store.sla.alerts(jo);
    expect(alerts.map((a) => a.ticket.id)).toEqual([
      tickets['breached'],
      tickets['pending breached'],
      tickets['at risk'],
    ]);
  });

  it('refuses a caller with no tickets:read scope', async () => {
    await expect(
      store.sla.alerts(deskPrincipal('jo.bloggs@acorn.example', { scopes: ['kb:read'] })),
    ).rejects.toThrow(/tickets:read/);
  });

  it('gives the state of one ticket under the policy of its priority', async () => {
    const row = await desk.db
      .selectFrom('desk_tickets')
      .selectAll()
      .where('id', '=', tickets['fine']!)
      .executeTakeFirstOrThrow();
    expect(await store.sla.statusOf(agent, row)).toMatchObject({
      state: 'ok',
      minutes_remaining: 390,
    });
    expect((await store.sla.listPolicies(agent)).map((p) => p.priority)).toEqual([1, 2, 3]);
  });
});
