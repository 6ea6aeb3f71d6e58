import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type TestServer,
} from '../../../core/index.js';
import { defineRunbook, runbooksExtensionPoint } from '../../../plugins/runbooks/api.js';
import { runbooksPlugin } from '../../../plugins/runbooks/index.js';
import { call, staffToken } from '../../../testing/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';
import { testEngines, type TestEngine } from '../../helpers/test-databases.js';

/** The NOC's own tool, which its runbook's steps call. */
const pageTool = defineTool({
  name: 'noc_page',
  title: 'Page the on-call engineer',
  description: 'Test tool: pages the on-call engineer of a team.',
  input: z.object({ team: z.string() }),
  output: z.object({ paged: z.string() }),
  scopes: ['noc:page'],
  handler: ({ input }) => ({ paged: input.team }),
});

const pageTwice = defineRunbook({
  id: 'page_twice',
  title: 'Page twice',
  description: 'Pages a team, then pages it again.',
  input: z.object({ team: z.string().describe('The team to page') }),
  scopes: ['noc:page'],
  steps: [
    { id: 'first', tool: 'noc_page', arguments: { team: '{{ input.team }}' } },
    { id: 'second', tool: 'noc_page', arguments: { team: '{{ steps.first.result.paged }}' } },
  ],
});

function nocPlugin(runbook = pageTwice) {
  return definePlugin({
    id: 'noc',
    version: '1.0.0',
    requires: ['runbooks'],
    scopes: { 'noc:page': 'Page the on-call engineer' },
    tools: [pageTool],
    setup: (ctx) => ctx.extensionPoint(runbooksExtensionPoint).addRunbook(runbook),
  });
}

/** Sam on the noc collection: first with the contributor's scope, then without it. */
const staffWithScope = staffToken({
  scopes: ['noc:page', 'runbooks:read:own'],
  collections: ['noc'],
});
const staffWithout = staffToken({ scopes: ['runbooks:read:own'], collections: ['noc'] });

describe.each(testEngines)(
  'a runbook another plugin contributes, on $engine',
  (engine: TestEngine) => {
    let t: TestServer;

    beforeAll(async () => {
      t = await startTestServer({
        plugins: [runbooksPlugin({ runbooks: [] }), nocPlugin()],
        collections: [
          defineCollection({
            id: 'noc',
            title: 'NOC',
            plugins: ['noc', 'runbooks'],
            grant: ['noc:page', 'runbooks:read:own'],
          }),
        ],
        tokens: [staffWithScope, staffWithout],
        engine,
      });
    });
    afterAll(async () => t?.close());

    it("runs as the contributor's tool, its run stored and read back like any other", async () => {
      const staff = t.clients['noc']!;
      const names = (await staff.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('run_page_twice');
      const run = await call(staff, 'run_page_twice', { team: 'network' });
      expect(run.isError).toBe(false);
      expect(run.out).toMatchObject({
        status: 'completed',
        steps: [
          { id: 'first', status: 'ok', result: { paged: 'network' } },
          { id: 'second', status: 'ok', result: { paged: 'network' } },
        ],
      });
      const stored = await call(staff, 'get_runbook_run', { runId: run.out.runId });
      expect(stored.out).toMatchObject({ runbook: 'page_twice', status: 'completed' });
    });

    it("is not offered without the contributor's scope", async () => {
      const reader = await t.connect('noc', staffWithout.token);
      const names = (await reader.listTools()).tools.map((tool) => tool.name);
      expect(names).not.toContain('run_page_twice');
      await reader.close();
    });
  },
);

describe('contributed runbooks are checked at startup', () => {
  const config = (runbook: typeof pageTwice, configured = [] as (typeof pageTwice)[]) => ({
    plugins: [runbooksPlugin({ runbooks: configured }), nocPlugin(runbook)],
    collections: [],
  });

  it('PLUGIN_CONTRIBUTION_INVALID for an id the runbooks plugin already serves', async () => {
    const error = await expectStartupError(
      config(pageTwice, [defineRunbook({ ...pageTwice, scopes: ['runbooks:run'] })]),
      'PLUGIN_CONTRIBUTION_INVALID',
    );
    expect(error.message).toContain('plugin "noc" contributes a runbook to plugin "runbooks"');
    expect(error.message).toContain('"page_twice" is already served by plugin "runbooks"');
  });

  it('PLUGIN_CONTRIBUTION_INVALID for a runbook without scopes, or one breaking a runbook rule', async () => {
    const unscoped = await expectStartupError(
      config(defineRunbook({ ...pageTwice, scopes: [] })),
      'PLUGIN_CONTRIBUTION_INVALID',
    );
    expect(unscoped.message).toMatch(/names no scopes; give it scopes plugin "noc" defines/);
    const badId = await expectStartupError(
      config(defineRunbook({ ...pageTwice, id: 'Page-Twice' })),
      'PLUGIN_CONTRIBUTION_INVALID',
    );
    expect(badId.message).toContain('runbook "Page-Twice": the id must be snake_case');
  });
});
