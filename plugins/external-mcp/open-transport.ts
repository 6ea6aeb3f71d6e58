import {
  getDefaultEnvironment,
  StdioClientTransport,
} from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { createInterface } from 'node:readline';
import type { Logger } from '../../core/index.js';
import { authorizedFetch } from './auth/authorized-fetch.js';
import type { TokenSource } from './auth/client-credentials.js';
import type { RemoteConfig } from './check-options.js';

/**
 * A new transport to the remote: Streamable HTTP with this server's credentials, or a local
 * program over stdio whose stderr goes to the debug log.
 *
 * @example
 * await client.connect(openTransport(remote, { tokens, log }));
 */
export function openTransport(
  remote: RemoteConfig,
  options: { readonly tokens: TokenSource | undefined; readonly log: Logger },
): Transport {
  if (remote.url) {
    return new StreamableHTTPClientTransport(remote.url, {
      ...(options.tokens && { fetch: authorizedFetch(options.tokens) }),
      // The plugin reconnects with its own backoff; the SDK's stream retries stay short.
      reconnectionOptions: {
        initialReconnectionDelay: 500,
        maxReconnectionDelay: 5_000,
        reconnectionDelayGrowFactor: 2,
        maxRetries: 2,
      },
    });
  }
  const command = remote.command!;
  const transport = new StdioClientTransport({
    command: command.command,
    args: [...(command.args ?? [])],
    // The SDK's short list of safe variables, not this server's whole environment (secrets).
    env: { ...getDefaultEnvironment(), ...command.env },
    ...(command.cwd !== undefined && { cwd: command.cwd }),
    stderr: 'pipe',
  });
  const stderr = transport.stderr;
  if (stderr) {
    createInterface({ input: stderr as unknown as NodeJS.ReadableStream }).on('line', (line) =>
      options.log.debug('remote stderr', { remote: remote.id, line }),
    );
  }
  return transport;
}
