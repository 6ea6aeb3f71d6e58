import { z } from 'zod';
import { defineReport } from '../../plugins/reports/api.js';
import type { OnCallTables } from './schema.js';

const dayMs = 86_400_000;

/** The Monday (UTC) starting the week of `instant`, as YYYY-MM-DD. */
function weekOf(instant: string): string {
  const day = new Date(instant);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(
    Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) - sinceMonday * dayMs,
  )
    .toISOString()
    .slice(0, 10);
}

/**
 * "Pages per team per week": the on-call plugin's own report, contributed through the reports
 * extension point and gated by its own `oncall:read:all`.
 *
 * @example
 * ctx.extensionPoint(reportsExtensionPoint).addReport(pagesPerTeamReport);
 */
export const pagesPerTeamReport = defineReport({
  id: 'pages_per_team_per_week',
  title: 'Pages per team per week',
  description:
    'How many times each team was paged in each of the last weeks (weeks start on Monday, UTC). ' +
    'Use it to see which teams are paged most.',
  parameters: z.object({
    weeks: z.number().int().min(1).max(26).default(4).describe('How many weeks back, 1 to 26'),
  }),
  row: z.object({
    week: z.string().describe('The Monday starting the week, YYYY-MM-DD'),
    team: z.string(),
    pages: z.number().int(),
  }),
  summary: z.object({ pages: z.number().int(), teams: z.number().int() }),
  scopes: ['oncall:read:all'],
  query: async ({ params, db, now }) => {
    const from = new Date(Date.parse(weekOf(now.toISOString())) - (params.weeks - 1) * 7 * dayMs);
    const pages = await db
      .withTables<OnCallTables>()
      .selectFrom('oncall_pages')
      .select(['team_key', 'paged_at'])
      .where('paged_at', '>=', from.toISOString())
      .execute();
    const counts = new Map<string, { week: string; team: string; pages: number }>();
    for (const page of pages) {
      const week = weekOf(page.paged_at);
      const key = `${week} ${page.team_key}`;
      const row = counts.get(key) ?? { week, team: page.team_key, pages: 0 };
      counts.set(key, { ...row, pages: row.pages + 1 });
    }
    const rows = [...counts.values()].sort(
      (a, b) => b.week.localeCompare(a.week) || a.team.localeCompare(b.team),
    );
    return {
      rows,
      summary: { pages: pages.length, teams: new Set(rows.map((row) => row.team)).size },
      parameters: { weeks: params.weeks, from: from.toISOString().slice(0, 10) },
    };
  },
});
