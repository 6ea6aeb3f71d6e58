import { z } from 'zod';
import { defineReport } from '../define-report.js';
import { teamIdByKey } from './report-parameters.js';

const openStatuses = ['new', 'open', 'pending', 'on_hold'] as const;
const day = 86_400_000;

const row = z.object({
  team: z.string().describe('Team key; "none" for tickets with no team.'),
  team_name: z.string(),
  priority: z.number().int().describe('1 critical … 4 low.'),
  open_tickets: z.number().int(),
  oldest_created_at: z.string().describe('Creation time of the oldest open ticket in the cell.'),
  oldest_age_days: z.number().describe('Its age now, in days, one decimal.'),
});

const total = z.object({ key: z.string(), open_tickets: z.number().int() });

const summary = z.object({
  open_tickets: z.number().int(),
  by_team: z.array(total).describe('Open tickets per team key, most first.'),
  by_priority: z.array(total).describe('Open tickets per priority (key "1" … "4").'),
  oldest_created_at: z.string().nullable(),
});

/**
 * Open tickets (new, open, pending, on hold) as a team × priority matrix with the count and the
 * age of the oldest ticket in each cell; team and priority filters.
 *
 * @example
 * reportsPlugin({ include: ['open_tickets_by_team_priority'] })
 */
export const openTicketsByTeamReport = defineReport({
  id: 'open_tickets_by_team_priority',
  title: 'Open tickets by team and priority',
  description:
    'Counts the tickets not yet resolved or closed (new, open, pending, on hold) per team and ' +
    'priority, with the creation time and age of the oldest in each cell; totals per team and ' +
    'per priority. Use it to see where the backlog is and how old it gets.',
  parameters: z.object({
    team: z.string().min(1).optional().describe('Only this team, by key, e.g. network.'),
    priority: z
      .array(z.number().int().min(1, 'priority must be 1–4').max(4, 'priority must be 1–4'))
      .min(1, 'priority must list at least one priority, or be left out')
      .optional()
      .describe('Only these priorities, e.g. [1, 2].'),
  }),
  row,
  summary,
  scopes: ['tickets:read:all'],
  async query({ params, db, now }) {
    let select = db
      .selectFrom('desk_tickets')
      .leftJoin('desk_teams', 'desk_teams.id', 'desk_tickets.team_id')
      .select((eb) => [
        'desk_teams.key as team',
        'desk_teams.name as team_name',
        'desk_tickets.priority',
        eb.fn.countAll<number>().as('open_tickets'),
        eb.fn.min('desk_tickets.created_at').as('oldest_created_at'),
      ])
      .where('desk_tickets.status', 'in', openStatuses)
      .groupBy(['desk_teams.key', 'desk_teams.name', 'desk_tickets.priority']);
    if (params.team !== undefined) {
      select = select.where('desk_tickets.team_id', '=', await teamIdByKey(db, params.team));
    }
    if (params.priority !== undefined) {
      select = select.where('desk_tickets.priority', 'in', params.priority);
    }
    const cells = await select.execute();
    const rows = cells
      .map((cell) => ({
        team: cell.team ?? 'none',
        team_name: cell.team_name ?? 'No team',
        priority: cell.priority,
        open_tickets: Number(cell.open_tickets),
        oldest_created_at: cell.oldest_created_at,
        oldest_age_days:
          Math.round(((now.getTime() - Date.parse(cell.oldest_created_at)) * 10) / day) / 10,
      }))
      .sort((a, b) => a.team.localeCompare(b.team) || a.priority - b.priority);
    const totals = (key: (r: (typeof rows)[number]) => string) => {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.open_tickets);
      return [...counts.entries()].map(([k, open]) => ({ key: k, open_tickets: open }));
    };
    const oldest = rows.map((r) => r.oldest_created_at).sort()[0] ?? null;
    return {
      rows,
      summary: {
        open_tickets: rows.reduce((sum, r) => sum + r.open_tickets, 0),
        by_team: totals((r) => r.team).sort(
          (a, b) => b.open_tickets - a.open_tickets || a.key.localeCompare(b.key),
        ),
        by_priority: totals((r) => String(r.priority)).sort((a, b) => a.key.localeCompare(b.key)),
        oldest_created_at: oldest,
      },
    };
  },
});
