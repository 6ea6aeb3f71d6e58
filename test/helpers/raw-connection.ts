import { connect, type Socket } from 'node:net';

/** One HTTP/1.1 response as read off a raw connection. */
export interface RawHttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A request written as is onto the connection. */
export interface RawHttpRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The bytes of one HTTP/1.1 request, with Host and Content-Length filled in. */
export function requestBytes(host: string, request: RawHttpRequest): string {
  const body = request.body ?? '';
  const headers = {
    host,
    ...request.headers,
    ...(body !== '' && { 'content-length': String(Buffer.byteLength(body)) }),
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `${request.method} ${request.path} HTTP/1.1\r\n${lines.join('')}\r\n${body}`;
}

/**
 * A keep-alive HTTP/1.1 connection driven by hand: requests are written as is (several may be
 * pipelined) and responses are read back in order. Tests use it where a client library would
 * hide what the server does to the connection — a reset, a pipelined queue, `Connection: close`.
 * Responses need a `Content-Length` (what the server sends for JSON), not chunked bodies.
 *
 * @example
 * const connection = await RawConnection.open('http://127.0.0.1:3000');
 * connection.send({ method: 'GET', path: '/healthz' });
 * expect((await connection.response()).status).toBe(200);
 */
export class RawConnection {
  readonly #socket: Socket;
  readonly #host: string;
  #buffer = Buffer.alloc(0);
  readonly #responses: RawHttpResponse[] = [];
  readonly #waiting: { resolve: (r: RawHttpResponse) => void; reject: (e: Error) => void }[] = [];
  #ended: Error | undefined;
  /** Settles when the server closed the connection (or it failed). */
  readonly closed: Promise<void>;

  private constructor(socket: Socket, host: string) {
    this.#socket = socket;
    this.#host = host;
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    let failure: Error | undefined;
    socket.on('error', (error) => {
      failure = error;
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.#ended = failure ?? new Error('the server closed the connection');
        for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#ended);
        resolve();
      });
    });
  }

  /** Connects to the host and port of `url`. */
  static async open(url: string): Promise<RawConnection> {
    const target = new URL(url);
    const socket = connect(Number(target.port), target.hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawConnection(socket, target.host);
  }

  /** Writes one request. */
  send(request: RawHttpRequest): void {
    this.#socket.write(requestBytes(this.#host, request));
  }

  /** The next response not yet read; rejects if the connection ends first. */
  response(): Promise<RawHttpResponse> {
    const next = this.#responses.shift();
    if (next) return Promise.resolve(next);
    if (this.#ended) return Promise.reject(this.#ended);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Closes the connection from this side. */
  destroy(): void {
    this.#socket.destroy();
  }

  #parse(): void {
    for (;;) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine = '', ...lines] = this.#buffer
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (this.#buffer.length < end + 4 + length) return;
      const body = this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(end + 4 + length);
      const response = { status: Number(statusLine.split(' ')[1]), headers, body };
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(response);
      else this.#responses.push(response);
    }
  }
}
