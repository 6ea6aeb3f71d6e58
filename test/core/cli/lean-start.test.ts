import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempFolder } from '../../helpers/temp-folder.js';

// The bench's minimal config: two plugins, development tokens, SQLite, one stateless collection.
const config = 'bench/bench.config.ts';
const recorder = 'test/core/cli/fixtures/record-loads.mjs';
const token = 'lean-start-token';

/**
 * What a config without the built-in authorization server, an external identity provider,
 * PostgreSQL, Redis, traces, outbound MCP or an AI provider must never load (ADR 0033): each is imported only
 * behind the config that uses it.
 */
const notLoaded: readonly (readonly [string, RegExp])[] = [
  ['oidc-provider', /node_modules\/oidc-provider\//],
  ['jose', /node_modules\/jose\//],
  ['pg', /node_modules\/(pg|pg-pool|pg-protocol)\//],
  ['simple-oauth2', /node_modules\/simple-oauth2\//],
  ['ioredis', /node_modules\/ioredis\//],
  [
    "rate-limiter-flexible's Redis store",
    /node_modules\/rate-limiter-flexible\/lib\/RateLimiterRedis/,
  ],
  // The API alone may load: prom-client requires it for exemplars (ADR 0038).
  ["OpenTelemetry's SDK", /node_modules\/@opentelemetry\/(sdk-|exporter-)/],
  ['the MCP SDK client', /node_modules\/@modelcontextprotocol\/sdk\/dist\/(esm|cjs)\/client\//],
  ['the built-in authorization server', /core\/oauth\/(authorization-server|server-keys)\./],
  ['the AI providers', /plugins\/ai-[a-z-]+\/.*provider/],
];

function post(url: string, body: object): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, ...body }),
  });
}

describe('serve with a minimal config', () => {
  const folder = createTempFolder('lean-start');
  const loads = folder.file('loads.txt');
  let child: ChildProcess;
  let agentUrl: string;

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['--import', `./${recorder}`, 'bin/servicedesk-mcp.js', 'serve', '--config', config],
      {
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: '0',
          DATABASE_URL: folder.file('desk.db'),
          LOG_LEVEL: 'warn',
          DEMO_AGENT_TOKEN: token,
          RECORD_LOADS_TO: loads,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    agentUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      let url: string | undefined;
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.once('exit', (code) =>
        reject(new Error(`serve exited with ${String(code)} before listening:\n${output}`)),
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        url ??= /\s(http:\/\/\S+\/mcp\/agent)$/.exec(line)?.[1];
        if (line.includes('health:')) {
          if (url === undefined) reject(new Error(`serve printed no agent URL:\n${output}`));
          else resolve(url);
        }
      });
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    folder.remove();
  });

  it('answers, and loaded none of what the config does not use', async () => {
    const list = await post(agentUrl, { method: 'tools/list' });
    const listed = (await list.json()) as { result: { tools: { name: string }[] } };
    expect(listed.result.tools.map((tool) => tool.name)).toContain('ping');
    const call = await post(agentUrl, {
      method: 'tools/call',
      params: { name: 'ping', arguments: {} },
    });
    expect(call.status).toBe(200);

    // The recorder writes CommonJS loads on exit, so the process is stopped first.
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    const loaded = readFileSync(loads, 'utf8')
      .split('\n')
      .map((line) => line.replaceAll('\\', '/'));
    // The recorder works: the server's own modules and its SQLite driver are in the list.
    expect(loaded.some((line) => /core\/server\/create-server\./.test(line))).toBe(true);
    expect(loaded.some((line) => /node_modules\/better-sqlite3\//.test(line))).toBe(true);
    const found = notLoaded
      .filter(([, pattern]) => loaded.some((line) => pattern.test(line)))
      .map(([name, pattern]) => `${name}: ${loaded.find((line) => pattern.test(line))}`);
    expect(found).toEqual([]);
  }, 60_000);
});
