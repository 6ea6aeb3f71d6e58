import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../../../core/index.js';
import config, { demoTokens } from './fixtures/demo.config.js';
import { demoConfigPath, runCli, useTemporaryDatabaseUrl } from './run-cli.js';

useTemporaryDatabaseUrl();

/** The tool names of the text output: one indented line per tool between header and count. */
function toolNames(lines: readonly string[]): string[] {
  expect(lines.at(-1)).toBe(`${lines.length - 2} tool(s)`);
  return lines.slice(1, -1).map((line) => line.trim().split(/\s+/)[0]!);
}

function tools(collection: string, ...extra: string[]) {
  return runCli(['tools', '--collection', collection, '--config', demoConfigPath, ...extra]);
}

describe('servicedesk-mcp tools', () => {
  it('lists exactly the tools an end user may use on the user collection', async () => {
    const run = await tools('user', '--role', 'end_user');
    expect(run.code).toBe(0);
    expect(run.lines[0]).toBe(
      'User Functions (user) — effective scopes: announcements:read, diagnostics:read',
    );
    expect(toolNames(run.lines)).toEqual([
      'ping',
      'whoami',
      'get_announcement',
      'list_announcements',
    ]);
    expect(run.lines[1]).toContain('Ping the service desk');
  });

  it('lists the write tool for an agent on the agent collection', async () => {
    const run = await tools('agent', '--role', 'agent');
    expect(run.code).toBe(0);
    expect(toolNames(run.lines).sort()).toEqual([
      'get_announcement',
      'list_announcements',
      'ping',
      'post_announcement',
      'whoami',
    ]);
  });

  it('the role caps what the grant offers: an end user never gets :all scopes', async () => {
    const run = await tools('agent', '--role', 'end_user');
    expect(run.lines[0]).toContain('effective scopes: announcements:read, diagnostics:read');
    expect(toolNames(run.lines)).not.toContain('post_announcement');
  });

  it('defaults to an admin holding the whole grant', async () => {
    const run = await tools('agent');
    expect(run.lines[0]).toContain(
      'effective scopes: announcements:read, announcements:write:all, diagnostics:read',
    );
    expect(toolNames(run.lines)).toHaveLength(5);
  });

  it('--scopes narrows to what a token with those scopes would see', async () => {
    const run = await tools('agent', '--role', 'agent', '--scopes', 'diagnostics:read');
    expect(run.lines[0]).toContain('effective scopes: diagnostics:read');
    expect(toolNames(run.lines)).toEqual(['ping', 'whoami']);
  });

  it('--scopes accepts commas and spaces, and ignores scopes the grant does not give', async () => {
    const run = await tools(
      'user',
      '--role',
      'end_user',
      '--scopes',
      'announcements:read, announcements:write:all',
    );
    expect(run.lines[0]).toContain('effective scopes: announcements:read');
    expect(toolNames(run.lines)).toEqual(['get_announcement', 'list_announcements']);
  });

  it('says so when no scope is effective', async () => {
    const run = await tools('user', '--role', 'end_user', '--scopes', 'tickets:read:all');
    expect(run.lines).toEqual(['User Functions (user) — effective scopes: none', '0 tool(s)']);
  });

  it('--json prints the listing the wire would carry, with the scopes each tool needs', async () => {
    const run = await tools('user', '--role', 'end_user', '--json');
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.lines.join('\n')) as {
      collection: string;
      scopes: string[];
      tools: (Tool & { scopes: string[] })[];
    };
    expect(parsed.collection).toBe('user');
    expect(parsed.scopes).toEqual(['announcements:read', 'diagnostics:read']);
    expect(parsed.tools.map((t) => [t.name, t.scopes])).toEqual([
      ['ping', ['diagnostics:read']],
      ['whoami', ['diagnostics:read']],
      ['get_announcement', ['announcements:read']],
      ['list_announcements', ['announcements:read']],
    ]);
    for (const tool of parsed.tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.description).toBeTruthy();
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
  });

  it('shows each tool with its effect and scopes in aligned columns', async () => {
    const run = await tools('agent', '--role', 'agent');
    const rows = run.lines.slice(1, -1);
    const row = (name: string) => rows.find((line) => line.trim().startsWith(`${name} `))!;
    expect(row('ping').trim().split(/\s+/).slice(0, 3)).toEqual([
      'ping',
      'read-only',
      'diagnostics:read',
    ]);
    // post_announcement declares readOnlyHint: false and destructiveHint: false: no effect shown.
    expect(row('post_announcement').trim().split(/\s+/).slice(0, 2)).toEqual([
      'post_announcement',
      'announcements:write:all',
    ]);
    const titleColumns = rows.map((line) => line.search(/[A-Z]/));
    expect(new Set(titleColumns).size).toBe(1);
    expect(row('post_announcement').slice(titleColumns[0])).toBe('Post an announcement');
  });

  it('matches what an SDK client with the same token sees over HTTP', async () => {
    const t = await startTestServer({
      plugins: config.plugins,
      collections: config.collections,
      tokens: demoTokens,
    });
    try {
      for (const token of demoTokens) {
        const collection = token.collections[0]!;
        const listed = await t.clients[collection]!.listTools();
        const run = await tools(
          collection,
          '--role',
          token.role,
          '--scopes',
          token.scopes.join(','),
          '--json',
        );
        const printed = (
          JSON.parse(run.lines.join('\n')) as { tools: (Tool & { scopes: string[] })[] }
        ).tools;
        expect(printed.map(({ scopes: _scopes, ...tool }) => tool)).toEqual(listed.tools);
        for (const tool of printed) {
          expect(tool.scopes.every((scope) => token.scopes.includes(scope))).toBe(true);
        }
      }
    } finally {
      await t.close();
    }
  });

  it('fails with exit code 1 and the known collections for an unknown one', async () => {
    const run = await tools('nope');
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([]);
    expect(run.stderr).toContain('servicedesk-mcp tools: CONFIG_INVALID: no collection "nope"');
    expect(run.stderr).toContain('collections: user, agent');
  });

  it('fails for an unknown role and for a missing --collection', async () => {
    const badRole = await tools('user', '--role', 'superuser');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of end_user, agent, admin, service');
    const noCollection = await runCli(['tools', '--config', demoConfigPath]);
    expect(noCollection.code).toBe(1);
    expect(noCollection.stderr).toContain('tools needs --collection <id>');
  });
});
