import { describe, expect, it } from 'vitest';
import { readPage, sortByRisk, type BoardRow } from '../../../views/queue-board/rows.js';

function row(id: number, over: Partial<BoardRow>): BoardRow {
  return { id, summary: `t${id}`, status: 'open', priority: 3, assignee: 'Ann', ...over };
}

describe('views/queue-board/rows', () => {
  it('orders breached, then at risk, then on track, then no SLA; fewest minutes first', () => {
    const rows = [
      row(1, { slaState: 'ok', minutesRemaining: 10 }),
      row(2, {}),
      row(3, { slaState: 'breached', minutesRemaining: -5 }),
      row(4, { slaState: 'at_risk', minutesRemaining: 30 }),
      row(5, { slaState: 'breached', minutesRemaining: -300 }),
      row(6, { slaState: 'ok', minutesRemaining: null }),
      row(7, { slaState: 'ok', minutesRemaining: 10, priority: 1 }),
    ];
    expect(sortByRisk(rows).map((r) => r.id)).toEqual([5, 3, 4, 7, 1, 6, 2]);
  });

  it("keeps the server's order (relevance) for rows without SLA figures", () => {
    const rows = [row(9, { priority: 4 }), row(2, { priority: 1 }), row(5, {})];
    expect(sortByRisk(rows).map((r) => r.id)).toEqual([9, 2, 5]);
  });

  it('tells search_tickets pages (nextCursor) from get_assigned_tickets results', () => {
    const card = { id: 1, summary: 'x', status: 'new', priority: 2, assigned: false, agent: null };
    const search = readPage({ tickets: [card], nextCursor: 'c1', truncated: false });
    expect(search).toMatchObject({ source: 'search_tickets', nextCursor: 'c1' });
    expect(search?.rows[0]).toMatchObject({ id: 1, assignee: 'unassigned', slaState: undefined });

    const sla = { state: 'at_risk', minutes_remaining: 12 };
    const queue = readPage({ tickets: [{ ...card, sla }], total: 1, breached: 0, at_risk: 1 });
    expect(queue).toMatchObject({
      source: 'get_assigned_tickets',
      nextCursor: null,
      counts: { total: 1, breached: 0, atRisk: 1 },
    });
    expect(queue?.rows[0]).toMatchObject({ slaState: 'at_risk', minutesRemaining: 12 });
  });

  it('gives nothing for a result without a ticket list, and skips malformed rows', () => {
    expect(readPage({ ticket: {} })).toBeUndefined();
    expect(readPage(undefined)).toBeUndefined();
    expect(readPage({ tickets: [{ id: 'x' }, null, 3] })?.rows).toEqual([]);
  });
});
