import { describe, expect, it } from 'vitest';
import {
  heatGrid,
  hoursText,
  mergePages,
  missedBars,
  niceTicks,
  readReport,
  stackedByAgent,
  tableColumns,
} from '../../../views/report-charts/model.js';
import { customerOf, opportunityArgs } from '../../../views/report-charts/opportunity.js';

function report(over: Record<string, unknown>): ReturnType<typeof readReport> {
  return readReport({
    report: 'x',
    title: 'X',
    parameters: {},
    rows: [],
    summary: {},
    page: { offset: 0, limit: 50, returned: 0, total: 0, nextCursor: null },
    ...over,
  });
}

describe('views/report-charts/model', () => {
  it('reads a report result and refuses anything else', () => {
    expect(readReport({ tickets: [] })).toBeUndefined();
    expect(readReport(null)).toBeUndefined();
    const read = report({ rows: [{ a: 1 }, 'junk'], page: { total: 5, nextCursor: 'c' } });
    expect(read?.rows).toEqual([{ a: 1 }]);
    expect(read?.page).toMatchObject({ total: 5, nextCursor: 'c' });
  });

  it('appends the next page and keeps the whole-result summary', () => {
    const first = report({ rows: [{ n: 1 }], summary: { total: 2 }, page: { nextCursor: 'c' } });
    const next = report({ rows: [{ n: 2 }], summary: {}, page: { nextCursor: null } });
    const merged = mergePages(first!, next!);
    expect(merged.rows).toEqual([{ n: 1 }, { n: 2 }]);
    expect(merged.summary).toEqual({ total: 2 });
    expect(merged.page.nextCursor).toBeNull();
  });

  it('orders technicians by missed tickets, keeping names as given', () => {
    const bars = missedBars([
      { agent_name: 'Ann', tickets_handled: 4, missed_tickets: 1, missed_percent: 25 },
      { agent_name: '<b>Bo</b>', tickets_handled: 2, missed_tickets: 2, missed_percent: 100 },
    ]);
    expect(bars.map((b) => b.label)).toEqual(['<b>Bo</b>', 'Ann']);
    expect(bars[1]).toEqual({ label: 'Ann', handled: 4, missed: 1, percent: 25 });
  });

  it('fills the team × priority grid, zero where no row', () => {
    const grid = heatGrid(
      [
        { team_name: 'Network', priority: 1, open_tickets: 3 },
        { team_name: 'Desk', priority: 4, open_tickets: 5 },
        { team_name: 'Network', priority: 4, open_tickets: 1 },
      ],
      {},
    );
    expect(grid.rows).toEqual(['Network', 'Desk']);
    expect(grid.columns).toEqual([1, 2, 3, 4]);
    expect(grid.values).toEqual([
      [3, 0, 0, 1],
      [0, 0, 0, 5],
    ]);
    expect(grid.max).toBe(5);
    expect(heatGrid([], { priorities: [2, 1] }).columns).toEqual([1, 2]);
  });

  it('stacks each agent’s minutes by week, oldest week first, busiest agent first', () => {
    const model = stackedByAgent([
      { agent_name: 'Ann', week_start: '2026-11-30', minutes: 30 },
      { agent_name: 'Sam', week_start: '2026-11-23', minutes: 60 },
      { agent_name: 'Sam', week_start: '2026-11-30', minutes: 45 },
    ]);
    expect(model.weeks).toEqual(['2026-11-23', '2026-11-30']);
    expect(model.bars.map((b) => [b.label, b.total])).toEqual([
      ['Sam', 105],
      ['Ann', 30],
    ]);
    expect(model.bars[0]?.segments.map((s) => s.week)).toEqual(['2026-11-23', '2026-11-30']);
    expect(model.max).toBe(105);
  });

  it('names table columns from every row and formats hours and ticks', () => {
    expect(tableColumns([{ a: 1 }, { b: 2, a: 3 }])).toEqual(['a', 'b']);
    expect(hoursText(45)).toBe('45m');
    expect(hoursText(120)).toBe('2h');
    expect(hoursText(135)).toBe('2h 15m');
    expect(niceTicks(17, 4)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(0, 4)).toEqual([0, 1]);
  });

  it('builds log_opportunity arguments for a gap: required fields, customer, account manager', () => {
    const ws = report({
      report: 'whitespace',
      parameters: { customer: 'acorn construction' },
      summary: {
        organisation: { id: 3, name: 'Acorn Construction' },
        account_manager: { id: 9, name: 'Priya Shah', email: 'priya@helpdesk.example' },
      },
    })!;
    expect(customerOf(ws)).toEqual({ id: 3, name: 'Acorn Construction' });
    const args = opportunityArgs(ws, {
      service: 'Backup and Recovery',
      category: 'Data',
      has: false,
      since: null,
    });
    expect(args).toMatchObject({
      summary: 'Opportunity: Backup and Recovery for Acorn Construction',
      service: 'Backup and Recovery',
      organisation: 3,
      agent: 'priya@helpdesk.example',
    });
    expect(typeof args.details).toBe('string');
    const noManager = opportunityArgs(report({ summary: { account_manager: null } })!, {
      service: 'VPN',
      category: '',
      has: false,
      since: null,
    });
    expect(noManager).not.toHaveProperty('agent');
  });
});
