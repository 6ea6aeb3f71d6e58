import { connect, type Socket } from 'node:net';

/** One HTTP request written by hand, so the answer can be read byte for byte. */
export interface RawRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** An answer as it came off the socket: status line, header lines in order, and body. */
export interface RawAnswer {
  readonly statusLine: string;
  /** Header lines as sent (name case and order kept), without `Date`, which ticks. */
  readonly headers: readonly string[];
  readonly body: string;
}

/** Opens a connection to `url`'s host and port. */
export async function openSocket(url: string): Promise<Socket> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/**
 * Sends `request` on `socket` and reads until the server closes it (so the request should ask
 * for `Connection: close`, or the server be shutting down) or a chunked body has ended.
 */
export async function exchangeOn(socket: Socket, request: RawRequest): Promise<RawAnswer> {
  const chunks: Buffer[] = [];
  // An event stream says `Connection: keep-alive` whatever was asked: its last chunk ends it.
  const closed = new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).toString('utf8').endsWith('\r\n0\r\n\r\n')) {
        socket.destroy();
        resolve();
      }
    });
  });
  const body = request.body ?? '';
  const lines = [
    `${request.method} ${request.path} HTTP/1.1`,
    ...Object.entries({
      ...request.headers,
      'content-length': String(Buffer.byteLength(body)),
    }).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  await closed;
  const text = Buffer.concat(chunks).toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...headers] = text.slice(0, split).split('\r\n');
  return {
    statusLine,
    headers: headers.filter((line) => !/^date:/i.test(line)),
    body: text.slice(split + 4),
  };
}

/** Sends `request` with `Connection: close` on a new connection to `url`. */
export async function rawExchange(url: string, request: RawRequest): Promise<RawAnswer> {
  const socket = await openSocket(url);
  return exchangeOn(socket, {
    ...request,
    headers: { ...request.headers, connection: 'close' },
  });
}
