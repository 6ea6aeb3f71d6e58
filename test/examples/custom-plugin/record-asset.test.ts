import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetLookupPlugin } from '../../../examples/custom-plugin/index.js';
import { call } from '../../helpers/call-tool.js';
import { testEngines } from '../../helpers/test-databases.js';
import { startAssetServer, type AssetServer } from './asset-fixture.js';

const newLaptop = {
  tag: 'AST-00107',
  name: 'Dell Latitude 7440',
  kind: 'laptop',
  serial: 'DL7440X1',
  assignedTo: 'Jo.Bloggs@Example.com',
  location: 'Leeds',
  purchasedOn: '2025-01-15',
  warrantyEndsOn: '2028-01-14',
};

describe.each(testEngines)('record_asset on $engine', (engine) => {
  let s: AssetServer;
  beforeAll(async () => {
    s = await startAssetServer(engine);
  });
  afterAll(async () => s?.close());

  /** How many assets the register holds, read as an agent. */
  async function count(): Promise<number> {
    let total = 0;
    for (let offset: number | null = 0; offset !== null;) {
      const page = await call(s.agent, 'find_asset', { offset, limit: 3 });
      total += (page.out as { assets: unknown[] }).assets.length;
      offset = (page.out as { nextOffset: number | null }).nextOffset;
    }
    return total;
  }

  it('records an asset, with its user in lower case, and finds it again', async () => {
    const recorded = await call(s.agent, 'record_asset', newLaptop);
    expect(recorded.isError, recorded.text).toBe(false);
    expect(recorded.out).toEqual({ ...newLaptop, assignedTo: 'jo.bloggs@example.com' });
    expect(recorded.text).toMatch(/^Recorded AST-00107 Dell Latitude 7440/);
    const found = await call(s.agent, 'find_asset', { assignedTo: 'jo.bloggs@example.com' });
    expect(found.out.assets).toEqual([recorded.out]);
  });

  it('records an asset in stock when assignedTo is left out', async () => {
    const recorded = await call(s.agent, 'record_asset', {
      ...newLaptop,
      tag: 'AST-00108',
      serial: 'DL7440X2',
      assignedTo: undefined,
    });
    expect(recorded.isError, recorded.text).toBe(false);
    expect(recorded.out.assignedTo).toBeNull();
  });

  it.each([
    [{ tag: 'AST-00001' }, 'tag AST-00001 is already recorded (asset AST-00001)'],
    [{ serial: 'PF4TK2Q1' }, 'serial PF4TK2Q1 is already recorded (asset AST-00001)'],
    [{ warrantyEndsOn: '2024-12-31' }, 'warrantyEndsOn 2024-12-31 is before purchasedOn'],
    [
      { purchasedOn: '2999-01-01', warrantyEndsOn: '2999-02-01' },
      'purchasedOn 2999-01-01 is in the future',
    ],
  ])('refuses %j with advice, writing nothing', async (change, message) => {
    const before = await count();
    const refused = await call(s.agent, 'record_asset', {
      ...newLaptop,
      tag: 'AST-00200',
      serial: 'NEW-SERIAL',
      ...change,
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(message);
    expect(await count()).toBe(before);
  });

  it.each([
    [{ tag: undefined }, /tag: /],
    [{ tag: 'AST-1' }, /tag: .*AST-/],
    [{ kind: 'printer' }, /kind: .*laptop/],
    [{ name: 42 }, /name: .*expected string/],
    [{ assignedTo: 'jo' }, /assignedTo: .*email/],
    [{ purchasedOn: '15/01/2025' }, /purchasedOn: .*date/],
    [{ warrantyEndsOn: undefined }, /warrantyEndsOn: /],
  ])('refuses bad arguments %j naming the field, writing nothing', async (change, message) => {
    const before = await count();
    const refused = await call(s.agent, 'record_asset', {
      ...newLaptop,
      tag: 'AST-00300',
      serial: 'OTHER-SERIAL',
      ...change,
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('is neither listed nor callable for an end user, whatever her token says', async () => {
    const names = (await s.alice.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(['find_asset']);
    const before = await count();
    await expect(
      s.alice.callTool({ name: 'record_asset', arguments: { ...newLaptop, tag: 'AST-00400' } }),
    ).rejects.toThrow(/Tool record_asset not found/);
    expect(await count()).toBe(before);
  });

  it('asks an agent whose token lacks assets:write:all to step up (HTTP 403)', async () => {
    expect((await s.reader.listTools()).tools.map((tool) => tool.name)).toEqual(['find_asset']);
    const before = await count();
    const error = await s.reader
      .callTool({ name: 'record_asset', arguments: { ...newLaptop, tag: 'AST-00500' } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(StreamableHTTPError);
    expect((error as StreamableHTTPError).code).toBe(403);
    expect(await count()).toBe(before);
  });
});

describe('assetLookupPlugin options', () => {
  it.each([0, 201, 2.5, Number.NaN])(
    'refuses maxPageSize %s at startup, naming the rule',
    (size) => {
      expect(() => assetLookupPlugin({ maxPageSize: size })).toThrow(
        /CONFIG_INVALID.*plugin "asset-lookup": maxPageSize is .*whole number from 1 to 200/,
      );
    },
  );
});
