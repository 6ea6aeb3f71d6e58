import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import type { DeskTables } from '../../desk/api.js';
import { defineReport } from '../define-report.js';
import { monthBounds, monthSchema, teamIdByKey } from './report-parameters.js';

type Tickets = ExpressionBuilder<DeskTables, 'desk_tickets'>;

const resolvedStatuses = ['resolved', 'closed'] as const;

/** First response late, or none yet while overdue and unresolved: the desk SLA clock's rule. */
function responseMissed(eb: Tickets, nowIso: string) {
  return eb.and([
    eb('response_due_at', 'is not', null),
    eb.or([
      eb.and([
        eb('responded_at', 'is not', null),
        eb('responded_at', '>', eb.ref('response_due_at')),
      ]),
      eb.and([
        eb('responded_at', 'is', null),
        eb('response_due_at', '<', nowIso),
        eb('resolved_at', 'is', null),
        eb('status', 'not in', resolvedStatuses),
      ]),
    ]),
  ]);
}

/** Resolved late, or unresolved past the due time: the desk SLA clock's `breached`. */
function resolutionMissed(eb: Tickets, nowIso: string) {
  return eb.and([
    eb('resolution_due_at', 'is not', null),
    eb.or([
      eb.and([
        eb('resolved_at', 'is not', null),
        eb('resolved_at', '>', eb.ref('resolution_due_at')),
      ]),
      eb.and([eb('resolved_at', 'is', null), eb('resolution_due_at', '<', nowIso)]),
    ]),
  ]);
}

function within(eb: Tickets, column: 'resolved_at' | 'resolution_due_at' | 'response_due_at') {
  return (start: string, end: string) => eb.and([eb(column, '>=', start), eb(column, '<', end)]);
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 1000) / whole) / 10;
}

const row = z.object({
  agent_id: z.number().int(),
  agent_name: z.string(),
  agent_email: z.string(),
  tickets_handled: z.number().int().describe('Assigned tickets resolved or due in the month.'),
  missed_tickets: z.number().int().describe('Of those, tickets that missed either SLA.'),
  response_misses: z.number().int(),
  resolution_misses: z.number().int(),
  missed_percent: z.number().describe('missed_tickets / tickets_handled × 100, one decimal.'),
});

const summary = z.object({
  month: z.string(),
  tickets_handled: z.number().int(),
  missed_tickets: z.number().int(),
  response_misses: z.number().int(),
  resolution_misses: z.number().int(),
  missed_percent: z.number(),
  unassigned_missed: z
    .number()
    .int()
    .describe('Tickets of the month with no agent that missed an SLA (in no row).'),
  by_team: z
    .array(z.object({ team: z.string(), missed_tickets: z.number().int() }))
    .describe('Missed tickets per ticket team ("none" for no team), assigned or not.'),
});

/**
 * Missed SLAs by technician for a month (`CF_Missed_SLA_By_Technician_Monthly_Report`-style):
 * per agent, the tickets resolved or due that month and how many missed the response or
 * resolution target, judged as the desk's SLA clock judges them now (docs/reports.md).
 *
 * @example
 * reportsPlugin({ include: ['missed_sla_by_technician'] })
 */
