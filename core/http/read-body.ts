import type { IncomingMessage } from 'node:http';
import { ServiceDeskError } from '../errors/servicedesk-error.js';

/**
 * Reads a request body up to `limit` bytes. A declared or actual size over the limit fails with
 * HTTP_BODY_TOO_LARGE before more is buffered.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.reject(
      new ServiceDeskError(
        'HTTP_BODY_TOO_LARGE',
        `request body of ${declared} bytes exceeds the limit of ${limit} bytes`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(
          new ServiceDeskError(
            'HTTP_BODY_TOO_LARGE',
            `request body exceeds the limit of ${limit} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        chunks.length === 1
          ? (chunks[0] as Buffer).toString('utf8')
          : Buffer.concat(chunks).toString('utf8'),
      ),
    );
    req.on('error', reject);
  });
}
