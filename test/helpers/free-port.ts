import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A free loopback port, released again so a server (or a child process) can bind it.
 *
 * @example
 * const port = await freePort();
 * spawn(process.execPath, [bin, 'serve'], { env: { PORT: String(port) } });
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
