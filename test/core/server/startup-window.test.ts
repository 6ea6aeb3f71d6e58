import { Agent, request, type RequestOptions } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createServer,
  definePlugin,
  type PluginDefinition,
  type ServiceDeskServer,
} from '../../../core/index.js';
import { createLogger } from '../../../core/log/logger.js';
import { HttpListener } from '../../../core/server/http-listener.js';
import { deskPlugin, deskScopes } from '../../../plugins/desk/index.js';
import { freePort } from '../../helpers/free-port.js';
import { createTempFolder, type TempFolder } from '../../helpers/temp-folder.js';
import { FixtureProbe, fixturePlugin } from '../mcp/support/fixture-plugin.js';
import { fixtureCollections, fixtureTokens, tokens } from '../mcp/support/fixture-server.js';

/**
 * The fixture plugin beside the real desk. Core tests run it alone, so it defines the desk's scope
 * names itself; beside the desk it requires the desk for them instead, since a scope has one owner
 * (SCOPE_DEFINED_TWICE).
 */
function fixtureBesideDesk(): PluginDefinition {
  const fixture = fixturePlugin(new FixtureProbe());
  return definePlugin({
    ...fixture,
    requires: ['desk'],
    scopes: Object.fromEntries(
      Object.entries(fixture.scopes).filter(([scope]) => !Object.hasOwn(deskScopes, scope)),
    ),
  });
}

/** How long one request may go unanswered before the test calls it hung. */
const deadlineMs = 5_000;

interface Answer {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: string;
}

interface Probe {
  readonly path: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly agent?: Agent;
}

/** A request that either got an HTTP answer, found no server listening yet, or failed. */
type Outcome = { answer: Answer } | { refused: true } | { failure: string };

function send(port: number, probe: Probe): Promise<Outcome> {
  const { path, ...options } = probe;
  return new Promise((resolve) => {
    const init: RequestOptions = {
      host: '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: options.agent ?? false,
    };
    const req = request(init, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({
          answer: {
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: Buffer.concat(chunks).toString('utf8'),
          },
        });
      });
    });
    const deadline = setTimeout(() => {
      resolve({ failure: `${path}: no answer within ${deadlineMs} ms` });
      req.destroy();
    }, deadlineMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      // Before the port is bound nothing accepts the connection; that is not an unanswered request.
      resolve(
        error.code === 'ECONNREFUSED'
          ? { refused: true }
          : { failure: `${path}: ${error.message}` },
      );
    });
    req.end(options.body);
  });
}

const toolsList = {
  method: 'POST',
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  headers: {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
  },
};

