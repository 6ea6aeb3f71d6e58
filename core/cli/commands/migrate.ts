import { coreMigrations } from '../../storage/core-migrations.js';
import { orderPlugins } from '../../plugin/plugin-order.js';
import { resolveSettings } from '../../server/settings.js';
import { openDatabase } from '../../storage/database.js';
import { runMigrations } from '../../storage/migrator.js';
import type { CommandContext } from '../command.js';

/** `migrate`: applies pending migrations of the core and every plugin, in dependency order. */
export async function migrateCommand({ config, out, env }: CommandContext): Promise<number> {
  const settings = resolveSettings(config, env);
  const ordered = orderPlugins(config.plugins);
  const db = await openDatabase(settings.storage);
  try {
    const applied = await runMigrations(
      db,
      [
        { owner: 'core', migrations: coreMigrations },
        ...ordered.map((p) => ({ owner: p.id, migrations: p.migrations ?? {} })),
      ],
      settings.storage.engine,
    );
    out(
      applied.length === 0 ? 'database is up to date' : `applied ${applied.length} migration(s):`,
    );
    for (const name of applied) out(`  ${name}`);
    return 0;
  } finally {
    await db.destroy();
  }
}
