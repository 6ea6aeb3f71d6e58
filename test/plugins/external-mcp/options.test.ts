import { describe, expect, it } from 'vitest';
import { ServiceDeskError } from '../../../core/index.js';
import {
  externalMcpPlugin,
  localToolName,
  type ExternalMcpPluginOptions,
  type RemoteServerOptions,
} from '../../../plugins/external-mcp/index.js';
import { exponentialBackoff } from '../../../plugins/external-mcp/backoff.js';
import { nameTools } from '../../../plugins/external-mcp/tool-name.js';

const good: RemoteServerOptions = {
  id: 'monitoring',
  prefix: 'monitor',
  url: 'https://monitoring.example.com/mcp',
  scopes: { 'monitoring:read': 'Read server status from the monitoring system' },
};

function refusal(options: ExternalMcpPluginOptions): string {
  try {
    externalMcpPlugin(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceDeskError);
    expect((error as ServiceDeskError).code).toBe('CONFIG_INVALID');
    return (error as ServiceDeskError).message;
  }
  throw new Error('expected CONFIG_INVALID');
}

const remote = (changes: Record<string, unknown>): ExternalMcpPluginOptions => ({
  remotes: [{ ...good, ...changes }],
});

describe('external-mcp options', () => {
  it('declares the remotes’ scopes and one dynamic prefix per remote', () => {
    const plugin = externalMcpPlugin({
      remotes: [
        good,
        {
          id: 'inventory',
          prefix: 'assets',
          command: { command: 'inventory-mcp' },
          scopes: { 'assets:read': 'Read the asset inventory' },
        },
      ],
    });
    expect(plugin.id).toBe('external-mcp');
    expect(plugin.scopes).toEqual({
      'monitoring:read': 'Read server status from the monitoring system',
      'assets:read': 'Read the asset inventory',
    });
    expect(plugin.dynamicTools?.prefixes).toEqual(['monitor_', 'assets_']);
  });

  it.each([
    [
      { remotes: 'monitoring' },
      'plugin "external-mcp": remotes must be a non-empty list of remote servers',
    ],
    [{ remotes: [] }, 'plugin "external-mcp": remotes must be a non-empty list of remote servers'],
    [remote({ id: 'Monitoring' }), 'remotes[0].id is "Monitoring", which must be kebab-case'],
    [
      remote({ prefix: 'monitor_' }),
      'remote "monitoring": prefix "monitor_" must be 1–32 letters, digits or underscores, starting with a letter, not ending with _',
    ],
    [remote({ prefix: '9lives' }), 'prefix "9lives" must be 1–32 letters'],
    [
      remote({ url: undefined }),
      'remote "monitoring" needs exactly one of url (Streamable HTTP) and command (stdio)',
    ],
    [remote({ command: { command: 'x' } }), 'needs exactly one of url'],
    [
      remote({ url: 'monitoring.example.com' }),
      'remote "monitoring".url is "monitoring.example.com", which must be an absolute http(s) URL',
    ],
    [
      remote({ url: 'http://monitoring.example.com/mcp', auth: { type: 'bearer', tokenEnv: 'T' } }),
      'must be https (plain http only on a loopback address)',
    ],
    [
      remote({ tools: [] }),
      "remote \"monitoring\".tools must be 'all' or a non-empty list of the remote's tool names",
    ],
    [
      remote({ scopes: {} }),
      'remote "monitoring".scopes must declare at least one scope with its description',
    ],
    [
      remote({ scopes: { monitoring: 'x' } }),
      'has "monitoring", which must match resource:action[:extent]',
    ],
    [
      remote({ scopes: { 'monitoring:read': '' } }),
      'remote "monitoring".scopes["monitoring:read"] needs a description',
    ],
    [
      remote({ toolScopes: { default: [] } }),
      'toolScopes["default"] must list at least one scope: every imported tool needs one',
    ],
    [
      remote({ toolScopes: { status: ['monitoring:write'] } }),
      'names "monitoring:write", which is not one of this remote\'s scopes (monitoring:read)',
    ],
    [
      remote({ tools: ['status'], toolScopes: { restart: ['monitoring:read'] } }),
      'toolScopes["restart"] is for a tool that is not in tools',
    ],
    [
      remote({ timeoutMs: 0 }),
      'remote "monitoring".timeoutMs is 0, which must be a whole number from 100 to 3600000',
    ],
    [remote({ connectTimeoutMs: 2.5 }), 'connectTimeoutMs is 2.5, which must be a whole number'],
    [
      remote({ auth: { type: 'basic' } }),
      '.auth.type is "basic", which must be none, bearer or client-credentials',
    ],
    [
      remote({ auth: { type: 'bearer', tokenEnv: 'my token' } }),
      '.auth.tokenEnv must name an environment variable, e.g. MONITORING_TOKEN',
    ],
    [
      remote({
        auth: {
          type: 'client-credentials',
          tokenUrl: 'https://id.example.com/token',
          clientId: '',
          clientSecretEnv: 'S',
        },
      }),
      '.auth.clientId must be a non-empty string',
    ],
    [
      remote({
        auth: {
          type: 'client-credentials',
          tokenUrl: 'http://id.example.com/token',
          clientId: 'me',
          clientSecretEnv: 'S',
        },
      }),
      '.auth.tokenUrl is "http://id.example.com/token", which must be https',
    ],
    [
      remote({
        url: undefined,
        command: { command: 'x' },
        auth: { type: 'bearer', tokenEnv: 'T' },
      }),
      'applies to url remotes only; give a local program its credentials in command.env',
    ],
    [
      remote({ url: undefined, command: { command: '' } }),
      'command.command must be the program to start',
    ],
    [
      { remotes: [good, { ...good, prefix: 'other' }] },
      'remote "monitoring" is listed twice; remote ids must be unique',
    ],
    [
      { remotes: [good, { ...good, id: 'monitoring-eu', prefix: 'monitor_eu' }] },
      'has prefix "monitor_eu", which overlaps "monitor" of remote "monitoring"',
    ],
    [
      { remotes: [good], maxRetryDelayMs: 10 },
      'maxRetryDelayMs is 10, which must be a whole number of milliseconds from 100 to 3600000',
    ],
  ])('refuses %j at startup with CONFIG_INVALID naming the rule', (options, message) => {
    expect(refusal(options as ExternalMcpPluginOptions)).toContain(message);
  });

  it('never puts a secret’s value in a refusal', () => {
    const message = refusal(remote({ auth: { type: 'bearer', tokenEnv: 'sk-live abc' } }));
    expect(message).not.toContain('sk-live');
  });
});

