import { describe, expect, it } from 'vitest';
import { readReport, whitespaceCells } from '../../../views/report-charts/model.js';
import { opportunityArgs } from '../../../views/report-charts/opportunity.js';
import { cellCustomers, gapKey } from '../../../views/report-charts/gaps.js';

const rows = [
  { service_name: 'Backup', category: 'Data', has: false, since: null, organisation_name: 'Acorn' },
  {
    service_name: 'Backup',
    category: 'Data',
    has: true,
    since: '2024-01-01',
    customer: { id: 9, name: 'Birch' },
  },
  {
    service_name: 'VPN',
    category: 'Network',
    has: false,
    since: null,
    organisation: 'Birch',
    organisation_id: 9,
  },
];

describe('whitespace over many customers', () => {
  it('keeps the customer each row names, by name field or { id, name }', () => {
    const cells = whitespaceCells(rows);
    expect(cells.map((c) => [c.customer, c.customerId])).toEqual([
      ['Acorn', undefined],
      ['Birch', 9],
      ['Birch', 9],
    ]);
    expect(cellCustomers(cells)).toEqual(['Acorn', 'Birch']);
    expect(new Set(cells.map(gapKey)).size).toBe(3);
  });

  it('logs a gap for the customer of its row, without the summary’s account manager', () => {
    const report = readReport({
      report: 'whitespace',
      title: 'W',
      parameters: {},
      rows,
      summary: {
        organisation: { id: 1, name: 'Acorn' },
        account_manager: { id: 2, name: 'Priya', email: 'priya@example.com' },
      },
      page: {},
    });
    if (!report) throw new Error('no report');
    const [acorn, , birch] = whitespaceCells(rows);
    if (!acorn || !birch) throw new Error('no cells');
    expect(opportunityArgs(report, birch)).toMatchObject({ service: 'VPN', organisation: 9 });
    expect(opportunityArgs(report, birch)).not.toHaveProperty('agent');
    expect(opportunityArgs(report, acorn)).toMatchObject({
      service: 'Backup',
      organisation: 1,
      agent: 'priya@example.com',
    });
  });

  it('keeps one customer’s report keyed by service alone', () => {
    const [cell] = whitespaceCells([{ service_name: 'VPN', has: false }]);
    expect(cell?.customer).toBeUndefined();
    expect(gapKey(cell!)).toBe('\u0000VPN');
  });
});
