import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findHaproxy } from '../../scripts/haproxy/ensure-haproxy.js';

/** HAProxy in front of the instances, as an operator would run it (docs/deployment.md). */
export interface Haproxy {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The configuration docs/deployment.md recommends, for instances on `ports`: round-robin with no
 * stickiness for stateless collections; stateful ones stick to the instance that created the
 * session (learnt from its `Mcp-Session-Id` answer); `/readyz` health checks, so a draining or
 * starting instance is taken out; and a request an instance refused without handling it
 * (connection refused, 503) is retried on another.
 */
export function haproxyConfig(options: {
  readonly port: number;
  readonly instances: readonly number[];
  readonly statefulPaths: readonly string[];
}): string {
  const servers = options.instances
    .map((port, i) => `  server i${i + 1} 127.0.0.1:${port} check`)
    .join('\n');
  const stateful = options.statefulPaths.map((path) => `path_beg ${path}`).join(' || ');
  const sessions =
    stateful === ''
      ? ''
      : `
backend sessions
  balance roundrobin
  stick-table type string len 64 size 10k expire 30m
  stick on req.hdr(mcp-session-id)
  stick store-response res.hdr(mcp-session-id)
${servers}
`;
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  option http-server-close
  retries 3
  option redispatch 1
  retry-on conn-failure 503
  default-server inter 250ms fall 2 rise 2
  option httpchk GET /readyz
  http-check expect status 200

frontend desk
  bind 127.0.0.1:${options.port}
${stateful === '' ? '' : `  use_backend sessions if { ${stateful} }\n`}  default_backend stateless

backend stateless
  balance roundrobin
${servers}
${sessions}`;
}

/**
 * Starts HAProxy in the foreground with {@link haproxyConfig}; fails with the command to install
 * it when it is missing (`npm test`'s pretest installs it on Debian).
 *
 * @example
 * const proxy = await startHaproxy({ dir, port, instances: [3101, 3102, 3103], statefulPaths: ['/mcp/session'] });
 */
export async function startHaproxy(options: {
  readonly dir: string;
  readonly port: number;
  readonly instances: readonly number[];
  readonly statefulPaths: readonly string[];
}): Promise<Haproxy> {
  const haproxy = findHaproxy(process.env);
  if (haproxy === undefined)
    throw new Error(
      'haproxy is not installed: run `apt-get install -y haproxy` (npm test does it on Debian)',
    );
  const file = join(options.dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(options));
  const check = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0)
    throw new Error(`haproxy refused its config:\n${check.stdout}${check.stderr}`);
  const child: ChildProcess = spawn(haproxy, ['-db', '-f', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited at start:\n${stderr}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not answer on ${url}:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
