import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createServer,
  defineCollection,
  definePlugin,
  defineServiceRef,
  defineTool,
  startTestServer,
  type PluginDefinition,
  type ServerConfig,
} from '../../../core/index.js';
import { echoTool } from '../../helpers/test-tools.js';
import { startupError } from '../../helpers/startup-error.js';
import { createTempFolder } from '../../helpers/temp-folder.js';

const folder = createTempFolder('plugin-lifecycle');
afterAll(() => folder.remove());

function recordingPlugin(id: string, requires: string[], events: string[]): PluginDefinition {
  return definePlugin({
    id,
    version: '1.0.0',
    requires,
    setup: () => {
      events.push(`setup ${id}`);
      return { close: () => void events.push(`close ${id}`) };
    },
  });
}

function configOf(plugins: readonly PluginDefinition[]): ServerConfig {
  return { plugins, collections: [], log: { level: 'silent' }, databaseUrl: folder.file() };
}

describe('plugin lifecycle', () => {
  it('sets plugins up in dependency order and closes them in reverse on server.close()', async () => {
    const events: string[] = [];
    // Listed against their dependency order on purpose.
    const server = await createServer(
      configOf([
        recordingPlugin('reports', ['tickets', 'kb'], events),
        recordingPlugin('tickets', ['desk'], events),
        recordingPlugin('kb', ['desk'], events),
        recordingPlugin('desk', [], events),
      ]),
      { env: {} },
    );
    const setups = events.filter((e) => e.startsWith('setup'));
    expect(setups).toHaveLength(4);
    const position = (id: string) => setups.indexOf(`setup ${id}`);
    expect(position('desk')).toBe(0);
    expect(position('tickets')).toBeGreaterThan(position('desk'));
    expect(position('kb')).toBeGreaterThan(position('desk'));
    expect(position('reports')).toBe(3);
    expect(events.some((e) => e.startsWith('close'))).toBe(false);

    await server.listen();
    await server.close();
    const closes = events.filter((e) => e.startsWith('close'));
    expect(closes).toEqual([...setups].reverse().map((e) => e.replace('setup', 'close')));
  });

  it('a failing close does not stop the other plugins from closing', async () => {
    const events: string[] = [];
    const server = await createServer(
      configOf([
        recordingPlugin('first', [], events),
        definePlugin({
          id: 'broken-close',
          version: '1.0.0',
          requires: ['first'],
          setup: () => ({
            close: () => {
              throw new Error('socket already closed');
            },
          }),
        }),
      ]),
      { env: {} },
    );
    await server.close();
    expect(events).toEqual(['setup first', 'close first']);
  });

  it('closes the plugins already set up when a later setup fails', async () => {
    const events: string[] = [];
    const error = await startupError(
      configOf([
        recordingPlugin('desk', [], events),
        recordingPlugin('tickets', ['desk'], events),
        definePlugin({
          id: 'failing',
          version: '1.0.0',
          requires: ['tickets'],
          setup: () => {
            throw new Error('boom');
          },
        }),
      ]),
    );
    expect(error.code).toBe('PLUGIN_SETUP_FAILED');
    expect(events).toEqual(['setup desk', 'setup tickets', 'close tickets', 'close desk']);
  });

  it('closes every plugin set up when a later startup check fails', async () => {
    const events: string[] = [];
    const error = await startupError({
      ...configOf([
        recordingPlugin('desk', [], events),
        definePlugin({
          id: 'tickets',
          version: '1.0.0',
          scopes: { 'tickets:read': 'Read tickets' },
          tools: [echoTool('Bad Name', ['tickets:read'])],
          setup: () => {
            events.push('setup tickets');
            return { close: () => void events.push('close tickets') };
          },
        }),
      ]),
    });
    expect(error.code).toBe('TOOL_INVALID_NAME');
    expect(events).toEqual(['setup desk', 'setup tickets', 'close tickets', 'close desk']);
  });

  it('closes every plugin set up when a collection check fails after setup', async () => {
    const events: string[] = [];
    const tool = echoTool('lookup', ['x:read']);
    const twin = (id: string) =>
      definePlugin({
        id,
        version: '1.0.0',
        scopes: id === 'one' ? { 'x:read': 'Read x' } : {},
        requires: id === 'one' ? [] : ['one'],
        tools: [tool],
        setup: () => {
          events.push(`setup ${id}`);
          return { close: () => void events.push(`close ${id}`) };
        },
      });
    const error = await startupError({
      ...configOf([twin('one'), twin('two')]),
      collections: [
        defineCollection({ id: 'c', title: 'C', plugins: ['one', 'two'], grant: ['x:read'] }),
      ],
    });
    expect(error.code).toBe('TOOL_DUPLICATE_NAME');
    expect(events).toEqual(['setup one', 'setup two', 'close two', 'close one']);
  });
});

describe('plugin services', () => {
  const clock = defineServiceRef<{ now(): string }>('clock');
  const deskPlugin = definePlugin({
    id: 'desk',
    version: '1.0.0',
    setup: (ctx) => ctx.provide(clock, { now: () => '2026-11-01T09:00:00.000Z' }),
  });

  it('hands a plugin the services of the plugins it requires, in setup and in tool handlers', async () => {
    let seenInSetup: string | undefined;
    const stampTool = defineTool({
      name: 'stamp',
      title: 'Stamp',
      description: 'Returns the desk clock time.',
      input: z.object({}),
      output: z.object({ at: z.string() }),
      scopes: ['stamp:read'],
      handler: ({ services }) => ({ at: services.get(clock).now() }),
    });
    const consumer = definePlugin({
      id: 'stamps',
      version: '1.0.0',
      requires: ['desk'],
      scopes: { 'stamp:read': 'Read the desk clock' },
      tools: [stampTool],
      setup: (ctx) => {
        expect(ctx.services.has(clock)).toBe(true);
        seenInSetup = ctx.services.get(clock).now();
      },
    });
    const t = await startTestServer({
      // The consumer is listed first: the core still sets the provider up before it.
      plugins: [consumer, deskPlugin],
      collections: [
        defineCollection({
          id: 'stamps',
          title: 'Stamps',
          plugins: ['stamps'],
          grant: ['stamp:read'],
          auth: 'none',
        }),
      ],
    });
    try {
      expect(seenInSetup).toBe('2026-11-01T09:00:00.000Z');
      const result = await t.clients['stamps']!.callTool({ name: 'stamp', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ at: '2026-11-01T09:00:00.000Z' });
    } finally {
      await t.close();
    }
  });

  it('a service nobody provides fails setup with PLUGIN_SERVICE_MISSING naming the service and the plugin', async () => {
    const error = await startupError(
      configOf([
        definePlugin({
          id: 'stamps',
          version: '1.0.0',
          setup: (ctx) => void ctx.services.get(clock),
        }),
      ]),
    );
    expect(error.code).toBe('PLUGIN_SERVICE_MISSING');
    expect(error.message).toContain('service "clock"');
    expect(error.message).toContain('"stamps"');
    expect(error.message).toMatch(/requires/);
  });

  it('services cannot be provided after startup', async () => {
    let late: (() => void) | undefined;
    const server = await createServer(
      configOf([
        definePlugin({
          id: 'late',
          version: '1.0.0',
          setup: (ctx) => {
            late = () => ctx.provide(clock, { now: () => '' });
          },
        }),
      ]),
      { env: {} },
    );
    try {
      expect(late).toBeDefined();
      expect(() => late?.()).toThrow(
        /PLUGIN_SETUP_FAILED: plugin "late" provided service "clock" after startup/,
      );
    } finally {
      await server.close();
    }
  });
});
