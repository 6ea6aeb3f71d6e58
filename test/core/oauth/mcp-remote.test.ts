import { readdirSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../core/index.js';
import type { FreshDatabase } from '../../helpers/fresh-postgres-database.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';
import { testEngines } from '../../helpers/test-databases.js';
import { freePort, mcpRemote, type McpRemote } from './support/mcp-remote.js';
import { sam, startOAuthServer } from './support/oauth-test-server.js';
import { signIn } from './support/sign-in.js';

/** Fails with mcp-remote's own log when a step takes longer than `ms`. */
async function within<T>(ms: number, step: Promise<T>, remote: McpRemote): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${String(ms)} ms; mcp-remote:\n${remote.stderr()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([step, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// mcp-remote is the stdio proxy Claude Desktop (and other stdio-only clients) run to reach a
// remote server: from the collection URL alone it discovers, registers, opens the browser for
// sign-in and consent, receives the code on its loopback callback and keeps the tokens.
describe.each(testEngines)(
  'mcp-remote against the built-in authorization server on $engine',
  ({ createDatabase }) => {
    let database: FreshDatabase | undefined;
    let t: TestServer | undefined;
    let folder: TempFolder | undefined;
    let callbackPort: number;
    const clients: Client[] = [];

    beforeAll(async () => {
      database = await createDatabase();
      t = await startOAuthServer(database.url);
      folder = createTempFolder('mcp-remote');
      callbackPort = await freePort();
    });
    afterEach(async () => {
      // Closing the client ends the mcp-remote process it spawned.
      await Promise.all(clients.splice(0).map((c) => c.close()));
    });
    afterAll(async () => {
      await t?.close();
      await database?.drop();
      folder?.remove();
    });

    it('signs in through the pages, lists the tools and calls one over stdio', async () => {
      const remote = mcpRemote({ url: t!.urlOf('agent'), callbackPort, folder: folder! });
      const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
      clients.push(client);
      const connecting = client.connect(remote.transport);
      connecting.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile

      const authorizationUrl = await remote.openedUrl(30_000);
      const redirectUri = `http://127.0.0.1:${String(callbackPort)}/oauth/callback`;
      expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${t!.url}/oauth/auth`);
      expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(redirectUri);
      expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorizationUrl.searchParams.get('resource')).toBe(t!.urlOf('agent'));

      const signedIn = await signIn(authorizationUrl, { ...sam, redirectUri });
      expect(signedIn.consentPage).toContain('MCP CLI Proxy');
      expect(signedIn.consentPage).toContain('Agent Functions');
      expect(signedIn.redirect.searchParams.get('iss')).toBe(`${t!.url}/oauth`);
      // The browser's last step: mcp-remote's callback receives the code and exchanges it.
      const callback = await fetch(signedIn.redirect);
      expect(callback.status).toBe(200);
      await callback.body?.cancel();

      await within(30_000, connecting, remote);
      const tools = (await client.listTools()).tools.map((tool) => tool.name);
      expect(tools).toContain('search_tickets');
      expect(tools).toContain('get_assigned_tickets');
      const result = await client.callTool({ name: 'get_assigned_tickets', arguments: {} });
      expect(result.isError, JSON.stringify(result)).toBeFalsy();
      const stored = readdirSync(folder!.file('mcp-auth'), { recursive: true }).map(String);
      expect(stored.some((name) => name.endsWith('_tokens.json'))).toBe(true);
    });

    it('starts again with the tokens it stored, without opening a browser', async () => {
      const remote = mcpRemote({ url: t!.urlOf('agent'), callbackPort, folder: folder! });
      const client = new Client({ name: 'claude-desktop-stand-in', version: '1.0.0' });
      clients.push(client);
      await within(30_000, client.connect(remote.transport), remote);
      const tools = (await client.listTools()).tools.map((tool) => tool.name);
      expect(tools).toContain('search_tickets');
      await expect(remote.openedUrl(0)).rejects.toThrow(/opened no browser/);
    });
  },
);
