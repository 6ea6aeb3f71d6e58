import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** A PostgreSQL cluster of the test's own, on a port of its own, that the test may stop, kill and restart. */
export interface PrivateCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** `pg_ctl stop -m <mode>`: fast ends sessions cleanly, immediate like a power cut. */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster (if running) and deletes its files. */
  destroy(): Promise<void>;
}

function binDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config belongs to the client package; the server's own folder is searched next.
  }
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  const found = versions
    .map((v) => join('/usr/lib/postgresql', v, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
  if (found === undefined)
    throw new Error('no PostgreSQL server binaries (initdb) found: install the postgresql package');
  return found;
}

/** PostgreSQL refuses to run as root; as root the cluster is run as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
}

/**
 * Creates and starts a throw-away cluster with initdb in the temporary directory.
 *
 * @example
 * const cluster = await startPrivateCluster();
 * await cluster.stop('fast'); await cluster.start();
 * await cluster.destroy();
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = binDir();
  const folder = mkdtempSync(join(tmpdir(), 'sdm-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(folder, uid, gid);
  }
  const data = join(folder, 'data');
  const port = await freePort();
  const pgCtl = async (...args: string[]): Promise<void> => {
    const [command, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args]);
    await run(command, argv, { timeout: 60_000 });
  };
  const [init, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await run(init, initArgs, { timeout: 120_000 });
  const start = (): Promise<void> =>
    pgCtl(
      '-l',
      join(folder, 'server.log'),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -k ${folder} -c fsync=off`,
      '-w',
      'start',
    );
  await start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop(mode) {
      await pgCtl('-m', mode, '-w', 'stop');
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
