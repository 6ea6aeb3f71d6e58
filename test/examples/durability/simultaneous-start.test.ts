import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../helpers/call-tool.js';
import {
  connectClient,
  spawnExampleServer,
  type ExampleServer,
} from '../../helpers/example-server.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { testEngines } from '../../helpers/test-databases.js';
import { openDesk } from './acknowledged-writes.js';
import { readDemoDeskState } from './demo-desk-state.js';

/**
 * Two processes started together on an empty database (a deployment rolling out two replicas)
 * both come up and seed the demo desk once. On SQLite the second used to fail its setup with
 * "database is locked" while the first held the write lock to migrate and seed.
 */
describe.each(testEngines)(
  'two servers starting together on an empty $engine database',
  (engine) => {
    let database: FreshDatabase;
    const servers: ExampleServer[] = [];
    afterEach(async () => {
      for (const server of servers.splice(0)) await server.kill();
      await database?.drop();
    });

    it('both serve, and the desk is seeded exactly once', async () => {
      database = await engine.createDatabase();
      for (let n = 0; n < 2; n++)
        servers.push(spawnExampleServer({ databaseUrl: database.url, env: { LOG_LEVEL: 'warn' } }));
      const started = await Promise.all(servers.map((server) => server.ready));
      for (const { collections } of started) {
        const agent = await connectClient(collections.get('Agent Functions')!, 'demo-agent-token');
        try {
          const found = await call(agent, 'search_tickets', { text: 'vpn' });
          expect(found.isError, found.text).toBe(false);
        } finally {
          await agent.close();
        }
      }
      const desk = await openDesk(database.url);
      try {
        expect((await readDemoDeskState(desk, engine.engine)).kind).toBe('complete');
      } finally {
        await desk.destroy();
      }
    }, 90_000);
  },
);
