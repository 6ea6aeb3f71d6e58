import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogueItems, demoServices } from '../../../../plugins/desk/demo/demo-catalogue.js';
import { testEngines } from '../../../helpers/test-databases.js';
import { openDemoDesk } from '../demo-desk.js';
import { principalFor } from '../store/ticket-fixture.js';

const alice = principalFor('alice@example.com');
const sam = principalFor('sam@helpdesk.example', { role: 'agent' });

describe.each(testEngines)('the service catalogue on $engine', (testEngine) => {
  let desk: Awaited<ReturnType<typeof openDemoDesk>>;
  beforeAll(async () => {
    desk = await openDemoDesk(testEngine, 0);
  });
  afterAll(async () => {
    await desk.close();
  });

  it('finds the request form for a need, with its service, ticket type and team', async () => {
    const [best, ...rest] = await desk.store.catalogue.search(alice, { text: 'new laptops' });
    expect(best).toMatchObject({
      key: 'replacement-laptop',
      ticketType: { key: 'service_request', name: 'Service Request' },
      service: { key: 'managed-laptops', name: 'Managed Laptops' },
      team: { key: 'hardware', name: 'Hardware' },
    });
    expect(best!.score).toBeGreaterThan(0);
    for (const entry of rest) expect(entry.score).toBeLessThanOrEqual(best!.score);
  });

  it('ranks forms holding every word above those holding some', async () => {
    const results = await desk.store.catalogue.search(sam, { text: 'vpn access' });
    expect(results[0]?.key).toBe('vpn-access');
    expect(results.map((entry) => entry.key)).toContain('shared-mailbox-access');
  });

  it('lists every form by name without text, and honours the limit', async () => {
    const all = await desk.store.catalogue.search(alice);
    expect(all.map((entry) => entry.name)).toEqual(
      demoCatalogueItems.map((item) => item.name).sort((a, b) => a.localeCompare(b)),
    );
    expect(all.every((entry) => entry.score === 0)).toBe(true);
    expect(await desk.store.catalogue.search(alice, { limit: 2 })).toHaveLength(2);
  });

  it('finds nothing for words no form holds, and never fails on odd text', async () => {
    expect(await desk.store.catalogue.search(alice, { text: 'submarine' })).toEqual([]);
    for (const text of [
      '"',
      "'; drop table desk_services; --",
      '***',
      'ナノ 💥',
      'a'.repeat(5000),
    ]) {
      expect(await desk.store.catalogue.search(alice, { text })).toBeInstanceOf(Array);
    }
    expect(await desk.store.catalogue.search(alice, { text: '!!!' })).toEqual([]);
  });

  it('reads one form by key', async () => {
    expect(await desk.store.catalogue.getEntry(alice, 'VPN-access')).toMatchObject({
      key: 'vpn-access',
      ticketType: { key: 'service_request' },
      score: 0,
    });
    expect(await desk.store.catalogue.getEntry(alice, 'no-such-form')).toBeUndefined();
  });

  it('lists ticket types with their own fields and defaults', async () => {
    const types = await desk.store.catalogue.listTicketTypes(alice);
    expect(types.map((type) => type.key).sort()).toEqual(
      ['change', 'incident', 'opportunity', 'problem', 'service_request'].sort(),
    );
    const incident = await desk.store.catalogue.getTicketType(alice, 'Incident');
    expect(incident?.fields.find((field) => field.key === 'affected_service')).toMatchObject({
      type: 'enum',
      required: true,
    });
    expect(incident?.defaultTeam).toEqual({ key: 'service-desk', name: 'Service Desk' });
    expect(await desk.store.catalogue.getTicketType(alice, 'no-such-type')).toBeUndefined();
  });

  it('lists every service', async () => {
    const services = await desk.store.catalogue.listServices(alice);
    expect(services.map((service) => service.key).sort()).toEqual(
      demoServices.map((service) => service.key).sort(),
    );
  });

  it('shows which services a customer has, and its account manager, for staff', async () => {
    const acorn = await desk.store.catalogue.servicesOfOrganisation(sam, 'acorn construction');
    expect(acorn?.organisation.name).toBe('Acorn Construction');
    expect(acorn?.accountManager).toMatchObject({
      name: 'Priya Shah',
      email: 'priya.shah@helpdesk.example',
    });
    expect(acorn?.services).toHaveLength(demoServices.length);
    const gaps = acorn?.services.filter((service) => !service.has).map((service) => service.key);
    expect(gaps?.sort()).toEqual([
      'backup-recovery',
      'mobile-device-management',
      'phishing-training',
      'security-monitoring',
    ]);
    const held = acorn?.services.find((service) => service.key === 'managed-laptops');
    expect(held).toMatchObject({ has: true });
    expect(held?.since).toEqual(expect.any(String));
    const byId = await desk.store.catalogue.servicesOfOrganisation(sam, acorn!.organisation.id);
    expect(byId).toEqual(acorn);
  });

  it("lets an end user see only their own organisation's services", async () => {
    const own = await desk.store.catalogue.servicesOfOrganisation(alice, 'Acorn Construction');
    expect(own?.organisation.name).toBe('Acorn Construction');
    expect(await desk.store.catalogue.servicesOfOrganisation(alice, 'Birch Legal')).toBeUndefined();
    const birch = await desk.store.catalogue.servicesOfOrganisation(sam, 'Birch Legal');
    expect(
      await desk.store.catalogue.servicesOfOrganisation(alice, birch!.organisation.id),
    ).toBeUndefined();
  });

  it('answers "not found" for unknown organisations', async () => {
    for (const reference of ['Nowhere Ltd', 999_999, Number.MAX_VALUE, '']) {
      expect(await desk.store.catalogue.servicesOfOrganisation(sam, reference)).toBeUndefined();
    }
  });
});
