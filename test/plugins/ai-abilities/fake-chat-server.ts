import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake provider received. */
export interface ChatRequestSeen {
  readonly path: string;
  readonly authorization: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any field of the body
  readonly body: any;
  readonly receivedAt: number;
  /** Set when the client went away before an answer was sent (an aborted request). */
  abortedAt?: number;
}

/** What the fake provider does with the next request. */
export type ChatReply =
  | { readonly kind: 'answer'; readonly content: string; readonly model?: string }
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  | { readonly kind: 'raw'; readonly body: string }
  | { readonly kind: 'hang' };

/** A local HTTP server speaking the chat-completions protocol, scripted reply by reply. */
export interface FakeChatServer {
  /** The base URL, e.g. `http://127.0.0.1:5123/v1`. */
  readonly baseUrl: string;
  readonly requests: ChatRequestSeen[];
  /** Queues replies; with none queued, the server answers `default answer`. */
  script(...replies: ChatReply[]): void;
  reset(): void;
  close(): Promise<void>;
}

function completion(content: string, model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: ChatReply): void {
  switch (reply.kind) {
    case 'answer':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(completion(reply.content, reply.model ?? 'fake-model-0613'));
      return;
    case 'status':
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? JSON.stringify({ error: { message: 'scripted failure' } }));
      return;
    case 'raw':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(reply.body);
      return;
    case 'hang':
      return; // never answers; the client's abort closes the socket
  }
}

/**
 * Starts the fake provider on an ephemeral loopback port.
 *
 * @example
 * const chat = await startFakeChatServer();
 * chat.script({ kind: 'status', status: 500 }, { kind: 'answer', content: 'ok' });
 */
export async function startFakeChatServer(): Promise<FakeChatServer> {
  const requests: ChatRequestSeen[] = [];
  let queue: ChatReply[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const seen: ChatRequestSeen = {
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
        receivedAt: Date.now(),
      };
      requests.push(seen);
      res.on('close', () => {
        if (!res.writableEnded) seen.abortedAt = Date.now();
      });
      if (req.method !== 'POST' || !seen.path.endsWith('/chat/completions')) {
        send(res, { kind: 'status', status: 404 });
        return;
      }
      send(res, queue.shift() ?? { kind: 'answer', content: 'default answer' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => queue.push(...replies),
    reset() {
      requests.length = 0;
      queue = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
