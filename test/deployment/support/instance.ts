import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = fileURLToPath(new URL('../fixtures/cluster.config.ts', import.meta.url));

/** One `servicedesk-mcp serve` of the deployment, on a fixed port so it can come back there. */
export interface Instance {
  readonly port: number;
  /** Everything it printed, for a failing test's message. */
  readonly output: () => string;
  /** SIGTERM (a rolling restart's stop): resolves once the process has exited, with its code. */
  stop(): Promise<number | null>;
}

/**
 * Starts an instance of the cluster config with `env` (database, Redis, public URL) and resolves
 * once it prints its collections' URLs.
 *
 * @example
 * const one = await startInstance(3101, { DATABASE_URL, REDIS_URL, PUBLIC_URL });
 */
export async function startInstance(port: number, env: Record<string, string>): Promise<Instance> {
  const child: ChildProcess = spawn(
    process.execPath,
    [`${repoRoot}bin/servicedesk-mcp.js`, 'serve', '--config', config],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`instance on ${port} did not start:\n${output}`)),
      60_000,
    );
    const watch = (): void => {
      if (output.includes('readiness:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', watch);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`instance on ${port} exited at start:\n${output}`));
    });
  });
  return {
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
