import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  definePlugin,
  startTestServer,
  type DevToken,
  type PluginDefinition,
  type TestServer,
} from '../../../core/index.js';
import { demoServices } from '../../../plugins/desk/demo/demo-catalogue.js';
import { deskPlugin } from '../../../plugins/desk/index.js';
import {
  ticketTypesExtensionPoint,
  type TicketTypeToolContribution,
} from '../../../plugins/ticket-types/api.js';
import { ticketTypeToolsPlugin } from '../../../plugins/ticket-types/index.js';
import { call } from '../../helpers/call-tool.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { testEngines } from '../../helpers/test-databases.js';

/** The NOC's own tools: incidents logged as on-call pages, and VPN access requests. */
const nocTools: readonly TicketTypeToolContribution[] = [
  { type: 'incident', name: 'page_on_call', scope: 'noc:page:own' },
  { catalogueItem: 'vpn-access', scope: 'noc:vpn-access:own' },
];

/** A plugin of its own folder that contributes `tools` to ticket-types in its setup. */
function nocPlugin(
  tools: readonly TicketTypeToolContribution[] = nocTools,
  options: { id?: string; requires?: string[]; scopes?: Record<string, string> } = {},
): PluginDefinition {
  return definePlugin({
    id: options.id ?? 'noc',
    version: '1.0.0',
    requires: options.requires ?? ['ticket-types'],
    scopes: options.scopes ?? {
      'noc:page:own': 'Page the on-call engineer',
      'noc:vpn-access:own': 'Request VPN access for on-call staff',
    },
    async setup(ctx) {
      const ticketTypes = ctx.extensionPoint(ticketTypesExtensionPoint);
      for (const tool of tools) await ticketTypes.addTicketTypeTool(tool);
    },
  });
}

const configured = ticketTypeToolsPlugin({ tools: [{ type: 'opportunity' }] });

function token(name: string, scopes: string[]): DevToken {
  return {
    token: name,
    name,
    userId: 'sam@helpdesk.example',
    email: 'sam@helpdesk.example',
    role: 'agent',
    scopes: ['tickets:write:all', ...scopes],
    collections: ['noc', 'desk'],
  };
}

describe.each(testEngines)('ticket-type tools another plugin contributes, on $engine', (engine) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({
      // The contributor comes first: requiring ticket-types sets that up before it.
      plugins: [nocPlugin(), deskPlugin({ demoData: 'if-empty', demoTickets: 5 }), configured],
      collections: [
        defineCollection({
          id: 'noc',
          title: 'NOC',
          plugins: ['noc'],
          grant: ['tickets:write:all', 'noc:page:own', 'noc:vpn-access:own'],
          roles: ['agent', 'admin'],
        }),
        defineCollection({
          id: 'desk',
          title: 'Desk',
          plugins: ['ticket-types'],
          grant: ['tickets:write:all', 'tickets:log-opportunity:own'],
          roles: ['agent', 'admin'],
        }),
      ],
      tokens: [
        token('noc-staff', ['noc:page:own', 'noc:vpn-access:own']),
        token('desk-staff', ['tickets:log-opportunity:own']),
        token('all-staff', ['noc:page:own', 'noc:vpn-access:own', 'tickets:log-opportunity:own']),
      ],
      engine,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves them as the contributor's tools, built from the desk like configured ones", async () => {
    const staff = await t.connect('noc', 'noc-staff');
    const { tools } = await staff.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['page_on_call', 'log_vpn_access']);
    // The incident type's own fields, as a configured incident tool has them.
    expect(tools[0]!.inputSchema.required).toEqual(['summary', 'details', 'affected_service']);
    expect(Object.keys(tools[0]!.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['impact', 'asset_tag']),
    );
    expect(tools[1]!.description).toMatch(/^Requests "VPN access" from the service catalogue/);
    const { isError, out } = await call(staff, 'page_on_call', {
      summary: 'Core switch down in London',
      details: 'Nobody on the third floor can reach anything.',
      affected_service: demoServices[0]!.name,
    });
    expect(isError).toBe(false);
    expect(out).toMatchObject({ type: 'incident', catalogue_item: null, team: 'service-desk' });
    await staff.close();
  });

  it("is gated by the contributor's scope, and not served where only ticket-types is listed", async () => {
    const deskStaff = await t.connect('noc', 'desk-staff');
    expect((await deskStaff.listTools()).tools).toEqual([]);
    await deskStaff.close();
    const everyScope = await t.connect('desk', 'all-staff');
    expect((await everyScope.listTools()).tools.map((tool) => tool.name)).toEqual([
      'log_opportunity',
    ]);
    await everyScope.close();
  });
});

