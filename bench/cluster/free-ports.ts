import { createServer, type AddressInfo } from 'node:net';

/**
 * `count` distinct free loopback ports, each released again so a child process can bind it: all
 * held at once while they are chosen, so none is handed out twice.
 *
 * @example
 * const [proxyPort, ...instancePorts] = await freePorts(4);
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
