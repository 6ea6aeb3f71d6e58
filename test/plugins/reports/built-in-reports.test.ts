import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startReportsServer, type ReportsServer } from './reports-server.js';

const ann = { agent_name: 'Ann Agent', agent_email: 'ann.agent@desk.example' };
const bob = { agent_name: 'Bob Agent', agent_email: 'bob.agent@desk.example' };

describe.each(testEngines)('built-in reports on $engine', (engine) => {
  let server: ReportsServer;
  let agent: Client;
  const annId = () => server.ids.users.ann;
  const bobId = () => server.ids.users.bob;

  beforeAll(async () => {
    server = await startReportsServer(engine);
    agent = server.t.clients['agent']!;
  });
  afterAll(async () => server?.close());

  it('lists the four reports as read-only, closed-world tools', async () => {
    const { tools } = await agent.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'get_report_missed_sla_by_technician',
      'get_report_open_tickets_by_team_priority',
      'get_report_time_logged_per_agent_weekly',
      'get_report_whitespace',
    ]);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
      expect(tool.outputSchema?.properties).toHaveProperty('summary');
      expect(tool.inputSchema.properties).toHaveProperty('limit');
    }
  });

  describe('missed SLAs by technician', () => {
    it('counts February per agent, worst first, with unassigned misses only in the summary', async () => {
      const { isError, out, text } = await call(agent, 'get_report_missed_sla_by_technician', {
        month: '2026-02',
      });
      expect(isError, text).toBe(false);
      expect(out.rows).toEqual([
        // t4 (response), t5 (resolution, resolved late on 1 Feb), t6 met: 2 of 3.
        {
          agent_id: bobId(),
          ...bob,
          tickets_handled: 3,
          missed_tickets: 2,
          response_misses: 1,
          resolution_misses: 1,
          missed_percent: 66.7,
        },
        // t2 (both), t3 (resolution, still open), t1 and t10 met: 2 of 4.
        {
          agent_id: annId(),
          ...ann,
          tickets_handled: 4,
          missed_tickets: 2,
          response_misses: 1,
          resolution_misses: 2,
          missed_percent: 50,
        },
      ]);
      expect(out.summary).toEqual({
        month: '2026-02',
        tickets_handled: 7,
        missed_tickets: 4,
        response_misses: 2,
        resolution_misses: 3,
        missed_percent: 57.1,
        unassigned_missed: 1,
        by_team: [
          { team: 'network', missed_tickets: 3 },
          { team: 'service-desk', missed_tickets: 2 },
        ],
      });
      expect(out.page).toEqual({ offset: 0, limit: 50, returned: 2, total: 2, nextCursor: null });
      expect(text).toContain('| agent_id | agent_name |');
      expect(text).toContain('- missed_tickets: 4');
    });

    it('defaults to the current month and filters by the ticket team', async () => {
      const whole = await call(agent, 'get_report_missed_sla_by_technician', {});
      expect(whole.out.parameters).toEqual({ month: '2026-02' });
      expect(whole.out.summary.missed_tickets).toBe(4);
      const network = await call(agent, 'get_report_missed_sla_by_technician', { team: 'network' });
      expect(network.out.rows).toEqual([
        {
          agent_id: annId(),
          ...ann,
          tickets_handled: 2,
          missed_tickets: 1,
          response_misses: 1,
          resolution_misses: 1,
          missed_percent: 50,
        },
        {
          agent_id: bobId(),
          ...bob,
          tickets_handled: 2,
          missed_tickets: 1,
          response_misses: 0,
          resolution_misses: 1,
          missed_percent: 50,
        },
      ]);
      expect(network.out.summary.by_team).toEqual([{ team: 'network', missed_tickets: 3 }]);
    });

    it('counts a ticket due in January and resolved in February in both months', async () => {
      const { out } = await call(agent, 'get_report_missed_sla_by_technician', {
        month: '2026-01',
      });
      expect(out.rows).toEqual([
        {
          agent_id: annId(),
          ...ann,
          tickets_handled: 1,
          missed_tickets: 1,
          response_misses: 0,
          resolution_misses: 1,
          missed_percent: 100,
        },
        {
          agent_id: bobId(),
          ...bob,
          tickets_handled: 1,
          missed_tickets: 1,
          response_misses: 0,
          resolution_misses: 1,
          missed_percent: 100,
        },
      ]);
      const march = await call(agent, 'get_report_missed_sla_by_technician', { month: '2026-03' });
      // t9's targets fall in March but are still ahead of the clock.
      expect(march.out.rows).toEqual([
        {
          agent_id: bobId(),
          ...bob,
          tickets_handled: 1,
          missed_tickets: 0,
          response_misses: 0,
          resolution_misses: 0,
          missed_percent: 0,
        },
      ]);
    });
  });

  describe('open tickets by team and priority', () => {
    it('is a team × priority matrix of the unresolved tickets with the oldest age', async () => {
      const { out, isError, text } = await call(
        agent,
        'get_report_open_tickets_by_team_priority',
        {},
      );
      expect(isError, text).toBe(false);
      expect(out.rows).toEqual([
        {
          team: 'network',
          team_name: 'Network',
          priority: 1,
          open_tickets: 1,
          oldest_created_at: '2026-02-03T08:00:00.000Z',
          oldest_age_days: 17.2,
        },
        {
          team: 'network',
          team_name: 'Network',
          priority: 3,
          open_tickets: 2,
          oldest_created_at: '2026-01-10T12:00:00.000Z',
          oldest_age_days: 41,
        },
        {
          team: 'none',
          team_name: 'No team',
          priority: 4,
          open_tickets: 1,
          oldest_created_at: '2026-02-18T08:00:00.000Z',
          oldest_age_days: 2.2,
        },
        {
          team: 'service-desk',
          team_name: 'Service Desk',
          priority: 2,
          open_tickets: 2,
          oldest_created_at: '2026-02-10T08:00:00.000Z',
          oldest_age_days: 10.2,
        },
      ]);
      expect(out.summary).toEqual({
        open_tickets: 6,
        by_team: [
          { key: 'network', open_tickets: 3 },
          { key: 'service-desk', open_tickets: 2 },
          { key: 'none', open_tickets: 1 },
        ],
        by_priority: [
          { key: '1', open_tickets: 1 },
          { key: '2', open_tickets: 2 },
          { key: '3', open_tickets: 2 },
          { key: '4', open_tickets: 1 },
        ],
        oldest_created_at: '2026-01-10T12:00:00.000Z',
      });
    });

    it('filters by team and priority', async () => {
      const { out } = await call(agent, 'get_report_open_tickets_by_team_priority', {
        team: 'network',
        priority: [3, 4],
      });
      const cells = out.rows as { team: string; priority: number }[];
      expect(cells.map((cell) => [cell.team, cell.priority])).toEqual([['network', 3]]);
      expect(out.summary.open_tickets).toBe(2);
    });
  });

  describe('time logged per agent per week', () => {
    it('defaults to the four ISO weeks ending this week', async () => {
      const { out, isError, text } = await call(
        agent,
        'get_report_time_logged_per_agent_weekly',
        {},
      );
      expect(isError, text).toBe(false);
      expect(out.parameters).toEqual({ from: '2026-01-26', to: '2026-02-20' });
      expect(out.rows).toEqual([
        { agent_id: annId(), ...ann, week_start: '2026-01-26', minutes: 75, tickets: 2 },
        { agent_id: annId(), ...ann, week_start: '2026-02-02', minutes: 75, tickets: 2 },
        { agent_id: bobId(), ...bob, week_start: '2026-02-09', minutes: 30, tickets: 1 },
        { agent_id: bobId(), ...bob, week_start: '2026-02-16', minutes: 25, tickets: 1 },
      ]);
      expect(out.summary).toEqual({
        from: '2026-01-26',
        to: '2026-02-20',
        total_minutes: 205,
        agents: 2,
        by_agent: [
          { agent: 'ann.agent@desk.example', minutes: 150 },
          { agent: 'bob.agent@desk.example', minutes: 55 },
        ],
      });
    });

    it('takes a range and one agent', async () => {
      const early = await call(agent, 'get_report_time_logged_per_agent_weekly', {
        from: '2026-01-19',
        to: '2026-01-25',
      });
      expect(early.out.rows).toEqual([
        { agent_id: annId(), ...ann, week_start: '2026-01-19', minutes: 50, tickets: 1 },
      ]);
      const bobs = await call(agent, 'get_report_time_logged_per_agent_weekly', {
        agent: 'BOB.agent@desk.example',
      });
      expect(bobs.out.summary.total_minutes).toBe(55);
      expect(bobs.out.rows).toHaveLength(2);
    });
  });
});
