import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Where a started example server listens: its base URL and each collection's URL by title. */
export interface ExampleUrls {
  readonly baseUrl: string;
  readonly collections: ReadonlyMap<string, string>;
}

/** `servicedesk-mcp serve` of the example service desk, running as a child process of the test. */
export interface ExampleServer {
  readonly child: ChildProcess;
  /** Every line it has printed on stdout so far. */
  readonly output: readonly string[];
  /** Every line it has printed on stderr (its log) so far. */
  readonly log: readonly string[];
  /** Resolves once it has printed every URL; rejects if it exits before. */
  readonly ready: Promise<ExampleUrls>;
  /** Resolves once the process has exited and its output is read. */
  readonly exited: Promise<void>;
  /** Kills it with SIGKILL, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Asks it to shut down with SIGTERM and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** The example server's config, run from source by tsx. */
export const exampleConfig = 'examples/servicedesk/servicedesk.config.ts';
const running = new Set<ChildProcess>();
// A test that fails, or a worker that ends early, must not leave servers behind.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Reads stdout until the serve command has printed its base URL, every collection and health. */
function urlsOf(child: ChildProcess, output: string[], log: string[]): Promise<ExampleUrls> {
  return new Promise((resolve, reject) => {
    const collections = new Map<string, string>();
    let baseUrl: string | undefined;
    child.once('exit', (code, signal) =>
      reject(
        new Error(`serve exited (${String(code ?? signal)}) before listening:\n${log.join('\n')}`),
      ),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) baseUrl = listening[1];
      const collection = /^\s+(\S.*?)\s+(http:\/\/\S+\/mcp\/\S+)$/.exec(line);
      if (collection) collections.set(collection[1]!, collection[2]!);
      if (line.includes('health:') && baseUrl !== undefined) resolve({ baseUrl, collections });
    });
  });
}

/**
 * The environment that turns the `tools/call` budgets off (ADR 0037), for tests that load the
 * server far beyond what one person does: their writers share one demo token.
 *
 * @example
 * spawnExampleServer({ databaseUrl, env: withoutCallBudgets });
 */
export const withoutCallBudgets: NodeJS.ProcessEnv = {
  LIMIT_CALLS_PER_USER: 'off',
  LIMIT_CALLS_PER_CLIENT: 'off',
  LIMIT_CALLS_PER_COLLECTION: 'off',
};

/**
 * Starts the example service desk (`examples/servicedesk`) on `databaseUrl` (a SQLite file or a
 * `postgres://` URL) on a free loopback port, with its demo tokens `demo-user-token` and
 * `demo-agent-token`. On an empty database it migrates and loads the demo desk first.
 *
 * @example
 * const server = spawnExampleServer({ databaseUrl: folder.file('demo.db') });
 * const { collections } = await server.ready;
 * await server.kill();
 */
export function spawnExampleServer(options: {
  readonly databaseUrl: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Another config to serve, e.g. the example with a smaller demo desk (test/helpers/small-desk.config.ts). */
  readonly config?: string;
}): ExampleServer {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATABASE_URL: options.databaseUrl };
  for (const name of ['HOST', 'PUBLIC_URL', 'DEMO_USER_TOKEN', 'DEMO_AGENT_TOKEN', 'LOG_LEVEL'])
    delete env[name];
  Object.assign(env, options.env);
  const child = spawn(
    process.execPath,
    ['bin/servicedesk-mcp.js', 'serve', '--config', options.config ?? exampleConfig],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const output: string[] = [];
  const log: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => log.push(line));
  // 'close' comes after 'exit' and after both streams are read to the end.
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      running.delete(child);
      resolve();
    }),
  );
  const ready = urlsOf(child, output, log);
  // A server killed before it listened has nothing to report; whoever awaits `ready` still sees it.
  ready.catch(() => undefined);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output,
    log,
    ready,
    exited,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
  };
}

/**
 * Connects the SDK's own client over Streamable HTTP to a collection URL with a bearer token.
 *
 * @example
 * const agent = await connectClient(urls.collections.get('Agent Functions')!, 'demo-agent-token');
 */
export async function connectClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'example-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}
