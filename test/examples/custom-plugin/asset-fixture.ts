import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { defineCollection, startTestServer, type TestServer } from '../../../core/index.js';
import { demoAssets } from '../../../examples/custom-plugin/demo-assets.js';
import { assetLookupPlugin } from '../../../examples/custom-plugin/index.js';
import { call } from '../../helpers/call-tool.js';
import type { TestEngine } from '../../helpers/test-databases.js';

/** A server with only the asset-lookup plugin, the demo assets, and a client per caller. */
export interface AssetServer {
  readonly t: TestServer;
  /** Agent sam@helpdesk.example, with every asset scope. */
  readonly agent: Client;
  /** End user alice@example.com: her token lists every scope, her role keeps only `:own` reads. */
  readonly alice: Client;
  /** An agent whose token only reads: the collection grants more, the token does not. */
  readonly reader: Client;
  close(): Promise<void>;
}

const everyScope = ['assets:read:own', 'assets:read:all', 'assets:write:all'];

/**
 * Starts the asset-lookup plugin on `engine`'s fresh database, in one collection for agents
 * and end users, and records the demo assets through `record_asset`.
 *
 * @example
 * const { agent, close } = await startAssetServer(engine);
 */
export async function startAssetServer(engine: TestEngine): Promise<AssetServer> {
  const database = await engine.createDatabase();
  const t = await startTestServer({
    plugins: [assetLookupPlugin({ maxPageSize: 3 })],
    collections: [
      defineCollection({
        id: 'assets',
        title: 'Assets',
        plugins: ['asset-lookup'],
        grant: everyScope,
        roles: ['end_user', 'agent'],
      }),
    ],
    tokens: [
      {
        token: 'sam-token',
        name: 'sam',
        userId: 'sam@helpdesk.example',
        email: 'sam@helpdesk.example',
        role: 'agent',
        scopes: everyScope,
        collections: ['assets'],
      },
      {
        token: 'alice-token',
        name: 'alice',
        userId: 'alice@example.com',
        email: 'alice@example.com',
        role: 'end_user',
        scopes: everyScope,
        collections: ['assets'],
      },
      {
        token: 'reader-token',
        name: 'reader',
        userId: 'rita@helpdesk.example',
        email: 'rita@helpdesk.example',
        role: 'agent',
        scopes: ['assets:read:all'],
        collections: ['assets'],
      },
    ],
    databaseUrl: database.url,
  });
  const agent = t.clients['assets']!;
  for (const asset of demoAssets) {
    const recorded = await call(agent, 'record_asset', {
      tag: asset.tag,
      name: asset.name,
      kind: asset.kind,
      serial: asset.serial,
      assignedTo: asset.assigned_to ?? null,
      location: asset.location,
      purchasedOn: asset.purchased_on,
      warrantyEndsOn: asset.warranty_ends_on,
    });
    if (recorded.isError) throw new Error(`demo asset ${asset.tag}: ${recorded.text}`);
  }
  return {
    t,
    agent,
    alice: await t.connect('assets', 'alice-token'),
    reader: await t.connect('assets', 'reader-token'),
    close: async () => {
      await t.close();
      await database.drop();
    },
  };
}
