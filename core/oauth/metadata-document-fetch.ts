import { lookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { isPublicAddress } from './public-address.js';

/** How a metadata document is fetched: bounded in size and time, public addresses only. */
export interface DocumentFetchOptions {
  /** Reach hosts on private, loopback or link-local addresses too (an internal network). */
  readonly allowPrivateAddresses: boolean;
  /** Certificate authorities (PEM) trusted beside the system's, e.g. an internal PKI. */
  readonly trustedCertificates?: readonly string[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** A fetched document: its parsed JSON and how long it may be cached (seconds), if it says. */
export interface FetchedDocument {
  readonly json: unknown;
  readonly maxAgeSeconds: number | undefined;
  readonly noStore: boolean;
}

/** Why a document could not be fetched, worded for the person and the log. */
export class DocumentFetchError extends Error {}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup that refuses a host with any non-public address, so a name cannot point the
 * server at its own network; it runs when the connection is made, so the address checked is
 * the address connected to (no second lookup to rebind).
 */
function publicLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused !== undefined) {
        return callback(
          Object.assign(
            new Error(`${hostname} resolves to ${refused.address}, not a public address`),
            {
              code: 'ENOTPUBLIC',
            },
          ),
          [],
        );
      }
      const all = (options as { all?: boolean }).all === true;
      const first = addresses[0];
      if (all || first === undefined) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

function cacheControl(header: string | undefined): {
  maxAge: number | undefined;
  noStore: boolean;
} {
  const value = (header ?? '').toLowerCase();
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(value)?.[1];
  return {
    maxAge: maxAge === undefined ? undefined : Number(maxAge),
    noStore: /(?:^|,)\s*(no-store|no-cache)/.test(value),
  };
}

/**
 * GETs `url` (https) as a JSON document: no redirects followed, 200 and a JSON content type
 * only, at most `maxBytes`, within `timeoutMs`, and — unless `allowPrivateAddresses` — never
 * from a host that is or resolves to a non-public address. Throws {@link DocumentFetchError}.
 *
 * @example
 * const { json } = await fetchJsonDocument(new URL('https://app.example/client.json'), options);
 */
export function fetchJsonDocument(
  url: URL,
  options: DocumentFetchOptions,
): Promise<FetchedDocument> {
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0 && !options.allowPrivateAddresses && !isPublicAddress(literal)) {
    return Promise.reject(new DocumentFetchError(`${literal} is not a public address`));
  }
  return new Promise((resolve, reject) => {
    const fail = (message: string) => reject(new DocumentFetchError(message));
    const req = request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        lookup: publicLookup(options.allowPrivateAddresses),
        timeout: options.timeoutMs,
        // `ca` replaces Node's trust store, so the public roots are given with the extra ones.
        ...(options.trustedCertificates !== undefined && {
          ca: [...rootCertificates, ...options.trustedCertificates],
        }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          return fail(
            `it answered HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`,
          );
        }
        if (!/^application\/([a-z.+-]*\+)?json\b/i.test(res.headers['content-type'] ?? '')) {
          res.resume();
          return fail('it is not served as application/json');
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            return fail(`it is larger than ${options.maxBytes} bytes`);
          }
          chunks.push(chunk);
          return undefined;
        });
        res.on('error', (error) => fail(error.message));
        res.on('end', () => {
          if (size > options.maxBytes) return undefined;
          const cache = cacheControl(res.headers['cache-control']);
          try {
            return resolve({
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
              maxAgeSeconds: cache.maxAge,
              noStore: cache.noStore,
            });
          } catch {
            return fail('it is not valid JSON');
          }
        });
        return undefined;
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      fail(`it did not answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => {
      req.destroy();
      fail(`it did not answer within ${options.timeoutMs} ms`);
    });
    req.on('error', (error) => fail(error.message));
    req.end();
  });
}
