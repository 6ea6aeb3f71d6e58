import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The example service desk's `serve` running as a child process of a bench. */
export interface ExampleProcess {
  readonly child: ChildProcess;
  /** Each collection's URL by its title, e.g. `Agent Functions`. */
  readonly collections: ReadonlyMap<string, string>;
  /** Stops it with SIGTERM and waits until it has exited. */
  stop(): Promise<void>;
}

const giveUpMs = 20_000;

/**
 * Starts `servicedesk-mcp serve` with the example config on a free loopback port and resolves
 * once it has printed every collection's URL: compiled (dist/) when this bench runs compiled, as
 * in production, else the TypeScript config through tsx.
 *
 * @example
 * const server = await serveExample({ repoRoot, databaseUrl: join(workDir, 'bench.db') });
 * const agentUrl = server.collections.get('Agent Functions');
 * await server.stop();
 */
export async function serveExample(options: {
  readonly repoRoot: string;
  readonly databaseUrl: string;
  readonly logLevel?: string;
  /** Another config to serve instead of the example's (a path), e.g. the bench config. */
  readonly config?: string;
  /** A fixed port (a load balancer's backend), else a free one. */
  readonly port?: number;
  /** More environment, e.g. REDIS_URL and PUBLIC_URL for one instance of several. */
  readonly env?: Readonly<Record<string, string>>;
}): Promise<ExampleProcess> {
  const { repoRoot } = options;
  const config =
    options.config ??
    (import.meta.url.endsWith('.js')
      ? join(repoRoot, 'dist', 'examples', 'servicedesk', 'servicedesk.config.js')
      : join(repoRoot, 'examples', 'servicedesk', 'servicedesk.config.ts'));
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'servicedesk-mcp.js'), 'serve', '--config', config],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(options.port ?? 0),
        DATABASE_URL: options.databaseUrl,
        LOG_LEVEL: options.logLevel ?? 'warn',
        // A bench is one caller far busier than any person: the call budgets would measure themselves.
        LIMIT_CALLS_PER_USER: 'off',
        LIMIT_CALLS_PER_CLIENT: 'off',
        LIMIT_CALLS_PER_COLLECTION: 'off',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    const collections = await new Promise<Map<string, string>>((resolve, reject) => {
      const found = new Map<string, string>();
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`serve printed no URLs within ${giveUpMs} ms:\n${output}`)),
        giveUpMs,
      );
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      createInterface({ input: child.stdout }).on('line', (line) => {
        output += `${line}\n`;
        const collection = /^\s+(\S.*?)\s+(http:\/\/\S+\/mcp\/\S+)$/.exec(line);
        if (collection) found.set(collection[1]!, collection[2]!);
        if (!line.includes('health:')) return;
        clearTimeout(timer);
        resolve(found);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with code ${String(code)} before listening:\n${output}`));
      });
    });
    return { child, collections, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