describe('requests that arrive while the server starts', () => {
  let folder: TempFolder | undefined;
  let server: ServiceDeskServer | undefined;

  afterEach(async () => {
    await server?.close();
    folder?.remove();
    server = undefined;
    folder = undefined;
  });

  it('are all answered: 503 with Retry-After until ready, then by the real app without a gap', async () => {
    folder = createTempFolder('startup-window');
    const port = await freePort();
    server = await createServer(
      {
        log: { level: 'silent' },
        // The desk provides the accounts the built-in authorization server signs in.
        plugins: [deskPlugin(), fixtureBesideDesk()],
        collections: fixtureCollections,
        // The built-in authorization server is configured: its provider is built after listen()
        // serves (ADR 0041), so nothing in the window waits for I/O any more.
        auth: { builtIn: {}, devTokens: fixtureTokens },
        databaseUrl: folder.file(),
        http: { host: '127.0.0.1', port },
      },
      { env: {} },
    );
    let ready = false;
    const listening = server.listen().then(() => {
      ready = true;
    });
    const mcp = `/mcp/desk`;
    const bearer = { authorization: `Bearer ${tokens.bob}` };
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    const withToken = { ...toolsList, headers: { ...toolsList.headers, ...bearer } };
    const probes: Probe[] = [
      { path: mcp, ...withToken },
      { path: mcp, ...withToken },
      { path: mcp, ...withToken, agent: keepAlive },
      { path: mcp, ...toolsList },
      { path: '/healthz' },
      { path: '/readyz' },
      { path: '/readyz', agent: keepAlive },
    ];
    const outcomes = await Promise.all(
      probes.map(async (probe) => {
        const authorized = probe.headers?.['authorization'] !== undefined;
        const answers: (Answer & { path: string; authorized: boolean; sentWhenReady: boolean })[] =
          [];
        const failures: string[] = [];
        // Keeps asking from the first moment the port accepts until a few answers after ready.
        for (let afterReady = 0; afterReady < 3;) {
          const sentWhenReady = ready;
          const outcome = await send(port, probe);
          if ('answer' in outcome)
            answers.push({ ...outcome.answer, path: probe.path, authorized, sentWhenReady });
          else if ('failure' in outcome) failures.push(outcome.failure);
          else if (answers.length > 0) failures.push(`${probe.path}: refused after being accepted`);
          if (sentWhenReady) afterReady++;
        }
        return { answers, failures };
      }),
    );
    await listening;
    keepAlive.destroy();

    expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
    const answers = outcomes.flatMap((o) => o.answers);
    // Requests met in the window get the "starting" answer, checked below; since ADR 0041 the
    // window rarely waits for I/O, so most meet the real app. The listener's own test below
    // holds the window open.
    for (const answer of answers) {
      // The process is alive from the first connection on, ready or not.
      if (answer.path === '/healthz') {
        expect([answer.status, answer.body]).toEqual([200, '{"status":"ok"}']);
        continue;
      }
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      // Serving, but the authorization server is still being built after listen() (ADR 0041).
      if (answer.path === '/readyz' && body['status'] === 'not_ready') {
        expect(answer.status).toBe(503);
        expect(body).toMatchObject({
          checks: { 'authorization-server': { ok: false, detail: 'starting' } },
        });
        continue;
      }
      if (answer.status === 503) {
        expect(answer.sentWhenReady).toBe(false);
        expect(answer.retryAfter).toBe('1');
        if (answer.path === '/readyz') expect(body).toEqual({ status: 'starting' });
        else
          expect(body).toMatchObject({
            jsonrpc: '2.0',
            id: null,
            error: { code: -32603, message: expect.stringMatching(/^SERVER_STARTING: /) },
          });
        continue;
      }
      if (answer.path === '/readyz') {
        expect(answer.status).toBe(200);
        expect(body).toMatchObject({ status: 'ready' });
      } else if (answer.authorized) {
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('"tools"');
      } else expect(answer.status).toBe(401);
    }
  });
});

describe('the listener between binding and serving', () => {
  it('answers 503 SERVER_STARTING with Retry-After, then hands the same port to the app', async () => {
    const listener = new HttpListener({
      log: createLogger({ level: 'silent' }),
      maxConnectionsPerAddress: 16,
      maxPipelinedRequests: 4,
    });
    try {
      const port = await listener.bind(0, '127.0.0.1');
      const early = await send(port, { path: '/mcp/desk', ...toolsList });
      expect(early).toMatchObject({ answer: { status: 503, retryAfter: '1' } });
      listener.serve((_req, res) => res.end('app'));
      const late = await send(port, { path: '/mcp/desk', ...toolsList });
      expect(late).toMatchObject({ answer: { status: 200, body: 'app' } });
    } finally {
      await listener.destroy();
    }
  });
});

describe('a listen() that fails after binding', () => {
  it('frees the port again', async () => {
    const folder = createTempFolder('startup-failure');
    const port = await freePort();
    try {
      const server = await createServer(
        {
          log: { level: 'silent' },
          // No plugin provides accounts, so the built-in authorization server fails to start.
          plugins: [fixturePlugin(new FixtureProbe())],
          collections: fixtureCollections,
          auth: { builtIn: {}, devTokens: fixtureTokens },
          databaseUrl: folder.file(),
          http: { host: '127.0.0.1', port },
        },
        { env: {} },
      );
      await expect(server.listen()).rejects.toThrow(/^CONFIG_INVALID: auth.builtIn needs/);
      // Free before close(): a failed listen() must not leave the port bound.
      const again = createNetServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => again.close(resolve));
      await server.close();
    } finally {
      folder.remove();
    }
  });
});
