import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startAssetServer, type AssetServer } from './asset-fixture.js';

const tags = (out: unknown): string[] =>
  (out as { assets: { tag: string }[] }).assets.map((asset) => asset.tag);

describe.each(testEngines)('find_asset on $engine', (engine) => {
  let s: AssetServer;
  beforeAll(async () => {
    s = await startAssetServer(engine);
  });
  afterAll(async () => s?.close());

  it('finds one asset by tag, with every field', async () => {
    const found = await call(s.agent, 'find_asset', { tag: 'AST-00003' });
    expect(found.isError, found.text).toBe(false);
    expect(found.out).toEqual({
      assets: [
        {
          tag: 'AST-00003',
          name: 'Apple iPhone 15',
          kind: 'phone',
          serial: 'F2LX93KQ0D',
          assignedTo: 'sam@helpdesk.example',
          location: 'Manchester, service desk',
          purchasedOn: '2023-10-02',
          warrantyEndsOn: '2024-10-01',
        },
      ],
      nextOffset: null,
    });
    expect(found.text).toContain('AST-00003 Apple iPhone 15 (phone, serial F2LX93KQ0D)');
  });

  it('finds by serial, by assigned user (any case) and by free text (any case)', async () => {
    expect(tags((await call(s.agent, 'find_asset', { serial: 'PF4TK2Q9' })).out)).toEqual([
      'AST-00004',
    ]);
    const alices = await call(s.agent, 'find_asset', { assignedTo: 'Alice@Example.com' });
    expect(tags(alices.out)).toEqual(['AST-00001', 'AST-00002']);
    const thinkpads = await call(s.agent, 'find_asset', { text: 'THINKPAD' });
    expect(tags(thinkpads.out)).toEqual(['AST-00001', 'AST-00004']);
    const storeRoom = await call(s.agent, 'find_asset', { text: 'store room' });
    expect(tags(storeRoom.out)).toEqual(['AST-00004']);
  });

  it('treats % and _ in the text literally', async () => {
    const found = await call(s.agent, 'find_asset', { text: '%_' });
    expect(found.isError, found.text).toBe(false);
    expect(tags(found.out)).toEqual([]);
    expect(found.text).toBe('No asset matches.');
  });

  it('pages through the register with nextOffset', async () => {
    const first = await call(s.agent, 'find_asset', { limit: 3 });
    expect(tags(first.out)).toEqual(['AST-00001', 'AST-00002', 'AST-00003']);
    expect(first.out.nextOffset).toBe(3);
    expect(first.text).toContain('call find_asset with offset 3');
    const second = await call(s.agent, 'find_asset', { limit: 3, offset: 3 });
    expect(tags(second.out)).toEqual(['AST-00004']);
    expect(second.out.nextOffset).toBeNull();
  });

  it('shows an end user only the assets assigned to her', async () => {
    expect(tags((await call(s.alice, 'find_asset', {})).out)).toEqual(['AST-00001', 'AST-00002']);
    const someoneElses = await call(s.alice, 'find_asset', { tag: 'AST-00003' });
    expect(someoneElses.isError).toBe(false);
    expect(tags(someoneElses.out)).toEqual([]);
  });

  it.each([
    [{ tag: 'ast-3' }, /tag: .*AST-/],
    [{ tag: 3 }, /tag: .*expected string/],
    [{ assignedTo: 'not an address' }, /assignedTo: .*email/],
    [{ text: 'x' }, /text: .*>=2 characters/],
    [{ limit: 4 }, /limit: .*<=3/],
    [{ limit: 0 }, /limit: .*>=1/],
    [{ offset: -1 }, /offset: .*>=0/],
  ])('refuses %j naming the field', async (args, message) => {
    const refused = await call(s.agent, 'find_asset', args);
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(message);
  });
});