export const missedSlaByTechnicianReport = defineReport({
  id: 'missed_sla_by_technician',
  title: 'Missed SLAs by technician',
  description:
    'Per agent, for one calendar month (UTC): tickets assigned to them that were resolved, or ' +
    'whose response or resolution target fell, in that month; how many missed the response ' +
    'target, the resolution target, either, and the missed percentage. Agents with the most ' +
    'misses first. Use it for monthly SLA reviews; filter by the ticket team.',
  parameters: z.object({
    month: monthSchema
      .optional()
      .describe('YYYY-MM, e.g. 2026-02; the current month (UTC) when left out.'),
    team: z.string().min(1).optional().describe('Only tickets of this team, by key, e.g. network.'),
  }),
  row,
  summary,
  scopes: ['tickets:read:all'],
  async query({ params, db, now }) {
    const { month, start, end } = monthBounds(params.month, now);
    const teamId = params.team === undefined ? undefined : await teamIdByKey(db, params.team);
    const nowIso = now.toISOString();
    let select = db
      .selectFrom('desk_tickets')
      .leftJoin('desk_teams', 'desk_teams.id', 'desk_tickets.team_id')
      .select((eb) => [
        'desk_tickets.agent_id',
        'desk_teams.key as team',
        eb.fn.countAll<number>().as('handled'),
        eb.fn
          .sum<number>(eb.case().when(responseMissed(eb, nowIso)).then(1).else(0).end())
          .as('response_misses'),
        eb.fn
          .sum<number>(eb.case().when(resolutionMissed(eb, nowIso)).then(1).else(0).end())
          .as('resolution_misses'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.or([responseMissed(eb, nowIso), resolutionMissed(eb, nowIso)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('missed'),
      ])
      .where((eb) =>
        eb.or(
          (['resolved_at', 'resolution_due_at', 'response_due_at'] as const).map((column) =>
            within(eb, column)(start, end),
          ),
        ),
      )
      .groupBy(['desk_tickets.agent_id', 'desk_teams.key']);
    if (teamId !== undefined) select = select.where('desk_tickets.team_id', '=', teamId);
    const groups = await select.execute();

    const agentIds = [...new Set(groups.flatMap((group) => group.agent_id ?? []))];
    const agents =
      agentIds.length === 0
        ? []
        : await db
            .selectFrom('desk_users')
            .select(['id', 'name', 'email'])
            .where('id', 'in', agentIds)
            .execute();
    const byAgent = new Map<number, z.input<typeof row>>();
    const byTeam = new Map<string, number>();
    let unassignedMissed = 0;
    for (const group of groups) {
      const missed = Number(group.missed);
      const team = group.team ?? 'none';
      byTeam.set(team, (byTeam.get(team) ?? 0) + missed);
      if (group.agent_id === null) {
        unassignedMissed += missed;
        continue;
      }
      const agent = agents.find((user) => user.id === group.agent_id);
      const current = byAgent.get(group.agent_id) ?? {
        agent_id: group.agent_id,
        agent_name: agent?.name ?? `user ${group.agent_id}`,
        agent_email: agent?.email ?? '',
        tickets_handled: 0,
        missed_tickets: 0,
        response_misses: 0,
        resolution_misses: 0,
        missed_percent: 0,
      };
      const handled = current.tickets_handled + Number(group.handled);
      const missedTickets = current.missed_tickets + missed;
      byAgent.set(group.agent_id, {
        ...current,
        tickets_handled: handled,
        missed_tickets: missedTickets,
        response_misses: current.response_misses + Number(group.response_misses),
        resolution_misses: current.resolution_misses + Number(group.resolution_misses),
        missed_percent: percent(missedTickets, handled),
      });
    }
    const rows = [...byAgent.values()].sort(
      (a, b) =>
        b.missed_tickets - a.missed_tickets ||
        b.missed_percent - a.missed_percent ||
        a.agent_name.localeCompare(b.agent_name),
    );
    const total = (pick: (r: z.input<typeof row>) => number) =>
      rows.reduce((sum, r) => sum + pick(r), 0);
    const handled = total((r) => r.tickets_handled);
    const missed = total((r) => r.missed_tickets);
    return {
      rows,
      parameters: { month },
      summary: {
        month,
        tickets_handled: handled,
        missed_tickets: missed,
        response_misses: total((r) => r.response_misses),
        resolution_misses: total((r) => r.resolution_misses),
        missed_percent: percent(missed, handled),
        unassigned_missed: unassignedMissed,
        by_team: [...byTeam.entries()]
          .filter(([, count]) => count > 0)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .map(([team, count]) => ({ team, missed_tickets: count })),
      },
    };
  },
});
