import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineCollection,
  startTestServer,
  type CollectionDefinition,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../core/index.js';
import {
  agentFunctionTools,
  agentGrant,
  demoTokens,
} from '../../../examples/servicedesk/servicedesk.config.js';
import { builtInReports, reportsPlugin, reportToolName } from '../../../plugins/reports/index.js';
import { call } from '../../helpers/call-tool.js';
import { exampleCollections, exampleDeskPlugins } from '../../helpers/example-desk.js';
import { testEngines } from '../../helpers/test-databases.js';

/** The report tools, as the example's agent collection lists them. */
const reportTools = builtInReports.map((report) => reportToolName(report.id));

/** The example's collections with the reports added to Agent Functions, as docs/reports.md says. */
function collectionsWithReports(): CollectionDefinition[] {
  return exampleCollections().map((collection) =>
    collection.id === 'agent'
      ? defineCollection({
          ...collection,
          // Sets, so the test holds once the example itself lists the reports.
          plugins: [...new Set([...collection.plugins, 'reports'])],
          tools: [...new Set([...agentFunctionTools, ...reportTools])],
          grant: [...new Set([...agentGrant, 'reports:read:all'])],
        })
      : collection,
  );
}

/** The example's plugins with the reports plugin, unless the example lists it already. */
function withReports(plugins: PluginDefinition[]): PluginDefinition[] {
  return plugins.some((plugin) => plugin.id === 'reports')
    ? plugins
    : [...plugins, reportsPlugin()];
}

/** The demo tokens, the agent's asking for the reports scope too. */
const tokens: DevToken[] = demoTokens.map((token) =>
  token.role === 'agent'
    ? { ...token, scopes: [...new Set([...token.scopes, 'reports:read:all'])] }
    : token,
);

describe.each(testEngines)('reports in the example Agent Functions on $engine', (engine) => {
  let t: TestServer;
  let drop: () => Promise<void>;
  let agent: Client;

  beforeAll(async () => {
    const database = await engine.createDatabase();
    drop = () => database.drop();
    t = await startTestServer({
      plugins: withReports(exampleDeskPlugins(60)),
      collections: collectionsWithReports(),
      tokens,
      databaseUrl: database.url,
    });
    agent = t.clients['agent']!;
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('lists every report beside the agent tools, and none to the demo end user', async () => {
    const names = (await agent.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining([...reportTools, 'search_tickets', 'log_time']));
    const user = (await t.clients['user']!.listTools()).tools.map((tool) => tool.name);
    expect(user.filter((name) => name.startsWith('get_report_'))).toEqual([]);
  });

  it("answers the reference scenario: a demo customer's gaps and who to give them to", async () => {
    const { out, isError, text } = await call(agent, 'get_report_whitespace', {
      customer: 'acorn construction',
      show: 'lacks',
    });
    expect(isError, text).toBe(false);
    expect(out.rows.length).toBe(out.summary.lacks);
    expect(out.summary.account_manager).toMatchObject({ email: expect.stringMatching(/@/) });
    const open = await call(agent, 'get_report_open_tickets_by_team_priority', {});
    expect(open.isError, open.text).toBe(false);
    const agentTimes = await call(agent, 'get_report_time_logged_per_agent_weekly', {});
    expect(agentTimes.isError, agentTimes.text).toBe(false);
  });
});
