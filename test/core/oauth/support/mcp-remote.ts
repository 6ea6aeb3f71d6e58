import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { TempFolder } from '../../../helpers/temp-folder.js';

/** The `mcp-remote` proxy script (its `bin`), as Claude Desktop runs it. */
export const mcpRemoteProxy = join(
  dirname(createRequire(import.meta.url).resolve('mcp-remote/package.json')),
  'dist',
  'proxy.js',
);

/** A free loopback TCP port, for mcp-remote's fixed OAuth callback port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An mcp-remote process spawned by the SDK's stdio transport, and what it tried to open. */
export interface McpRemote {
  readonly transport: StdioClientTransport;
  /** Everything the proxy wrote to stderr so far (its log), for failure messages. */
  stderr(): string;
  /** Resolves with the first authorization URL mcp-remote asked the "browser" to open. */
  openedUrl(timeoutMs: number): Promise<URL>;
}

/**
 * Prepares `mcp-remote <collection URL> <callback port>` behind an SDK `StdioClientTransport`.
 * Its token store (`MCP_REMOTE_CONFIG_DIR`) is a temporary folder, and `BROWSER` is a small
 * script that records the authorization URL instead of opening a window (mcp-remote opens the
 * browser with the `open` package, whose `xdg-open` honours `BROWSER`).
 *
 * @example
 * const remote = mcpRemote({ url: t.urlOf('agent'), callbackPort: await freePort(), folder });
 * const connecting = client.connect(remote.transport);
 * const authorizationUrl = await remote.openedUrl(30_000);
 */
export function mcpRemote(options: {
  url: string;
  callbackPort: number;
  folder: TempFolder;
}): McpRemote {
  const run = randomUUID();
  const opened = options.folder.file(`opened-urls-${run}.txt`);
  const browser = options.folder.file(`browser-${run}.sh`);
  writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
  chmodSync(browser, 0o755);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && key !== 'DISPLAY' && key !== 'WAYLAND_DISPLAY') env[key] = value;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      mcpRemoteProxy,
      options.url,
      String(options.callbackPort),
      '--host',
      '127.0.0.1',
      '--transport',
      'http-only',
      '--auth-timeout',
      '60',
    ],
    env: { ...env, MCP_REMOTE_CONFIG_DIR: options.folder.file('mcp-auth'), BROWSER: browser },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return {
    transport,
    stderr: () => log,
    openedUrl: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // The BROWSER script's record, else the URL mcp-remote prints (where `open` ignores BROWSER).
        const first = existsSync(opened) ? readFileSync(opened, 'utf8').split('\n')[0] : '';
        const printed = /Please authorize this client by visiting:\s+(\S+)/.exec(log)?.[1];
        if (first || printed) return new URL(first || (printed as string));
        if (Date.now() >= deadline)
          throw new Error(
            `mcp-remote opened no browser within ${String(timeoutMs)} ms; its log:\n${log}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}
