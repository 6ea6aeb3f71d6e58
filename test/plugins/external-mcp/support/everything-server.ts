import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const entry = 'node_modules/@modelcontextprotocol/server-everything/dist/index.js';

/** A port the system just handed out, free again once the probe closes. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The reference MCP server, run as a child process on a fixed port so it can come back there. */
export interface EverythingServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  /** Starts it (again) on the same port; resolves once it listens. */
  start(): Promise<void>;
  /** Kills it at once (SIGKILL: no goodbye to its clients) and waits for the process to go. */
  kill(): Promise<void>;
}

/**
 * `@modelcontextprotocol/server-everything` in Streamable HTTP mode on a free port, not yet
 * started; call `start()`, and `kill()` in `afterAll`.
 *
 * @example
 * const everything = await everythingServer();
 * await everything.start();
 */
export async function everythingServer(): Promise<EverythingServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}/mcp`,
    start() {
      const started = spawn(process.execPath, [entry, 'streamableHttp'], {
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = started;
      return new Promise<void>((resolve, reject) => {
        let seen = '';
        started.once('exit', (code) =>
          reject(new Error(`server-everything exited with ${String(code)}: ${seen}`)),
        );
        createInterface({ input: started.stderr }).on('line', (line) => {
          seen += `${line}\n`;
          if (line.includes('listening on port')) resolve();
        });
      });
    },
    kill() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null)
        return Promise.resolve();
      const gone = new Promise<void>((resolve) => running.once('close', () => resolve()));
      running.kill('SIGKILL');
      return gone;
    },
  };
}
