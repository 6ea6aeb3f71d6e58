import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.js';
import config, { assetDemoTokens } from '../../../examples/custom-plugin/custom-plugin.config.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { runCli } from '../../core/cli/run-cli.js';

const configPath = 'examples/custom-plugin/custom-plugin.config.ts';

describe.each(testEngines)('the custom-plugin example config on $engine', (engine) => {
  let database: FreshDatabase;
  let previousUrl: string | undefined;
  let t: TestServer;

  beforeAll(async () => {
    database = await engine.createDatabase();
    // The CLI reads DATABASE_URL, as it does in production.
    previousUrl = process.env['DATABASE_URL'];
    process.env['DATABASE_URL'] = database.url;
  });
  afterAll(async () => {
    await t?.close();
    if (previousUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = previousUrl;
    await database?.drop();
  });

  it('seeds the demo assets with `seed-assets`, once', async () => {
    const first = await runCli(['seed-assets', '--config', configPath]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.lines).toEqual(['asset-lookup: 4 demo asset(s) added, 0 already there']);
    const again = await runCli(['seed-assets', '--config', configPath]);
    expect(again.lines).toEqual(['asset-lookup: 0 demo asset(s) added, 4 already there']);
  });

  it('serves find_asset beside the desk tools in the user collection', async () => {
    const run = await runCli([
      'tools',
      '--collection',
      'user',
      '--role',
      'end_user',
      '--config',
      configPath,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.lines.slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual([
      'create_ticket',
      'get_my_tickets',
      'update_ticket',
      'find_asset',
      '4',
    ]);
  });

  it("answers the demo user's find_asset with her assets, on the config's own collections", async () => {
    t = await startTestServer({
      plugins: config.plugins,
      collections: config.collections,
      tokens: assetDemoTokens,
      databaseUrl: database.url,
    });
    const mine = await call(t.clients['user']!, 'find_asset', {});
    expect(mine.isError, mine.text).toBe(false);
    const assets = (mine.out as { assets: { tag: string }[] }).assets;
    expect(assets.map((asset) => asset.tag)).toEqual(['AST-00001', 'AST-00002']);
    const agentTools = (await t.clients['agent']!.listTools()).tools.map((tool) => tool.name);
    expect(agentTools).toEqual(
      expect.arrayContaining(['get_ticket', 'find_asset', 'record_asset']),
    );
  });
});
