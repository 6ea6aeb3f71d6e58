import { z } from 'zod';
import { defineReport } from '../../../plugins/reports/index.js';

/** The custom report of docs/reports.md, word for word, so the docs' example is run. */
export const ticketsPerOrganisationReport = defineReport({
  id: 'tickets_per_organisation',
  title: 'Tickets per organisation',
  description: 'How many tickets each customer organisation has logged, optionally in one status.',
  parameters: z.object({
    status: z
      .enum(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'])
      .optional()
      .describe('Only tickets in this status, e.g. open.'),
  }),
  row: z.object({ organisation: z.string(), tickets: z.number().int() }),
  summary: z.object({ tickets: z.number().int() }),
  scopes: ['tickets:read:all'],
  async query({ params, db }) {
    let select = db
      .selectFrom('desk_tickets')
      .innerJoin('desk_organisations', 'desk_organisations.id', 'desk_tickets.organisation_id')
      .select((eb) => [
        'desk_organisations.name as organisation',
        eb.fn.countAll<number>().as('tickets'),
      ])
      .groupBy('desk_organisations.name')
      .orderBy('desk_organisations.name');
    if (params.status !== undefined) {
      select = select.where('desk_tickets.status', '=', params.status);
    }
    const rows = await select.execute();
    return { rows, summary: { tickets: rows.reduce((sum, row) => sum + row.tickets, 0) } };
  },
});