describe('imported tool names', () => {
  it('are <prefix>_<tool> with characters outside [A-Za-z0-9_-] replaced', () => {
    expect(localToolName('monitor', 'status.get')).toBe('monitor_status_get');
    expect(localToolName('ev', 'get-sum')).toBe('ev_get-sum');
    expect(localToolName('dir', 'find user/group')).toBe('dir_find_user_group');
  });

  it('skip every tool of a colliding group, and names over 64 characters', () => {
    const naming = nameTools('m', ['status', 'a.b', 'a_b', 'x'.repeat(63)]);
    expect([...naming.names]).toEqual([['status', 'm_status']]);
    expect(naming.skipped).toEqual([
      { remoteName: 'a.b', problem: 'collision' },
      { remoteName: 'a_b', problem: 'collision' },
      { remoteName: 'x'.repeat(63), problem: 'too-long' },
    ]);
    expect(nameTools('m', ['x'.repeat(62)]).names.get('x'.repeat(62))).toHaveLength(64);
  });
});

describe('reconnection backoff', () => {
  it('doubles from the first delay up to the cap, with 50–100 % jitter', () => {
    const low = exponentialBackoff({ initialMs: 500, maxMs: 60_000, random: () => 0 });
    const high = exponentialBackoff({ initialMs: 500, maxMs: 60_000, random: () => 1 });
    expect([0, 1, 2, 3].map(high)).toEqual([500, 1_000, 2_000, 4_000]);
    expect([0, 1, 2, 3].map(low)).toEqual([250, 500, 1_000, 2_000]);
    expect(high(20)).toBe(60_000);
    expect(low(1_000)).toBe(30_000);
  });
});
