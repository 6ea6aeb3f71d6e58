import { coreMigrations } from '../../storage/core-migrations.js';
import { oauthMigrations } from '../../oauth/oauth-schema.js';
import { orderPlugins } from '../../plugin/plugin-order.js';
import { pruneByAge, retentionKinds, type PrunedKind } from '../../retention/prune-by-age.js';
import { checkSettings, resolveSettings } from '../../server/settings.js';
import { openDatabase } from '../../storage/database.js';
import { runMigrations } from '../../storage/migrator.js';
import type { CommandContext } from '../command.js';

function line(kind: PrunedKind, dryRun: boolean): string {
  const name = kind.kind.padEnd(16);
  if (kind.cutoff === undefined) return `  ${name} kept (off)`;
  const rows = `${kind.rows} row(s) ${dryRun ? 'would go' : `deleted in ${kind.batches} batch(es)`}`;
  return `  ${name} ${`older than ${kind.cutoff.toISOString()} (${kind.keepDays} days)`.padEnd(52)} ${rows}`;
}

/** `prune [--dry-run]`: deletes (or counts) the rows past their retention, per kind. */
export async function pruneCommand({ config, options, out, env }: CommandContext): Promise<number> {
  const settings = resolveSettings(config, env);
  checkSettings(settings);
  const dryRun = options['dry-run'] === true;
  const ordered = orderPlugins(config.plugins);
  const db = await openDatabase({ ...settings.storage, statementTimeoutMs: 0 });
  try {
    // The tables must exist to be counted, as when serve starts.
    await runMigrations(
      db,
      [
        { owner: 'core', migrations: coreMigrations },
        ...(config.auth?.builtIn ? [{ owner: 'core', migrations: oauthMigrations }] : []),
        ...ordered.map((p) => ({ owner: p.id, migrations: p.migrations ?? {} })),
      ],
      settings.storage.engine,
    );
    const outcome = await pruneByAge({
      db,
      engine: settings.storage.engine,
      kinds: retentionKinds(config),
      settings: settings.retention,
      dryRun,
    });
    if (outcome.skipped) {
      out('another instance is pruning this database now (it holds the lock); nothing done');
      return 0;
    }
    out(dryRun ? 'prune --dry-run: nothing deleted; per kind:' : 'pruned; per kind:');
    for (const kind of outcome.kinds) out(line(kind, dryRun));
    return 0;
  } finally {
    await db.destroy();
  }
}
