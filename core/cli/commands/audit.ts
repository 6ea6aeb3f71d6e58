import { AuditLog } from '../../audit/audit-log.js';
import { coreMigrations } from '../../storage/core-migrations.js';
import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { createLogger } from '../../log/logger.js';
import { resolveSettings } from '../../server/settings.js';
import { openDatabase } from '../../storage/database.js';
import { runMigrations } from '../../storage/migrator.js';
import type { CommandContext } from '../command.js';

const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `15m`, `1h`, `7d` or an ISO date into the moment it names. */
export function parseSince(value: string, now = Date.now()): Date {
  const match = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (match) return new Date(now - Number(match[1]) * (units[match[2] as string] as number));
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ServiceDeskError(
      'CONFIG_INVALID',
      `--since "${value}" is neither a duration (30m, 1h, 7d) nor a date (2026-11-01T09:00Z)`,
    );
  }
  return date;
}

/** The client program and the revision it spoke, where the row knows them. */
function clientLabel(row: {
  client_name: string | null;
  client_version: string | null;
  protocol_version: string | null;
}): string {
  const program = row.client_name === null ? '-' : `${row.client_name} ${row.client_version ?? ''}`;
  return `${program.trim()} @${row.protocol_version ?? '?'}`;
}

/** `audit --since 1h [--collection id] [--tool name] [--limit n] [--json]`: prints audit rows. */
export async function auditCommand({ config, options, out, env }: CommandContext): Promise<number> {
  const since = parseSince(typeof options['since'] === 'string' ? options['since'] : '1h');
  const settings = resolveSettings(config, env);
  const db = await openDatabase(settings.storage);
  try {
    await runMigrations(
      db,
      [{ owner: 'core', migrations: coreMigrations }],
      settings.storage.engine,
    );
    const log = new AuditLog({
      db,
      engine: settings.storage.engine,
      log: createLogger({ level: 'silent' }),
    });
    const rows = await log.query({
      since,
      ...(typeof options['collection'] === 'string' && { collectionId: options['collection'] }),
      ...(typeof options['tool'] === 'string' && { tool: options['tool'] }),
      ...(typeof options['limit'] === 'string' && { limit: Number(options['limit']) }),
    });
    if (options['json'] === true) {
      for (const row of rows)
        out(JSON.stringify({ ...row, arguments: JSON.parse(row.arguments) as unknown }));
      return 0;
    }
    for (const r of rows) {
      out(
        `${r.at}  ${r.collection_id.padEnd(10)} ${`${r.user_id} (${r.role})`.padEnd(36)} ${r.client_id.padEnd(16)} ${clientLabel(r).padEnd(32)} ${r.tool.padEnd(28)} ${r.outcome.padEnd(14)} ${r.duration_ms.toFixed(1).padStart(8)} ms  ${r.arguments}`,
      );
    }
    out(`${rows.length} call(s) since ${since.toISOString()}`);
    return 0;
  } finally {
    await db.destroy();
  }
}
