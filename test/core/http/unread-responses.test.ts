import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnExampleServer, type ExampleServer } from '../../helpers/example-server.js';
import { requestBytes } from '../../helpers/raw-connection.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';

/** How much the server's resident memory may grow under the flood (docs/configuration.md). */
const growthBoundMiB = 150;
/** Connections that pipeline requests and never read a response, and requests on each. */
const floodConnections = 50;
const requestsPerConnection = 300;
/** How long the flood lasts while the well-behaved client keeps calling. */
const floodMs = 8_000;
/** The longest any one call of the well-behaved client may take: a starvation check. */
const callDeadlineMs = 5_000;

/** The resident set size of a process, in MiB, from /proc. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

const toolsList = {
  method: 'POST',
  headers: {
    authorization: 'Bearer demo-agent-token',
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
};

/** One call of the well-behaved client: its HTTP status (0 when it failed) and how long it took. */
async function wellBehavedCall(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      ...toolsList,
      signal: AbortSignal.timeout(callDeadlineMs),
    });
    const body = await response.text();
    return {
      status: body.includes('"tools"') ? response.status : 0,
      ms: performance.now() - started,
    };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

describe('responses a client never reads', () => {
  let folder: TempFolder;
  let server: ExampleServer;
  let child: ChildProcess;
  let baseUrl: string;

  beforeAll(async () => {
    folder = createTempFolder('unread-responses');
    server = spawnExampleServer({ databaseUrl: folder.file(), env: { LOG_LEVEL: 'error' } });
    child = server.child;
    baseUrl = (await server.ready).baseUrl;
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    folder.remove();
  });

  it(`keep the server under ${growthBoundMiB} MiB of growth while a well-behaved client is still answered`, async () => {
    const pid = child.pid!;
    const endpoint = `${baseUrl}/mcp/agent`;
    for (let i = 0; i < 20; i++) expect((await wellBehavedCall(endpoint)).status).toBe(200);
    const before = rssMiB(pid);

    const target = new URL(baseUrl);
    const pipelined = requestBytes(target.host, { path: '/mcp/agent', ...toolsList }).repeat(
      requestsPerConnection,
    );
    const flood: Socket[] = [];
    for (let i = 0; i < floodConnections; i++) {
      const socket = connect(Number(target.port), target.hostname);
      socket.on('error', () => undefined);
      // Never reads: the server's answers pile up on its side.
      socket.pause();
      socket.write(pipelined);
      flood.push(socket);
    }
    let peak = before;
    const sampling = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 100);
    const calls: { status: number; ms: number }[] = [];
    const until = Date.now() + floodMs;
    try {
      while (Date.now() < until) {
        calls.push(await wellBehavedCall(endpoint));
        await delay(50);
      }
    } finally {
      clearInterval(sampling);
      for (const socket of flood) socket.destroy();
    }
    peak = Math.max(peak, rssMiB(pid));

    const report = {
      beforeMiB: Math.round(before),
      peakMiB: Math.round(peak),
      calls: calls.length,
      failed: calls.filter((c) => c.status !== 200).length,
      slowestMs: Math.round(Math.max(...calls.map((c) => c.ms))),
    };
    // Printed so a run shows the figures, not only pass or fail.
    process.stdout.write(`unread responses: ${JSON.stringify(report)}\n`);
    expect(report.peakMiB - report.beforeMiB).toBeLessThan(growthBoundMiB);
    expect(report.failed).toBe(0);
    expect(report.slowestMs).toBeLessThan(callDeadlineMs);
    expect(calls.length).toBeGreaterThan(10);
  }, 60_000);
});
