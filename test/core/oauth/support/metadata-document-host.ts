import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

/** What the host answers for one path. */
export interface HostedAnswer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * A real HTTPS server on 127.0.0.1 with a certificate made for `localhost` at start, standing in
 * for the site where an MCP client publishes its metadata document. `cert` is the certificate to
 * trust (`clientMetadataDocuments.trustedCertificates`); `hits` counts requests per path.
 *
 * @example
 * const host = await startDocumentHost();
 * host.serve('/client.json', { body: JSON.stringify({ client_id: host.url('/client.json') }) });
 */
export interface DocumentHost {
  readonly cert: string;
  readonly hits: Map<string, number>;
  url(path: string): string;
  serve(path: string, answer: HostedAnswer): void;
  close(): Promise<void>;
}

export async function startDocumentHost(): Promise<DocumentHost> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  const answers = new Map<string, HostedAnswer>();
  const hits = new Map<string, number>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = answers.get(path);
    if (answer === undefined) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(answer.status ?? 200, {
        'content-type': 'application/json',
        ...answer.headers,
      })
      .end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    cert: pems.cert,
    hits,
    url: (path) => `https://localhost:${port}${path}`,
    serve: (path, answer) => answers.set(path, answer),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
