import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineReport } from '../../../plugins/reports/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startReportsServer, type ReportsServer } from './reports-server.js';
import { ticketsPerOrganisationReport } from './tickets-per-organisation.js';

/** 53 characters: the longest id whose tool name, get_report_<id>, is still 64. */
const longestId = `longest_${'x'.repeat(45)}`;

const longestIdReport = defineReport({
  id: longestId,
  title: 'Longest id',
  description: 'A report whose tool name is exactly 64 characters.',
  parameters: z.object({}),
  row: z.object({ n: z.number().int() }),
  query: () => Promise.resolve({ rows: [{ n: 1 }, { n: 2 }], summary: {} }),
});

/** Returns a row its own schema refuses: the core must not pass it on. */
const brokenReport = defineReport({
  id: 'broken_rows',
  title: 'Broken rows',
  description: 'Returns a row that does not fit its schema.',
  parameters: z.object({}),
  row: z.object({ n: z.number().int() }),
  query: () => Promise.resolve({ rows: [{ n: 'one' as unknown as number }], summary: {} }),
});

describe.each(testEngines)("a deployment's own reports on $engine", (engine) => {
  let server: ReportsServer;
  let agent: Client;

  beforeAll(async () => {
    server = await startReportsServer(engine, {
      reports: {
        include: ['whitespace'],
        reports: [ticketsPerOrganisationReport, longestIdReport, brokenReport],
      },
    });
    agent = server.t.clients['agent']!;
  });
  afterAll(async () => server?.close());

  it('serves the chosen built-in reports, then its own, as read-only tools', async () => {
    const { tools } = await agent.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'get_report_whitespace',
      'get_report_tickets_per_organisation',
      `get_report_${longestId}`,
      'get_report_broken_rows',
    ]);
    expect(`get_report_${longestId}`).toHaveLength(64);
    const own = tools.find((tool) => tool.name === 'get_report_tickets_per_organisation')!;
    expect(own.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(own.inputSchema.properties).toHaveProperty('status');
  });

  it('runs the docs example with its parameters, paged and summarised', async () => {
    const all = await call(agent, 'get_report_tickets_per_organisation', {});
    expect(all.isError, all.text).toBe(false);
    expect(all.out.rows).toEqual([{ organisation: 'Acorn Construction', tickets: 11 }]);
    expect(all.out.summary).toEqual({ tickets: 11 });
    // t3, t4, t6 and t9 are open.
    const open = await call(agent, 'get_report_tickets_per_organisation', { status: 'open' });
    expect(open.out.rows).toEqual([{ organisation: 'Acorn Construction', tickets: 4 }]);
    expect(open.out.parameters).toEqual({ status: 'open' });
    const bad = await call(agent, 'get_report_tickets_per_organisation', { status: 'lost' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/status: /);
    const paged = await call(agent, `get_report_${longestId}`, { limit: 1 });
    expect(paged.out.rows).toEqual([{ n: 1 }]);
    expect(paged.out.page).toMatchObject({ total: 2, returned: 1 });
  });

  it('refuses to hand on rows that do not fit the report’s row schema', async () => {
    const result = await call(agent, 'get_report_broken_rows', {});
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/does not match its declared output/);
    expect(result.text).not.toContain('one');
  });
});
