import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startReportsServer, type ReportsServer } from './reports-server.js';

const missed = 'get_report_missed_sla_by_technician';
const open = 'get_report_open_tickets_by_team_priority';
const time = 'get_report_time_logged_per_agent_weekly';
const whitespace = 'get_report_whitespace';

describe.each(testEngines)('bad arguments to the reports on $engine', (engine) => {
  let server: ReportsServer;
  let agent: Client;

  beforeAll(async () => {
    server = await startReportsServer(engine);
    agent = server.t.clients['agent']!;
  });
  afterAll(async () => server?.close());

  it.each([
    [
      missed,
      { month: '2026-13' },
      /^Invalid arguments for tool .*: month: month must be YYYY-MM with a month 01–12, e\.g\. 2026-02/,
    ],
    [missed, { month: 'February' }, /month: month must be YYYY-MM/],
    // Years 0–99 were read as 1900–1999: "0026-11" reported 1926-11.
    [missed, { month: '0026-11' }, /month: month must be YYYY-MM with a year from 2000 to 2100/],
    [missed, { month: '1999-12' }, /month: month must be YYYY-MM with a year from 2000 to 2100/],
    [missed, { month: '9999-01' }, /month: month must be YYYY-MM with a year from 2000 to 2100/],
    [time, { from: '0026-02-02' }, /from: from must be a date YYYY-MM-DD with a year from 2000/],
    [time, { to: '0099-12-31' }, /to: to must be a date YYYY-MM-DD with a year from 2000/],
    [missed, { month: 202602 }, /month: expected string/],
    [
      missed,
      { team: 'plumbing' },
      /^team: unknown team "plumbing"; use one of: network, service-desk$/,
    ],
    [open, { priority: [7] }, /priority\.0: priority must be 1–4/],
    [open, { priority: [] }, /priority: priority must list at least one priority, or be left out/],
    [open, { team: 'Plumbing' }, /^team: unknown team "Plumbing"/],
    [
      time,
      { from: '2026-02-10', to: '2026-02-01' },
      /^from: 2026-02-10 is after to \(2026-02-01\); give a from on or before to$/,
    ],
    [time, { from: '2026-02-30' }, /from: from must be a date YYYY-MM-DD, e\.g\. 2026-02-02/],
    [time, { to: 'yesterday' }, /to: to must be a date YYYY-MM-DD/],
    [
      time,
      { from: '2024-01-01', to: '2026-01-01' },
      /^from: the range 2024-01-01 to 2026-01-01 is 732 days; at most 371 \(53 weeks\)/,
    ],
    [
      time,
      { agent: 'nobody@desk.example' },
      /^agent: no desk user has the e-mail "nobody@desk\.example"/,
    ],
    [whitespace, {}, /customer: /],
    [whitespace, { customer: '   ' }, /customer: /],
    [whitespace, { customer: -4 }, /customer: /],
    [whitespace, { customer: 'Acorn', show: 'maybe' }, /show: /],
    [
      whitespace,
      { customer: 'Acorn' },
      /^customer: no organisation is named or numbered "Acorn"; did you mean: Acorn Construction\?$/,
    ],
    [whitespace, { customer: 'Acron Constructoin' }, /did you mean: Acorn Construction\?/],
    [
      whitespace,
      { customer: 'Zebra Foods' },
      /^customer: no organisation is named or numbered "Zebra Foods"; give the organisation’s name as the desk spells it, or its id$/,
    ],
    [whitespace, { customer: 9999 }, /^customer: no organisation is named or numbered "9999"/],
    [open, { limit: 0 }, /limit: limit must be from 1 to 500/],
    [open, { limit: 501 }, /limit: limit must be from 1 to 500/],
    [open, { limit: 2.5 }, /limit: limit must be a whole number from 1 to 500/],
    [open, { limit: '10' }, /limit: /],
    [
      open,
      { cursor: 'not-a-cursor' },
      /^cursor: not a cursor this report handed out; pass the nextCursor .* or call get_report_open_tickets_by_team_priority without a cursor$/,
    ],
    [
      open,
      { cursor: Buffer.from('{"o":-1,"p":"x"}').toString('base64url') },
      /^cursor: not a cursor/,
    ],
  ])('%s %j is refused naming the field', async (tool, args, message) => {
    const result = await call(agent, tool, args);
    expect(result.isError, result.text).toBe(true);
    expect(result.text).toMatch(message);
  });

  it('changes nothing, whatever it is asked', async () => {
    const before = await call(agent, open, {});
    await call(agent, missed, { month: '2026-02' });
    await call(agent, whitespace, { customer: 'Acorn Construction' });
    await call(agent, time, { from: '2026-02-10', to: '2026-02-01' });
    const after = await call(agent, open, {});
    expect(after.out).toEqual(before.out);
  });
});
