import type { IncomingMessage } from 'node:http';

/**
 * Reads an `application/x-www-form-urlencoded` body of at most `limit` bytes; anything larger
 * or of another type reads as an empty form.
 *
 * @example
 * const form = await readForm(ctx.req, 16 * 1024);
 */
export async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    req.resume();
    return new URLSearchParams();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return new URLSearchParams();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
