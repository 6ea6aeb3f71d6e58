import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startReportsServer, type ReportsServer } from './reports-server.js';

describe.each(testEngines)('the whitespace report and who may run reports on $engine', (engine) => {
  let server: ReportsServer;
  let agent: Client;
  const annId = () => server.ids.users.ann;

  beforeAll(async () => {
    server = await startReportsServer(engine);
    agent = server.t.clients['agent']!;
  });
  afterAll(async () => server?.close());

  describe('whitespace', () => {
    const acornServices = [
      {
        service_key: 'backup',
        service_name: 'Cloud Backup',
        category: 'Data',
        has: true,
        since: '2025-09-01T00:00:00.000Z',
      },
      {
        service_key: 'voip',
        service_name: 'Hosted VoIP',
        category: 'Telephony',
        has: false,
        since: null,
      },
      {
        service_key: 'managed-laptops',
        service_name: 'Managed Laptops',
        category: 'Devices',
        has: true,
        since: '2025-06-01T00:00:00.000Z',
      },
    ];

    it('lists every service with has / has not and the account manager', async () => {
      const { out, isError, text } = await call(agent, 'get_report_whitespace', {
        customer: 'acorn construction',
      });
      expect(isError, text).toBe(false);
      expect(out.parameters).toEqual({ customer: 'Acorn Construction', show: 'all' });
      expect(out.rows).toEqual(acornServices);
      expect(out.summary).toEqual({
        organisation: { id: server.ids.organisations.acorn, name: 'Acorn Construction' },
        account_manager: { id: annId(), name: 'Ann Agent', email: 'ann.agent@desk.example' },
        services: 3,
        has: 2,
        lacks: 1,
        lacking: ['Hosted VoIP'],
      });
      expect(text).toContain('account_manager: id=');
    });

    it('finds the customer by id, shows only the gaps, and says when nobody manages it', async () => {
      const byId = await call(agent, 'get_report_whitespace', {
        customer: server.ids.organisations.acorn,
        show: 'lacks',
      });
      expect(byId.out.rows).toEqual([acornServices[1]]);
      const birch = await call(agent, 'get_report_whitespace', {
        customer: String(server.ids.organisations.birch),
      });
      expect(birch.out.summary.account_manager).toBeNull();
      expect(birch.out.summary.lacks).toBe(3);
      expect((birch.out.rows as { has: boolean }[]).every((service) => !service.has)).toBe(true);
    });
  });

  it('keeps every report from an end user, whatever the collection grants', async () => {
    const jo = server.t.clients['user']!;
    expect((await jo.listTools()).tools).toEqual([]);
    const refused = await jo
      .callTool({ name: 'get_report_whitespace', arguments: { customer: 'Acorn Construction' } })
      .then((result) => `answered: ${JSON.stringify(result)}`)
      .catch((error: unknown) => String(error));
    expect(refused).toMatch(/Tool get_report_whitespace not found/);
    expect(refused).not.toContain('Cloud Backup');
  });
});
