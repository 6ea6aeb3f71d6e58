import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import { defineReport, reportsExtensionPoint } from '../../../plugins/reports/api.js';
import { reportsPlugin } from '../../../plugins/reports/index.js';
import { call, staffToken } from '../../../testing/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines, type TestEngine } from '../../helpers/test-databases.js';

/** A report of the NOC plugin's own, over the desk's teams: it needs only the NOC's scope. */
const teamsOnCallReport = defineReport({
  id: 'teams_on_call',
  title: 'Teams on call',
  description: 'Every desk team, for the on-call roster.',
  parameters: z.object({}),
  row: z.object({ team: z.string() }),
  scopes: ['noc:read:all'],
  query: async ({ db }) => {
    const teams = await db.selectFrom('desk_teams').select('key').orderBy('key').execute();
    return { rows: teams.map((t) => ({ team: t.key })), summary: {} };
  },
});

function nocPlugin(report = teamsOnCallReport) {
  return definePlugin({
    id: 'noc',
    version: '1.0.0',
    requires: ['desk', 'reports'],
    scopes: { 'noc:read:all': 'Read the on-call roster and its reports' },
    setup: (ctx) => ctx.extensionPoint(reportsExtensionPoint).addReport(report),
  });
}

/** Sam on the noc collection: first with the contributor's scope, then without it. */
const staffWithScope = staffToken({ scopes: ['noc:read:all'], collections: ['noc'] });
const staffWithout = staffToken({ scopes: ['reports:read:all'], collections: ['noc'] });

const nocCollection = defineCollection({
  id: 'noc',
  title: 'NOC',
  plugins: ['noc', 'reports'],
  grant: ['noc:read:all', 'reports:read:all'],
  roles: ['agent', 'admin'],
});

describe.each(testEngines)(
  'a report another plugin contributes, on $engine',
  (engine: TestEngine) => {
    let t: TestServer;

    beforeAll(async () => {
      t = await startTestServer({
        plugins: [
          deskPlugin({ demoData: 'if-empty', demoTickets: 20 }),
          reportsPlugin({ include: [] }),
          nocPlugin(),
        ],
        collections: [nocCollection],
        tokens: [staffWithScope, staffWithout],
        engine,
      });
    });
    afterAll(async () => t?.close());

    it("is served as the contributor's tool to whoever holds the contributor's scope", async () => {
      const staff = t.clients['noc']!;
      expect((await staff.listTools()).tools.map((tool) => tool.name)).toEqual([
        'get_report_teams_on_call',
      ]);
      const { isError, out } = await call(staff, 'get_report_teams_on_call', {});
      expect(isError).toBe(false);
      expect(out.rows.length).toBeGreaterThan(0);
      expect(out.rows[0]).toEqual({ team: expect.any(String) });
    });

    it("is not served on reports:read:all alone: the contributor's scope gates it", async () => {
      const reader = await t.connect('noc', staffWithout.token);
      expect((await reader.listTools()).tools).toEqual([]);
      await reader.close();
    });
  },
);

describe('contributed reports are checked at startup', () => {
  const plugins = (report: Parameters<typeof nocPlugin>[0]) => ({
    plugins: [deskPlugin(), reportsPlugin({ include: ['whitespace'] }), nocPlugin(report)],
    collections: [],
  });

  it('PLUGIN_CONTRIBUTION_INVALID for an id the reports plugin already serves', async () => {
    const error = await expectStartupError(
      plugins(defineReport({ ...teamsOnCallReport, id: 'whitespace' })),
      'PLUGIN_CONTRIBUTION_INVALID',
    );
    expect(error.message).toContain('plugin "noc" contributes a report to plugin "reports"');
    expect(error.message).toContain('"whitespace" is already served by plugin "reports"');
  });

  it('PLUGIN_CONTRIBUTION_INVALID for a report without scopes of its own', async () => {
    const error = await expectStartupError(
      plugins(defineReport({ ...teamsOnCallReport, scopes: [] })),
      'PLUGIN_CONTRIBUTION_INVALID',
    );
    expect(error.message).toMatch(/names no scopes; give it scopes plugin "noc" defines/);
  });

  it('SCOPE_UNDEFINED for a scope the contributor neither defines nor sees', async () => {
    const error = await expectStartupError(
      plugins(defineReport({ ...teamsOnCallReport, scopes: ['pager:read:all'] })),
      'SCOPE_UNDEFINED',
    );
    expect(error.message).toContain('"pager:read:all"');
  });
});
