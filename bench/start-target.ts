import type { TargetKind } from './target-protocol.js';

/** A started bench target: its MCP endpoint and how to stop it. */
export interface StartedTarget {
  readonly url: string;
  close(): Promise<void>;
}

async function startServer(databaseFile: string): Promise<StartedTarget> {
  const [{ createServer }, { default: benchConfig }] = await Promise.all([
    import('../core/index.js'),
    import('./bench.config.js'),
  ]);
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

/**
 * Starts a benchmark target on `databaseFile`: `server` (the bench config through createServer,
 * its `agent` collection), `floor` (the raw Koa handler) or a peer (bench/peers/). Used by the
 * target process and by the bench's own tests, so both measure and check the same thing. Each
 * kind's code is imported only when started, so a target process loads only its own libraries
 * and its cold start and RSS are its own.
 *
 * @example
 * const { url, close } = await startTarget('server', databaseFile);
 */
export async function startTarget(kind: TargetKind, databaseFile: string): Promise<StartedTarget> {
  switch (kind) {
    case 'server':
      return startServer(databaseFile);
    case 'floor':
      return (await import('./floor.js')).startFloor(databaseFile);
    case 'sdk-stateless':
      return (await import('./peers/sdk-stateless.js')).startSdkStateless(databaseFile);
    case 'sdk-stateful':
      return (await import('./peers/sdk-stateful.js')).startSdkStateful(databaseFile);
    case 'sdk-v2':
      return (await import('./peers/sdk-v2.js')).startSdkV2(databaseFile);
    case 'fastmcp':
      return (await import('./peers/fastmcp.js')).startFastmcp(databaseFile);
  }
}
