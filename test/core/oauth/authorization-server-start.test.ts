import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempFolder } from '../../helpers/temp-folder.js';
import { startOAuthServer } from './support/oauth-test-server.js';

interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

async function readiness(url: string): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}

// The provider is built after the server answers (ADR 0041): /readyz says how that went.
describe('the built-in authorization server started after the first answer', () => {
  const folder = createTempFolder('oauth-start-');
  const databaseUrl = folder.file('desk.db');
  afterAll(() => folder.remove());

  it('reports itself ready in /readyz once its provider is built', async () => {
    const t = await startOAuthServer(databaseUrl);
    try {
      const ready = await readiness(t.url);
      expect(ready.status).toBe(200);
      expect(ready.body.checks['authorization-server']).toEqual({ ok: true, detail: 'started' });
      const metadata = await fetch(`${t.url}/.well-known/oauth-authorization-server/oauth`);
      expect(metadata.status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('keeps serving, answers /oauth with 503 and fails /readyz when the provider cannot be built', async () => {
    const sqlite = new BetterSqlite3(databaseUrl);
    sqlite.prepare("update sdm_oauth set payload = 'not json' where kind = 'Keystore'").run();
    sqlite.close();
    const t = await startOAuthServer(databaseUrl);
    try {
      const ready = await readiness(t.url);
      expect(ready.status).toBe(503);
      expect(ready.body.checks['authorization-server']?.ok).toBe(false);
      expect(ready.body.checks['authorization-server']?.detail).toMatch(/^failed to start: /);
      const metadata = await fetch(`${t.url}/.well-known/oauth-authorization-server/oauth`);
      expect(metadata.status).toBe(503);
      expect(await metadata.json()).toMatchObject({ error: 'temporarily_unavailable' });
      // The MCP endpoints still answer: an unauthenticated call gets its 401 challenge.
      const call = await fetch(`${t.url}/mcp/agent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(call.status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