describe('contributed ticket-type tools are checked at startup', () => {
  const folder = createTempFolder('ticket-type-extension');
  const databaseUrl = folder.file('desk.db');
  beforeAll(async () => {
    // The desk's ticket types and catalogue, loaded once for every check below.
    const server = await createServer(
      {
        plugins: [deskPlugin({ demoData: 'if-empty', demoTickets: 0 })],
        collections: [],
        databaseUrl,
        log: { level: 'silent' },
      },
      { env: {} },
    );
    await server.close();
  });
  afterAll(() => folder.remove());

  const refusal = (contributors: readonly PluginDefinition[]) =>
    expectStartupError(
      { plugins: [deskPlugin(), configured, ...contributors], collections: [], databaseUrl },
      'PLUGIN_CONTRIBUTION_INVALID',
    );
  const prefix = 'plugin "noc" contributes a ticket-type tool to plugin "ticket-types": ';

  it('refuses a name a configured tool has, naming both sources', async () => {
    const error = await refusal([nocPlugin([{ type: 'opportunity', scope: 'noc:page:own' }])]);
    expect(error.message).toContain(
      `${prefix}tool name "log_opportunity" is already taken by tool "log_opportunity" of plugin ` +
        `"ticket-types" (its config's tools[0]); set "name" to one of its own`,
    );
  });

  it("refuses a name another plugin's tool has, naming both plugins", async () => {
    const pager = nocPlugin([{ type: 'problem', name: 'page_on_call', scope: 'pager:page:own' }], {
      id: 'pager',
      scopes: { 'pager:page:own': 'Page through the pager service' },
    });
    const error = await refusal([nocPlugin(), pager]);
    expect(error.message).toContain(
      'plugin "pager" contributes a ticket-type tool to plugin "ticket-types": tool name ' +
        '"page_on_call" is already taken by tool "page_on_call" contributed by plugin "noc"',
    );
  });

  it('refuses a tool without a scope, a scope a configured tool has, and a type the desk lacks', async () => {
    const noScope = await refusal([nocPlugin([{ type: 'problem' } as TicketTypeToolContribution])]);
    expect(noScope.message).toContain(
      `${prefix}tool.scope is missing; set it to a scope plugin "noc" defines`,
    );
    const sharedScope = await refusal([
      nocPlugin([{ type: 'problem', scope: 'tickets:log-opportunity:own' }]),
    ]);
    expect(sharedScope.message).toContain(
      `${prefix}tool "log_problem" has scope "tickets:log-opportunity:own", already the scope of tool "log_opportunity"`,
    );
    const unknown = await refusal([nocPlugin([{ type: 'on-call-page', scope: 'noc:page:own' }])]);
    expect(unknown.message).toContain(
      `${prefix}tool "log_on_call_page" names ticket type "on-call-page", which the desk does not have; known types: `,
    );
  });

  it('PLUGIN_EXTENSION_POINT_MISSING when the contributor does not require ticket-types', async () => {
    const error = await expectStartupError(
      {
        plugins: [deskPlugin(), configured, nocPlugin(nocTools, { requires: ['desk'] })],
        collections: [],
        databaseUrl,
      },
      'PLUGIN_EXTENSION_POINT_MISSING',
    );
    expect(error.message).toContain('"ticket-types.ticket-types"');
    expect(error.message).toContain('plugin "noc"');
  });
});
