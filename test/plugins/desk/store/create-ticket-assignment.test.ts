import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewTicket } from '../../../../plugins/desk/index.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

describe.each(testEngines)(
  'a ticket logged with an agent and an organisation on $engine',
  (engine) => {
    let fixture: TicketFixture;

    beforeAll(async () => {
      fixture = await openTicketFixture(engine);
    });
    afterAll(async () => {
      await fixture?.close();
    });

    const lead = (extra: Partial<NewTicket>): NewTicket => ({
      type: 'opportunity',
      summary: 'Acorn Construction - Backup',
      details: 'Acorn Construction - Backup',
      customFields: { company: 'Acorn Construction', estimated_value: 1000 },
      ...extra,
    });

    const ticketCount = async () =>
      Number(
        (
          await fixture.db
            .selectFrom('desk_tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('assigns the agent and sets the organisation at once, open, recorded in history', async () => {
      const ticket = await fixture.store.tickets.create(
        people.ann,
        lead({ agentId: fixture.users.bob, organisationId: fixture.organisations.acorn }),
      );
      expect(ticket).toMatchObject({
        status: 'open',
        agent_id: fixture.users.bob,
        organisation_id: fixture.organisations.acorn,
        requester_id: fixture.users.ann,
      });
      const detail = await fixture.store.tickets.get(people.ann, ticket.id);
      expect(detail?.history.map((h) => [h.field, h.old_value, h.new_value])).toEqual([
        ['created', null, 'opportunity P4: Acorn Construction - Backup'],
        ['organisation_id', null, String(fixture.organisations.acorn)],
        ['agent_id', null, String(fixture.users.bob)],
      ]);
    });

    it('keeps the requester organisation and no agent when neither is given', async () => {
      const ticket = await fixture.store.tickets.create(people.jo, {
        type: 'incident',
        summary: 'Printer jammed',
        details: 'Second floor',
      });
      expect(ticket).toMatchObject({
        status: 'new',
        agent_id: null,
        organisation_id: fixture.organisations.acorn,
      });
    });

    it.each([
      [
        'an end user assigning an agent',
        () => fixture.store.tickets.create(people.jo, lead({ agentId: fixture.users.ann })),
        /^assigning an agent is for agents/,
      ],
      [
        'an end user choosing another organisation',
        () =>
          fixture.store.tickets.create(
            people.jo,
            lead({ organisationId: fixture.organisations.birch }),
          ),
        /^choosing the organisation is for agents/,
      ],
      [
        'an end user as assignee',
        () => fixture.store.tickets.create(people.ann, lead({ agentId: fixture.users.jo })),
        /^user \d+ is not an active agent; tickets go to agents or admins$/,
      ],
      [
        'an inactive agent as assignee',
        () => fixture.store.tickets.create(people.ann, lead({ agentId: fixture.users.eve })),
        /^user \d+ is not an active agent/,
      ],
      [
        'an unknown assignee',
        () => fixture.store.tickets.create(people.ann, lead({ agentId: 999_999 })),
        /^user 999999 is not an active agent/,
      ],
      [
        'an unknown organisation',
        () => fixture.store.tickets.create(people.ann, lead({ organisationId: 999_999 })),
        /^organisation 999999 not found$/,
      ],
    ])('refuses %s and writes nothing', async (_case, create, message) => {
      const before = await ticketCount();
      await expect(create()).rejects.toThrow(message);
      expect(await ticketCount()).toBe(before);
    });
  },
);
