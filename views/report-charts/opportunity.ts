// What logging an opportunity from a whitespace gap sends: pure, so it is tested in node.
import { text, type ReportResult, type WhitespaceCell } from './model.js';

/**
 * The customer of a whitespace result, from its summary.
 *
 * @example
 * customerOf(report) // { id: 3, name: 'Acorn Construction' }
 */
export function customerOf(report: ReportResult): { id: number | null; name: string } {
  const org = report.summary.organisation as Record<string, unknown> | undefined;
  const id = typeof org?.id === 'number' ? org.id : null;
  return { id, name: text(org?.name) || text(report.parameters.customer) || 'Customer' };
}

/**
 * The arguments of log_opportunity for a gap: the ticket type's required summary, details and
 * service, the customer as the organisation, and the account manager (who the report says owns
 * follow-ups) as the agent when there is one.
 *
 * @example
 * opportunityArgs(report, { service: 'Backup', category: 'Data', has: false, since: null })
 */
export function opportunityArgs(
  report: ReportResult,
  cell: WhitespaceCell,
): Record<string, unknown> {
  const summary = customerOf(report);
  // A report over many customers names each row's customer; the account manager in the
  // summary is then not that customer's, so nobody is assigned.
  const own = cell.customer === undefined || cell.customer === summary.name;
  const customer = own ? summary : { id: cell.customerId ?? null, name: cell.customer };
  const manager = own
    ? (report.summary.account_manager as Record<string, unknown> | null | undefined)
    : undefined;
  return {
    summary: `Opportunity: ${cell.service} for ${customer.name}`,
    details:
      `${customer.name} does not have ${cell.service}` +
      `${cell.category === '' ? '' : ` (${cell.category})`}; spotted in the whitespace report.`,
    service: cell.service,
    organisation: customer.id ?? customer.name,
    ...(typeof manager?.email === 'string' ? { agent: manager.email } : {}),
  };
}
