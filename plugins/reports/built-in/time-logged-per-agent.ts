import { z } from 'zod';
import { ToolError } from '../../../core/index.js';
import { defineReport } from '../define-report.js';
import { addDays, isoDateSchema, isoWeekStart } from './report-parameters.js';

/** The longest range one call covers: 53 ISO weeks. */
const maxDays = 53 * 7;

const row = z.object({
  agent_id: z.number().int(),
  agent_name: z.string(),
  agent_email: z.string(),
  week_start: z.string().describe('Monday of the ISO week (UTC), YYYY-MM-DD.'),
  minutes: z.number().int(),
  tickets: z.number().int().describe('Distinct tickets time was logged on that week.'),
});

const summary = z.object({
  from: z.string(),
  to: z.string(),
  total_minutes: z.number().int(),
  agents: z.number().int(),
  by_agent: z
    .array(z.object({ agent: z.string(), minutes: z.number().int() }))
    .describe('Minutes per agent over the whole range, most first.'),
});

/** The range the caller asked for, or the four ISO weeks ending with the current one. */
function rangeOf(params: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = params.to ?? now.toISOString().slice(0, 10);
  const from = params.from ?? addDays(isoWeekStart(new Date(`${to}T00:00:00.000Z`)), -21);
  if (from > to) {
    throw new ToolError(`from: ${from} is after to (${to}); give a from on or before to`);
  }
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > maxDays) {
    throw new ToolError(
      `from: the range ${from} to ${to} is ${days} days; at most ${maxDays} (53 weeks), so move from or to closer`,
    );
  }
  return { from, to };
}

/**
 * Minutes logged per agent per ISO week (Monday to Sunday, UTC), with the number of tickets the
 * time went to; by default the four weeks ending with the current one.
 *
 * @example
 * reportsPlugin({ include: ['time_logged_per_agent_weekly'] })
 */
export const timeLoggedPerAgentReport = defineReport({
  id: 'time_logged_per_agent_weekly',
  title: 'Time logged per agent per week',
  description:
    'Minutes of time logged (log_time) per person and ISO week (weeks start on Monday, UTC), ' +
    'with how many tickets the time went to. By default the four weeks ending with the current ' +
    'one; give from and to (dates, inclusive, at most 53 weeks apart) for another range.',
  parameters: z.object({
    from: isoDateSchema('from')
      .optional()
      .describe('First day, YYYY-MM-DD; the Monday three weeks before to’s week when left out.'),
    to: isoDateSchema('to').optional().describe('Last day, YYYY-MM-DD; today (UTC) when left out.'),
    agent: z
      .string()
      .min(1)
      .optional()
      .describe('Only this person, by e-mail, e.g. sam@helpdesk.example.'),
  }),
  row,
  summary,
  scopes: ['tickets:read:all'],
  async query({ params, db, now }) {
    const { from, to } = rangeOf(params, now);
    let agentId: number | undefined;
    if (params.agent !== undefined) {
      const email = params.agent.trim().toLowerCase();
      const found = await db
        .selectFrom('desk_users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (found === undefined) {
        throw new ToolError(`agent: no desk user has the e-mail "${params.agent}"; check it`);
      }
      agentId = found.id;
    }
    // Summed per person, ticket and day in SQL; days fold into weeks here, where distinct
    // tickets per week can still be counted.
    let select = db
      .selectFrom('desk_time_entries')
      .innerJoin('desk_users', 'desk_users.id', 'desk_time_entries.user_id')
      .select((eb) => [
        'desk_users.id as agent_id',
        'desk_users.name as agent_name',
        'desk_users.email as agent_email',
        'desk_time_entries.ticket_id',
        eb.fn<string>('substr', ['desk_time_entries.logged_at', eb.lit(1), eb.lit(10)]).as('day'),
        eb.fn.sum<number>('desk_time_entries.minutes').as('minutes'),
      ])
      .where('desk_time_entries.logged_at', '>=', `${from}T00:00:00.000Z`)
      .where('desk_time_entries.logged_at', '<', `${addDays(to, 1)}T00:00:00.000Z`)
      .groupBy([
        'desk_users.id',
        'desk_users.name',
        'desk_users.email',
        'desk_time_entries.ticket_id',
        (eb) => eb.fn('substr', ['desk_time_entries.logged_at', eb.lit(1), eb.lit(10)]),
      ]);
    if (agentId !== undefined) select = select.where('desk_users.id', '=', agentId);
    const days = await select.execute();

    const weeks = new Map<string, z.input<typeof row> & { ticketIds: Set<number> }>();
    for (const entry of days) {
      const week = isoWeekStart(new Date(`${entry.day}T00:00:00.000Z`));
      const key = `${entry.agent_id}|${week}`;
      const current = weeks.get(key) ?? {
        agent_id: entry.agent_id,
        agent_name: entry.agent_name,
        agent_email: entry.agent_email,
        week_start: week,
        minutes: 0,
        tickets: 0,
        ticketIds: new Set<number>(),
      };
      current.minutes += Number(entry.minutes);
      current.ticketIds.add(entry.ticket_id);
      current.tickets = current.ticketIds.size;
      weeks.set(key, current);
    }
    const rows = [...weeks.values()]
      .map(({ ticketIds: _ticketIds, ...week }) => week)
      .sort(
        (a, b) =>
          a.week_start.localeCompare(b.week_start) || a.agent_name.localeCompare(b.agent_name),
      );
    const perAgent = new Map<string, number>();
    for (const r of rows)
      perAgent.set(r.agent_email, (perAgent.get(r.agent_email) ?? 0) + r.minutes);
    return {
      rows,
      parameters: { from, to },
      summary: {
        from,
        to,
        total_minutes: rows.reduce((sum, r) => sum + r.minutes, 0),
        agents: perAgent.size,
        by_agent: [...perAgent.entries()]
          .map(([agent, minutes]) => ({ agent, minutes }))
          .sort((a, b) => b.minutes - a.minutes || a.agent.localeCompare(b.agent)),
      },
    };
  },
});
