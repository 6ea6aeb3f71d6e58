import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Started {
  readonly baseUrl: string;
  readonly collections: ReadonlyMap<string, string>;
  readonly output: string[];
}

/** Reads the serve command's stdout until it has printed every URL. */
function waitForUrls(child: ChildProcess): Promise<Started> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const collections = new Map<string, string>();
    let baseUrl: string | undefined;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('exit', (code) =>
      reject(new Error(`serve exited with ${String(code)} before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) baseUrl = listening[1];
      const collection = /^\s+(\S.*?)\s+(http:\/\/\S+\/mcp\/\S+)$/.exec(line);
      if (collection) collections.set(collection[1]!, collection[2]!);
      if (line.includes('health:') && baseUrl !== undefined)
        resolve({ baseUrl, collections, output });
    });
  });
}

async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'demo-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

describe('the example server (npm start)', () => {
  let folder: string;
  let child: ChildProcess;
  let started: Started;
  let user: Client;
  let agent: Client;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'servicedesk-demo-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      DATABASE_URL: join(folder, 'demo.db'),
    };
    for (const name of ['HOST', 'PUBLIC_URL', 'DEMO_USER_TOKEN', 'DEMO_AGENT_TOKEN', 'LOG_LEVEL'])
      delete env[name];
    child = spawn(
      process.execPath,
      ['bin/servicedesk-mcp.js', 'serve', '--config', 'examples/demo/servicedesk.config.ts'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started = await waitForUrls(child);
    user = await connect(started.collections.get('User Functions')!, 'demo-user-token');
    agent = await connect(started.collections.get('Agent Functions')!, 'demo-agent-token');
  });

  afterAll(async () => {
    await user?.close();
    await agent?.close();
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints the real port and every collection’s URL', () => {
    expect(started.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.baseUrl).not.toMatch(/:0$/);
    expect(Object.fromEntries(started.collections)).toEqual({
      'User Functions': `${started.baseUrl}/mcp/user`,
      'Agent Functions': `${started.baseUrl}/mcp/agent`,
    });
    expect(started.output[0]).toMatch(/\(sqlite, ready in \d+ ms\)/);
    expect(existsSync(join(folder, 'demo.db'))).toBe(true);
  });

  it('lists each collection’s tools', async () => {
    const userTools = (await user.listTools()).tools.map((t) => t.name).sort();
    expect(userTools).toEqual(['get_announcement', 'list_announcements', 'ping', 'whoami']);
    const agentTools = (await agent.listTools()).tools.map((t) => t.name).sort();
    expect(agentTools).toEqual([...userTools, 'post_announcement'].sort());
  });

  it('calls tools as the demo users, with their row scope', async () => {
    const whoami = await user.callTool({ name: 'whoami', arguments: {} });
    expect(whoami.structuredContent).toMatchObject({
      userId: 'alice@example.com',
      role: 'end_user',
      collection: 'user',
    });
    const listed = await user.callTool({ name: 'list_announcements', arguments: {} });
    const audiences = (
      listed.structuredContent as { announcements: { audience: string }[] }
    ).announcements.map((a) => a.audience);
    expect(audiences.length).toBeGreaterThan(0);
    expect(new Set(audiences)).toEqual(new Set(['everyone']));

    const posted = await agent.callTool({
      name: 'post_announcement',
      arguments: { title: 'Email outage', body: 'Mail is delayed.', audience: 'agents' },
    });
    const id = (posted.structuredContent as { id: number }).id;
    expect(posted.content).toEqual([
      { type: 'text', text: `Posted #${id} "Email outage" to agents.` },
    ]);
    const asAgent = await agent.callTool({ name: 'get_announcement', arguments: { id } });
    expect(asAgent.structuredContent).toMatchObject({ id, title: 'Email outage' });
    const asUser = await user.callTool({ name: 'get_announcement', arguments: { id } });
    expect(asUser.isError).toBe(true);
    expect(asUser.content).toEqual([
      {
        type: 'text',
        text: `announcement ${id} does not exist; call list_announcements to see the ids`,
      },
    ]);
  });

  it('does not let an end user call the agents’ tool', async () => {
    await expect(
      user.callTool({
        name: 'post_announcement',
        arguments: { title: 'Hello', body: 'x' },
      }),
    ).rejects.toMatchObject({ code: -32602 });
  });

  it('answers the health probes', async () => {
    expect((await fetch(`${started.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${started.baseUrl}/readyz`)).status).toBe(200);
  });

  it('exits 0 on SIGTERM after saying it is shutting down', async () => {
    await user.close();
    await agent.close();
    // 'close' waits for stdout to drain, so the last line is read too.
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(started.output.join('\n')).toContain('shutting down');
  });
});
