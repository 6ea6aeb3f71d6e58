import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defineCollection,
  definePlugin,
  defineTool,
  startTestServer,
  type AnyToolDefinition,
  type TestServer,
} from '../../../core/index.js';
import { callBody, initializeBody, postRpc } from '../mcp/support/raw-http.js';

/** Raw SSE events with their ids (`retry` and comments left out). */
function eventsOf(text: string): { id: string | undefined; data: string }[] {
  return text
    .split(/\n\n/)
    .filter((block) => block.trim() !== '' && !block.startsWith(':'))
    .map((block) => {
      const lines = block.split('\n');
      return {
        id: lines.find((l) => l.startsWith('id: '))?.slice(4),
        data: lines
          .filter((l) => l.startsWith('data: ') || l === 'data:')
          .map((l) => l.slice(6))
          .join('\n'),
      };
    });
}

let setRuntimeTools: (tools: readonly AnyToolDefinition[]) => void = () => undefined;
let finishedCalls = 0;

const marker = (name: string) =>
  defineTool({
    name,
    title: name,
    description: 'A runtime tool that comes and goes.',
    input: z.object({}),
    scopes: ['jobs:run'],
    annotations: { readOnlyHint: true },
    handler: () => name,
  });

const jobs = definePlugin({
  id: 'jobs',
  version: '1.0.0',
  scopes: { 'jobs:run': 'Run jobs' },
  dynamicTools: { prefixes: ['marker_'] },
  tools: [
    defineTool({
      name: 'long_job',
      title: 'Long job',
      description: 'Ends its event stream, then answers after a while.',
      input: z.object({ ms: z.number().int().min(0).max(2000) }),
      scopes: ['jobs:run'],
      annotations: { readOnlyHint: true },
      handler: async ({ input, closeStream, signal }) => {
        const closed = closeStream?.() ?? false;
        await sleep(input.ms, undefined, { signal });
        finishedCalls += 1;
        return closed ? 'done after the stream closed' : 'done on the open stream';
      },
    }),
  ],
  setup(ctx) {
    setRuntimeTools = (tools) => ctx.setDynamicTools(tools);
  },
});

/** A server with one stateful, unauthenticated collection of the jobs plugin (loopback only). */
function startJobsServer(): Promise<TestServer> {
  return startTestServer({
    plugins: [jobs],
    collections: [
      defineCollection({
        id: 'jobs',
        title: 'Jobs',
        plugins: ['jobs'],
        grant: ['jobs:run'],
        auth: 'none',
        session: 'stateful',
      }),
    ],
  });
}

/** Reads an event stream until it has carried `count` list changes (or ends), then leaves it. */
async function readListChanges(
  url: string,
  headers: Record<string, string>,
  count: number,
): Promise<string> {
  const controller = new AbortController();
  const stream = await fetch(url, {
    headers: { ...headers, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while ((text.match(/tools\/list_changed/g) ?? []).length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  controller.abort();
  return text;
}

describe('resumable streams of a stateful session (Last-Event-ID)', () => {
  let t: TestServer;
  let url: string;
  let session: string;
  const headers = () => ({ 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' });

  beforeAll(async () => {
    t = await startJobsServer();
    url = t.urlOf('jobs');
    const opened = await postRpc(url, initializeBody());
    session = opened.headers.get('mcp-session-id')!;
    await opened.text();
    await (
      await postRpc(
        url,
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { headers: headers() },
      )
    ).text();
  });
  afterAll(() => t.close());

  it('a closed POST stream starts with a priming event; the rest comes on GET with Last-Event-ID', async () => {
    const before = finishedCalls;
    const post = await postRpc(url, callBody(7, 'long_job', { ms: 300 }), { headers: headers() });
    expect(post.headers.get('content-type')).toContain('text/event-stream');
    const body = await post.text();
    expect(body).toMatch(/^id: p\d+\.\d+\nretry: 1000\ndata: \n\n$/);
    const priming = eventsOf(body)[0]!.id!;
    // The server ended the response on purpose: the call goes on.
    const resumed = await fetch(url, {
      headers: { ...headers(), accept: 'text/event-stream', 'last-event-id': priming },
    });
    expect(resumed.status).toBe(200);
    const events = eventsOf(await resumed.text());
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      id: 7,
      result: { content: [{ type: 'text', text: 'done after the stream closed' }] },
    });
    expect(finishedCalls).toBe(before + 1);
    // Resuming again from the same id replays the kept response, then ends.
    const again = await fetch(url, {
      headers: { ...headers(), accept: 'text/event-stream', 'last-event-id': priming },
    });
    expect(eventsOf(await again.text()).map((e) => e.id)).toEqual([events[0]!.id]);
  });

  it('a Last-Event-ID the session does not hold is refused saying so', async () => {
    const refused = await fetch(url, {
      headers: { ...headers(), accept: 'text/event-stream', 'last-event-id': 'p999.99999' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('is not an event this session still holds');
  });

  it('list changes raised while no GET stream is open reach the next one, in order', async () => {
    setRuntimeTools([marker('marker_a')]);
    setRuntimeTools([marker('marker_a'), marker('marker_b')]);
    const text = await readListChanges(url, headers(), 2);
    const changes = eventsOf(text).filter((e) => e.data.includes('list_changed'));
    expect(changes).toHaveLength(2);
    // Each has an id on the session's standalone stream, so that stream can be resumed too.
    expect(changes.every((e) => /^g\.\d+$/.test(e.id ?? ''))).toBe(true);
    await sleep(50);
    setRuntimeTools([]);
    const replayed = await readListChanges(
      url,
      { ...headers(), 'last-event-id': changes[0]!.id! },
      2,
    );
    expect(eventsOf(replayed).map((e) => e.id)).toEqual([
      changes[1]!.id,
      expect.stringMatching(/^g\.\d+$/),
    ]);
  });
});

describe('the SDK client across a stream the server closed', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startJobsServer();
  });
  afterAll(() => t.close());

  it('reconnects by itself and receives the result', async () => {
    const client = new Client({ name: 'resume-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(t.urlOf('jobs'))));
    const result = await client.callTool({ name: 'long_job', arguments: { ms: 300 } });
    expect(result.content).toEqual([{ type: 'text', text: 'done after the stream closed' }]);
    await client.close();
  });
});
