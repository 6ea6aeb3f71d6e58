import { retentionKinds } from '../../retention/prune-by-age.js';
import { startRetentionSchedule } from '../../retention/retention-schedule.js';
import { createServer } from '../../server/create-server.js';
import type { CommandContext } from '../command.js';

/** `serve`: starts the server and prints every collection's URL; stops gracefully on SIGINT/SIGTERM. */
export async function serveCommand({ config, out, env }: CommandContext): Promise<number> {
  const started = performance.now();
  const server = await createServer(config, { env });
  await server.listen();
  out(
    `servicedesk-mcp listening on ${server.url} (${server.settings.storage.engine}, ${server.shared.kind === 'redis' ? `shared state on ${server.shared.description}` : 'state in-process'}, ready in ${Math.round(performance.now() - started)} ms)`,
  );
  for (const collection of server.collections)
    out(`  ${collection.title.padEnd(24)} ${collection.url}`);
  out(`  health: ${server.url}/healthz   readiness: ${server.url}/readyz`);
  const { db, log, settings } = server;
  const retention = startRetentionSchedule({
    db,
    engine: settings.storage.engine,
    kinds: retentionKinds(config),
    settings: settings.retention,
    log,
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      out('shutting down: finishing in-flight calls');
      void retention.stop().finally(() => server.close().then(resolve, resolve));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
