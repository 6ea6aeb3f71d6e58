import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../helpers/test-databases.js';
import { openTicketFixture, people, type TicketFixture } from './ticket-fixture.js';

describe.each(testEngines)('tickets logged from a catalogue item on $engine', (engine) => {
  let fixture: TicketFixture;

  beforeAll(async () => {
    fixture = await openTicketFixture(engine);
    const incident = await fixture.db
      .selectFrom('desk_ticket_types')
      .select('id')
      .where('key', '=', 'incident')
      .executeTakeFirstOrThrow();
    await fixture.db
      .insertInto('desk_catalogue_items')
      .values([
        {
          key: 'vpn-access',
          name: 'VPN access',
          description: 'Remote access to the office network',
          service_id: null,
          ticket_type_id: incident.id,
          default_team_id: fixture.teams.network,
        },
        {
          key: 'monitor',
          name: 'A second monitor',
          description: 'No team of its own',
          service_id: null,
          ticket_type_id: incident.id,
          default_team_id: null,
        },
      ])
      .execute();
  });
  afterAll(async () => {
    await fixture?.close();
  });

  const fromItem = (catalogueItem: string) => ({
    catalogueItem,
    summary: 'VPN for the new site',
    details: 'Two laptops need access',
  });

  it("gives an end user's ticket the item's ticket type and default team", async () => {
    const { tickets } = fixture.store;
    const ticket = await tickets.create(people.jo, fromItem(' VPN-Access '));
    expect(ticket).toMatchObject({ team_id: fixture.teams.network, priority: 3 });
    const detail = await tickets.get(people.ann, ticket.id);
    expect(detail?.history.map((h) => [h.field, h.new_value])).toEqual([
      ['created', 'incident P3: VPN for the new site'],
      ['catalogue_item', 'vpn-access'],
    ]);
  });

  it("falls back to the type's team, and an agent's chosen team wins", async () => {
    const { tickets } = fixture.store;
    expect((await tickets.create(people.jo, fromItem('monitor'))).team_id).toBe(
      fixture.teams.serviceDesk,
    );
    const chosen = await tickets.create(people.ann, {
      ...fromItem('vpn-access'),
      team: 'service-desk',
      requesterId: fixture.users.jo,
    });
    expect(chosen.team_id).toBe(fixture.teams.serviceDesk);
  });

  it('refuses an unknown item, an item with a type, and neither, writing nothing', async () => {
    const { tickets } = fixture.store;
    const count = async () =>
      (await fixture.db.selectFrom('desk_tickets').select('id').execute()).length;
    const before = await count();
    await expect(tickets.create(people.jo, fromItem('unicorn'))).rejects.toThrow(
      'unknown catalogue item "unicorn"; find its key by searching the service catalogue',
    );
    await expect(
      tickets.create(people.jo, { ...fromItem('vpn-access'), type: 'incident' }),
    ).rejects.toThrow('give either a ticket type or a catalogue item, not both');
    await expect(tickets.create(people.jo, { summary: 'x', details: 'y' })).rejects.toThrow(
      'give a ticket type or a catalogue item; types: incident | opportunity (needs company (Company): a string; estimated_value (Estimated value): a number)',
    );
    expect(await count()).toBe(before);
  });
});
