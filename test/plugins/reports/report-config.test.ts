import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServiceDeskError } from '../../../core/index.js';
import { builtInReports, defineReport, reportsPlugin } from '../../../plugins/reports/index.js';

function reportWithId(id: string, parameters = z.object({}), scopes: string[] = []) {
  return defineReport({
    id,
    title: id,
    description: 'A test report.',
    parameters,
    row: z.object({ n: z.number() }),
    scopes,
    query: () => Promise.resolve({ rows: [], summary: {} }),
  });
}

function configError(build: () => unknown): ServiceDeskError {
  try {
    build();
  } catch (error) {
    if (error instanceof ServiceDeskError) return error;
    throw error;
  }
  throw new Error('expected CONFIG_INVALID, but the plugin was built');
}

describe('reportsPlugin options', () => {
  it.each([
    ['Open-Tickets', /report id "Open-Tickets" must be snake_case/],
    ['open__tickets', /must be snake_case/],
    ['9_lives', /must be snake_case/],
    ['', /must be snake_case/],
    [
      `x${'y'.repeat(53)}`,
      /is 54 characters; at most 53, so that the tool name get_report_<id> is at most 64/,
    ],
  ])('refuses the id %j naming the plugin and the rule', (id, rule) => {
    const error = configError(() => reportsPlugin({ reports: [reportWithId(id)] }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toMatch(/^CONFIG_INVALID: plugin "reports": /);
    expect(error.message).toMatch(rule);
  });

  it('refuses an id used twice, also against a built-in report', () => {
    const twice = configError(() =>
      reportsPlugin({ reports: [reportWithId('mine'), reportWithId('mine')] }),
    );
    expect(twice.message).toBe(
      'CONFIG_INVALID: plugin "reports": report id "mine" is defined twice; give each report its own id',
    );
    const clash = configError(() => reportsPlugin({ reports: [reportWithId('whitespace')] }));
    expect(clash.message).toMatch(/report id "whitespace" is defined twice/);
    // Leaving the built-in one out frees its id.
    expect(() =>
      reportsPlugin({ include: [], reports: [reportWithId('whitespace')] }),
    ).not.toThrow();
  });

  it('refuses a parameter named like a paging argument', () => {
    const error = configError(() =>
      reportsPlugin({ reports: [reportWithId('paged', z.object({ limit: z.number() }))] }),
    );
    expect(error.message).toBe(
      'CONFIG_INVALID: plugin "reports": report "paged" has a parameter "limit", a name the plugin uses for paging (limit, cursor); rename it',
    );
  });

  it.each(['assets:read:all', 'tickets:read:al'])(
    'refuses a report scope the desk does not define with SCOPE_UNDEFINED naming the desk (%s)',
    (scope) => {
      const error = configError(() =>
        reportsPlugin({ reports: [reportWithId('late_assets', z.object({}), [scope])] }),
      );
      expect(error.code).toBe('SCOPE_UNDEFINED');
      expect(error.message).toContain(
        `plugin "reports": report "late_assets" needs scope "${scope}", which plugin "reports" cannot use: ` +
          `a report's scopes are defined by plugin "desk", the one plugin reports requires (tickets:read:own, `,
      );
      expect(error.message).toContain('or by reports itself (reports:read:all)');
      expect(error.message).toContain(
        `serve this data as a tool of the plugin that defines "${scope}"`,
      );
    },
  );

  it("accepts a report needing the desk's scopes", () => {
    expect(() =>
      reportsPlugin({
        reports: [reportWithId('kb_use', z.object({}), ['kb:read', 'users:read:all'])],
      }),
    ).not.toThrow();
  });

  it('refuses to include a built-in report that does not exist', () => {
    const error = configError(() => reportsPlugin({ include: ['whitespace', 'sla_misses'] }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      `CONFIG_INVALID: plugin "reports": include names "sla_misses", which is not a built-in report; use some of: ${builtInReports.map((r) => r.id).join(', ')}`,
    );
  });

  it('ships four built-in reports, each needing a data scope besides reports:read:all', () => {
    expect(builtInReports.map((report) => [report.id, report.scopes])).toEqual([
      ['missed_sla_by_technician', ['tickets:read:all']],
      ['open_tickets_by_team_priority', ['tickets:read:all']],
      ['time_logged_per_agent_weekly', ['tickets:read:all']],
      ['whitespace', ['catalogue:read', 'users:read:all']],
    ]);
    const plugin = reportsPlugin();
    expect(plugin.scopes).toHaveProperty(['reports:read:all']);
    expect(plugin.requires).toEqual(['desk']);
  });
});
