import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCollection } from 'servicedesk-mcp';
import {
  call,
  demoDeskPlugins,
  endUserToken,
  staffToken,
  startTestServer,
  testEngines,
  type TestServer,
} from 'servicedesk-mcp/testing';
import { partsPlugin } from '../src/parts-plugin.js';

const grant = ['parts:read', 'parts:write:all', 'users:read:own'];
const collections = [
  defineCollection({ id: 'parts', title: 'Parts', plugins: ['parts', 'people'], grant }),
];
const sam = staffToken({ scopes: grant, collections: ['parts'] });
const alice = endUserToken({ scopes: grant, collections: ['parts'] });

describe.each(testEngines)('the parts plugin on $engine', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      plugins: [...demoDeskPlugins({ demoTickets: 5 }), partsPlugin()],
      collections,
      tokens: [sam, alice],
      engine,
    });
  });
  afterAll(() => t?.close());

  it('records a part as a member of staff and reads it back', async () => {
    const staff = await t.connect('parts', sam.token);
    const part = { sku: 'CAB-01', name: 'USB-C cable', stock: 12 };
    expect(await call(staff, 'stock_part', part)).toMatchObject({ isError: false, out: part });
    expect((await call(staff, 'get_part', { sku: 'CAB-01' })).out).toEqual(part);
    const missing = await call(staff, 'get_part', { sku: 'CAB-99' });
    expect(missing).toMatchObject({ isError: true, text: expect.stringContaining('stock_part') });
  });

  it('keeps the write away from an end user, whatever her token lists', async () => {
    const user = await t.connect('parts', alice.token);
    const names = (await user.listTools()).tools.map((tool) => tool.name).sort();
    expect(names).toEqual(['get_part', 'get_user_info']);
    expect((await call(user, 'get_user_info')).out).toMatchObject({
      user: { name: 'Alice Carter', email: 'alice@example.com' },
    });
  });

  it('runs on the engine it was given', () => {
    expect(t.server.settings.storage.engine).toBe(engine.engine);
  });
});
