import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ServiceDeskServer } from '../../../core/index.js';
import config from '../../../examples/conformance/servicedesk.config.js';

/** POSTs an initialize with the given Host and Origin, as the DNS-rebinding scenario does. */
function initializeWithHost(url: string, host: string): Promise<number> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'dns-rebinding-check', version: '1.0.0' },
    },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          host,
          origin: `http://${host}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

describe('examples/conformance/servicedesk.config.ts', () => {
  let folder: string;
  let server: ServiceDeskServer;
  let url: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'servicedesk-conformance-test-'));
    server = await createServer(
      {
        ...config,
        databaseUrl: join(folder, 'test.db'),
        http: { host: '127.0.0.1', port: 0 },
        log: { level: 'silent' },
      },
      { env: {} },
    );
    await server.listen();
    url = server.collections[0]!.url;
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves one unauthenticated, stateful collection with the conformance plugin', () => {
    expect(config.collections).toHaveLength(1);
    expect(config.collections[0]).toMatchObject({
      plugins: ['conformance'],
      auth: 'none',
      session: 'stateful',
    });
  });

  it('opens a session for a client without a token and lists the fixtures', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(url));
    const client = new Client({ name: 'example-check', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(transport.sessionId).toBeTruthy();
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('test_simple_text');
    } finally {
      await client.close();
    }
  });

  it('refuses a non-loopback Host and accepts its own loopback one', async () => {
    const status = await initializeWithHost(url, 'evil.example.com');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(await initializeWithHost(url, new URL(url).host)).toBe(200);
  });
});
