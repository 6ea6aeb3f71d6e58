import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../core/index.ts';
import config, { demoTokens } from '../../../examples/demo/servicedesk.config.ts';

describe('demo smoke', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: config.plugins,
      collections: config.collections,
      tokens: demoTokens,
    });
  });
  afterAll(() => t.close());

  it('lists and calls', async () => {
    const agent = t.clients['agent']!;
    const tools = await agent.listTools();
    expect(tools.tools.map((x) => x.name).sort()).toEqual([
      'get_announcement',
      'list_announcements',
      'ping',
      'post_announcement',
      'whoami',
    ]);
    const user = t.clients['user']!;
    expect((await user.listTools()).tools.map((x) => x.name).sort()).toEqual([
      'get_announcement',
      'list_announcements',
      'ping',
      'whoami',
    ]);
    const r = await agent.callTool({ name: 'get_announcement', arguments: { id: 1 } });
    expect(r.structuredContent).toMatchObject({ id: 1 });
    const bad = await agent.callTool({ name: 'get_announcement', arguments: { id: 'x' } });
    console.log(JSON.stringify(bad));
    await expect(
      user.callTool({ name: 'post_announcement', arguments: { title: 'abc', body: 'x' } }),
    ).rejects.toThrow(/not found/);
  });
});
