import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditTables } from '../../../core/audit/audit-schema.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';
import { openSeedDatabase, seedAudit, seedRun } from '../retention/seed-rows.js';

const run = promisify(execFile);
const config = 'test/core/cli/fixtures/retention.config.ts';

describe('servicedesk-mcp prune', () => {
  let folder: TempFolder;
  let url: string;

  beforeEach(async () => {
    folder = createTempFolder('prune-cli');
    url = folder.file('desk.db');
    const { db } = await openSeedDatabase(url);
    await seedAudit(db, [90, 45, 31, 2]);
    await seedRun(db, { id: 'old', startedDaysAgo: 200, finishedDaysAgo: 200 });
    await seedRun(db, { id: 'running', startedDaysAgo: 200, finishedDaysAgo: null });
    await db.destroy();
  });
  afterEach(() => folder.remove());

  async function prune(...extra: string[]): Promise<string[]> {
    const { stdout } = await run(
      process.execPath,
      ['bin/servicedesk-mcp.js', 'prune', '--config', config, ...extra],
      { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } },
    );
    return stdout.trimEnd().split('\n');
  }

  async function auditRows(): Promise<number> {
    const { db } = await openSeedDatabase(url);
    try {
      return (await db.withTables<AuditTables>().selectFrom('sdm_audit').select('id').execute())
        .length;
    } finally {
      await db.destroy();
    }
  }

  it('with --dry-run prints per kind what would go and the cut-off, and deletes nothing', async () => {
    const lines = await prune('--dry-run');
    expect(lines[0]).toBe('prune --dry-run: nothing deleted; per kind:');
    expect(lines[1]).toMatch(
      /^ {2}audit\s+older than \d{4}-\d\d-\d\dT[\d:.]+Z \(30 days\)\s+3 row\(s\) would go$/,
    );
    expect(lines[2]).toMatch(
      /^ {2}runbooks\.runs\s+older than .* \(180 days\)\s+1 row\(s\) would go$/,
    );
    expect(lines).toHaveLength(3);
    expect(await auditRows()).toBe(4);
  });

  it('deletes what the dry run counted and says in how many batches', async () => {
    const lines = await prune();
    expect(lines[0]).toBe('pruned; per kind:');
    expect(lines[1]).toMatch(
      /^ {2}audit\s+older than .* \(30 days\)\s+3 row\(s\) deleted in 1 batch\(es\)$/,
    );
    expect(lines[2]).toMatch(/^ {2}runbooks\.runs\s+.*1 row\(s\) deleted in 1 batch\(es\)$/);
    expect(await auditRows()).toBe(1);
    const again = await prune('--dry-run');
    expect(again.slice(1).every((line) => line.endsWith(' 0 row(s) would go'))).toBe(true);
  });
});
