import { afterAll, describe, expect, it } from 'vitest';
import {
  createServer,
  defineCollection,
  definePlugin,
  type ServiceDeskServer,
} from '../../../core/index.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

// Work a plugin leaves for after the first answer (ADR 0041): started by listen(), not awaited.
describe('PluginInstance.onListen', () => {
  const folder = createTempFolder('after-listen-');
  const lines: Record<string, unknown>[] = [];
  const events: string[] = [];
  let release: () => void = () => undefined;
  let server: ServiceDeskServer;
  afterAll(async () => {
    release();
    await server?.close();
    folder.remove();
  });

  it('starts once the server answers, does not hold listen(), and logs a failure with the plugin id', async () => {
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await createServer({
      log: {
        level: 'info',
        sink: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
      },
      databaseUrl: folder.file('desk.db'),
      http: { host: '127.0.0.1', port: 0, shutdownIdleGraceMs: 0 },
      plugins: [
        definePlugin({
          id: 'warm',
          version: '1.0.0',
          setup: () => {
            events.push('setup');
            return {
              onListen: async () => {
                events.push('warming');
                await held;
                events.push('warm');
              },
            };
          },
        }),
        definePlugin({
          id: 'broken',
          version: '1.0.0',
          setup: () => ({
            onListen: () => Promise.reject(new Error('cache host unreachable')),
          }),
        }),
      ],
      collections: [defineCollection({ id: 'desk', title: 'Desk', plugins: ['warm'], grant: [] })],
    });
    expect(events).toEqual(['setup']);
    await server.listen();
    // listen() has resolved while the work still waits; the server answers meanwhile.
    expect(events).toEqual(['setup', 'warming']);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    let settled = false;
    const whenSettled = server.whenSettled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    release();
    await whenSettled;
    expect(events).toEqual(['setup', 'warming', 'warm']);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'plugin work after listen failed',
        plugin: 'broken',
        error: 'cache host unreachable',
      }),
    );
  });
});
