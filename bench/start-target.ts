import { createServer } from '../core/index.js';
import benchConfig from './bench.config.js';
import { startFloor } from './floor.js';
import type { TargetKind } from './target-protocol.js';

/**
 * Starts a benchmark target on `databaseFile`: `server` (the bench config through createServer,
 * its `agent` collection) or `floor` (the raw Koa handler). Used by the target process and by the
 * bench's own tests, so both measure and check the same thing.
 *
 * @example
 * const { url, close } = await startTarget('server', databaseFile);
 */
export async function startTarget(
  kind: TargetKind,
  databaseFile: string,
): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'floor') return startFloor(databaseFile);
  const server = await createServer(benchConfig, {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: databaseFile,
      LOG_LEVEL: 'silent',
    },
  });
  await server.listen();
  const agent = server.collections.find((collection) => collection.id === 'agent');
  if (!agent) throw new Error('the bench config has no `agent` collection');
  return { url: agent.url, close: () => server.close() };
}
