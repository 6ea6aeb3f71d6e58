import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../core/index.js';
import config, { demoTokens } from './fixtures/demo.config.js';
import { demoConfigPath, runCli, useTemporaryDatabaseUrl } from './run-cli.js';

const database = useTemporaryDatabaseUrl();

describe('servicedesk-mcp migrate', () => {
  it('prints the migrations it applied, then that the database is up to date', async () => {
    const first = await runCli(['migrate', '--config', demoConfigPath]);
    expect(first.code).toBe(0);
    // Dependency order: the core, then each plugin in the config's order, each by name.
    expect(first.lines[0]).toMatch(/^applied \d+ migration\(s\):$/);
    const applied = first.lines.slice(1).map((line) => line.trim());
    expect(applied[0]).toBe('core/0001_audit');
    expect(applied.filter((name) => name.startsWith('desk/')).length).toBeGreaterThan(0);
    expect(applied.slice(-2)).toEqual([
      'announcements/0001_create',
      'announcements/0002_demo_data',
    ]);
    expect(applied.indexOf('desk/0001_directory')).toBeLessThan(
      applied.indexOf('announcements/0001_create'),
    );
    const second = await runCli(['migrate', '--config', demoConfigPath]);
    expect(second.code).toBe(0);
    expect(second.lines).toEqual(['database is up to date']);
  });
});

type PrintedRow = {
  tool: string;
  collection_id: string;
  user_id: string;
  client_id: string;
  outcome: string;
  arguments: Record<string, unknown>;
};

describe('servicedesk-mcp audit', () => {
  async function makeCalls(): Promise<void> {
    const t = await startTestServer({
      plugins: config.plugins,
      collections: config.collections,
      tokens: demoTokens,
      databaseUrl: database.url,
    });
    try {
      await t.clients['user']!.callTool({ name: 'ping', arguments: { message: 'hello' } });
      await t.clients['agent']!.callTool({ name: 'get_announcement', arguments: { id: 1 } });
      await t.clients['user']!.callTool({
        name: 'post_announcement',
        arguments: { title: 'x', body: 'y' },
      }).catch(() => undefined);
      await t.server.audit.flush();
    } finally {
      await t.close();
    }
  }

  async function auditJson(...extra: string[]): Promise<PrintedRow[]> {
    const run = await runCli(['audit', '--config', demoConfigPath, '--json', ...extra]);
    expect(run.code).toBe(0);
    return run.lines.map((line) => JSON.parse(line) as PrintedRow);
  }

  it('prints the rows written by tool calls', async () => {
    await makeCalls();
    const run = await runCli(['audit', '--since', '1h', '--config', demoConfigPath]);
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(4);
    expect(run.lines[0]).toMatch(
      /alice@example\.com \(end_user\)\s+demo-user\s+- @2025-11-25\s+ping\s+ok\s/,
    );
    expect(run.lines[0]).toContain('{"message":"hello"}');
    expect(run.lines[1]).toMatch(
      /agent\s+sam@helpdesk\.example \(agent\)\s+demo-agent\s+- @2025-11-25\s+get_announcement\s+ok/,
    );
    expect(run.lines[2]).toMatch(
      /user\s+alice@example\.com \(end_user\)\s+demo-user\s+- @2025-11-25\s+post_announcement\s+denied/,
    );
    expect(run.lines[3]).toMatch(/^3 call\(s\) since \d{4}-\d\d-\d\dT/);
  });

  it('--json prints one parseable row a line, with the arguments as JSON', async () => {
    const rows = await auditJson('--since', '1h');
    expect(rows.map((r) => [r.collection_id, r.tool, r.outcome, r.client_id])).toEqual([
      ['user', 'ping', 'ok', 'demo-user'],
      ['agent', 'get_announcement', 'ok', 'demo-agent'],
      ['user', 'post_announcement', 'denied', 'demo-user'],
    ]);
    expect(rows[1]!.arguments).toEqual({ id: 1 });
  });

  it('filters by --tool, --collection and --limit', async () => {
    expect((await auditJson('--tool', 'ping')).map((r) => r.tool)).toEqual(['ping']);
    expect((await auditJson('--collection', 'agent')).map((r) => r.tool)).toEqual([
      'get_announcement',
    ]);
    expect((await auditJson('--limit', '1')).map((r) => r.tool)).toEqual(['post_announcement']);
  });

  it('prints nothing since a moment after the calls', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const run = await runCli(['audit', '--since', future, '--config', demoConfigPath]);
    expect(run.lines).toEqual([`0 call(s) since ${future}`]);
  });

  it('fails with exit code 1 on a --since it cannot read', async () => {
    const run = await runCli(['audit', '--since', 'yesterday-ish', '--config', demoConfigPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '--since "yesterday-ish" is neither a duration (30m, 1h, 7d) nor a date',
    );
  });
});
