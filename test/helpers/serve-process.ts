import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A `servicedesk-mcp serve` child process, once it has printed its URLs. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Each collection's URL by its title, as printed. */
  readonly collections: ReadonlyMap<string, string>;
  /** Every stdout line so far (it keeps filling while the process runs). */
  readonly output: string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string | null>;
  /** SIGKILL unless already gone. */
  kill(): void;
}

/** The example server's config, run from source by tsx. */
export const exampleConfig = 'examples/servicedesk/servicedesk.config.ts';

/**
 * Starts `bin/servicedesk-mcp.js serve --config <config>` with `env` added to this process's
 * environment (HOST, PUBLIC_URL and the demo tokens' variables removed, PORT 0 unless given) and
 * resolves once it prints its health URL; rejects with its stderr if it exits first.
 *
 * @example
 * const server = await startServeProcess(exampleConfig, { DATABASE_URL: file });
 * await fetch(`${server.baseUrl}/readyz`);
 * server.kill();
 */
export function startServeProcess(
  config: string,
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0' };
  for (const name of ['HOST', 'PUBLIC_URL', 'DEMO_USER_TOKEN', 'DEMO_AGENT_TOKEN', 'LOG_LEVEL'])
    delete childEnv[name];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, ['bin/servicedesk-mcp.js', 'serve', '--config', config], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // 'close' waits for stdout to drain, so the last lines are read too.
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('close', (code, signal) => resolve(code ?? signal)),
  );
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    const collections = new Map<string, string>();
    let baseUrl: string | undefined;
    void exited.then((code) =>
      reject(new Error(`serve exited with ${String(code)} before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) baseUrl = listening[1];
      const collection = /^\s+(\S.*?)\s+(http:\/\/\S+\/mcp\/\S+)$/.exec(line);
      if (collection) collections.set(collection[1]!, collection[2]!);
      if (line.includes('health:') && baseUrl !== undefined)
        resolve({ child, baseUrl, collections, output, stderr: () => stderr, exited, kill });
    });
  });
}
