import { describe, expect, it } from 'vitest';
import { defineCollection, definePlugin, defineServiceRef } from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const plugin = (id: string, requires: string[] = []) =>
  definePlugin({ id, version: '1.0.0', requires });

describe('plugin startup checks', () => {
  it.each(['Tickets', 'tickets_core', '1tickets', 'tickets--core', '-tickets', 'x'.repeat(65)])(
    'PLUGIN_INVALID_ID for id %j, naming the id and the kebab-case rule',
    async (id) => {
      const error = await expectStartupError(
        { plugins: [plugin(id)], collections: [] },
        'PLUGIN_INVALID_ID',
      );
      expect(error.message).toContain(`plugin id "${id}"`);
      expect(error.message).toMatch(/lower-case letters, digits and single dashes/);
      expect(error.message).toMatch(/at most 64 characters/);
    },
  );

  it('accepts kebab-case ids of up to 64 characters', async () => {
    // The same config with one more character fails above; this one must get past the id check
    // and fail later, on the unknown collection plugin, proving the id itself was accepted.
    const error = await expectStartupError(
      {
        plugins: [plugin('a'.repeat(64)), plugin('tickets-core2')],
        collections: [defineCollection({ id: 'c', title: 'C', plugins: ['missing'], grant: [] })],
      },
      'COLLECTION_UNKNOWN_PLUGIN',
    );
    expect(error.message).toContain('"missing"');
  });

  it('PLUGIN_DUPLICATE_ID names the plugin listed twice', async () => {
    const error = await expectStartupError(
      { plugins: [plugin('tickets'), plugin('kb'), plugin('tickets')], collections: [] },
      'PLUGIN_DUPLICATE_ID',
    );
    expect(error.message).toContain('plugin "tickets" is listed twice');
    expect(error.message).toMatch(/list it once/);
  });

  it('PLUGIN_MISSING_DEPENDENCY names the plugin and the dependency it lacks', async () => {
    const error = await expectStartupError(
      { plugins: [plugin('desk'), plugin('tickets', ['desk', 'sla'])], collections: [] },
      'PLUGIN_MISSING_DEPENDENCY',
    );
    expect(error.message).toContain('plugin "tickets" requires plugin "sla"');
    expect(error.message).toMatch(/not in the config; add it to plugins/);
  });

  it('PLUGIN_DEPENDENCY_CYCLE shows the whole cycle', async () => {
    const error = await expectStartupError(
      {
        plugins: [plugin('a', ['b']), plugin('b', ['c']), plugin('c', ['a']), plugin('d')],
        collections: [],
      },
      'PLUGIN_DEPENDENCY_CYCLE',
    );
    expect(error.message).toContain('a → b → c → a');
    expect(error.message).toMatch(/cycle/);
  });

  it('PLUGIN_DEPENDENCY_CYCLE for a plugin that requires itself', async () => {
    const error = await expectStartupError(
      { plugins: [plugin('loop', ['loop'])], collections: [] },
      'PLUGIN_DEPENDENCY_CYCLE',
    );
    expect(error.message).toContain('loop → loop');
  });

  it('PLUGIN_SETUP_FAILED names the plugin and carries the cause', async () => {
    const cause = new Error('cannot reach the ITSM API');
    const error = await expectStartupError(
      {
        plugins: [
          definePlugin({
            id: 'remote-itsm',
            version: '1.0.0',
            setup: () => {
              throw cause;
            },
          }),
        ],
        collections: [],
      },
      'PLUGIN_SETUP_FAILED',
    );
    expect(error.message).toContain('plugin "remote-itsm" failed in setup');
    expect(error.message).toContain('cannot reach the ITSM API');
    expect(error.cause).toBe(cause);
  });

  it('PLUGIN_SETUP_FAILED when an async setup rejects', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          definePlugin({
            id: 'slow',
            version: '1.0.0',
            setup: () => Promise.reject(new Error('token endpoint answered 500')),
          }),
        ],
        collections: [],
      },
      'PLUGIN_SETUP_FAILED',
    );
    expect(error.message).toContain('plugin "slow" failed in setup: token endpoint answered 500');
  });

  it('PLUGIN_DUPLICATE_SERVICE when two plugins provide the same service', async () => {
    const clock = defineServiceRef<{ now(): number }>('clock');
    const provider = (id: string) =>
      definePlugin({
        id,
        version: '1.0.0',
        setup: (ctx) => ctx.provide(clock, { now: () => 0 }),
      });
    const error = await expectStartupError(
      { plugins: [provider('clock-a'), provider('clock-b')], collections: [] },
      'PLUGIN_DUPLICATE_SERVICE',
    );
    expect(error.message).toContain('plugin "clock-b" provides service "clock"');
    expect(error.message).toContain('already provided by plugin "clock-a"');
  });
});
