import { describe, expect, it } from 'vitest';
import { definePlugin, ServiceDeskError, type PluginDefinition } from '../../../core/index.js';
import { orderPlugins } from '../../../core/plugin/plugin-order.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const plugin = (
  id: string,
  deps: { requires?: string[]; optionalRequires?: string[]; scopes?: Record<string, string> } = {},
): PluginDefinition => definePlugin({ id, version: '1.0.0', ...deps });

const ids = (plugins: readonly PluginDefinition[]): string[] => plugins.map((p) => p.id);

describe('orderPlugins: optionalRequires', () => {
  it('sets a configured optional dependency up first, as a required one', () => {
    const ordered = orderPlugins([
      plugin('tickets', { requires: ['desk'], optionalRequires: ['ai-assist'] }),
      plugin('ai-assist', { requires: ['desk'] }),
      plugin('desk'),
    ]);
    expect(ids(ordered)).toEqual(['desk', 'ai-assist', 'tickets']);
  });

  it('is no error when the optional dependency is not configured', () => {
    const ordered = orderPlugins([
      plugin('tickets', { requires: ['desk'], optionalRequires: ['ai-assist'] }),
      plugin('desk'),
    ]);
    expect(ids(ordered)).toEqual(['desk', 'tickets']);
  });

  it('refuses a cycle through an optional dependency that is configured', () => {
    expect(() =>
      orderPlugins([
        plugin('tickets', { optionalRequires: ['ai-assist'] }),
        plugin('ai-assist', { requires: ['tickets'] }),
      ]),
    ).toThrow(/in a cycle: tickets → ai-assist → tickets/);
  });

  it('freezes optionalRequires in the definition', () => {
    const defined = plugin('tickets', { optionalRequires: ['ai-assist'] });
    expect(defined.optionalRequires).toEqual(['ai-assist']);
    expect(Object.isFrozen(defined.optionalRequires)).toBe(true);
    expect(plugin('desk').optionalRequires).toEqual([]);
  });
});

describe('orderPlugins: SCOPE_DEFINED_TWICE', () => {
  it('refuses a scope two plugins define, naming the scope and both plugins', () => {
    let thrown: unknown;
    try {
      orderPlugins([
        plugin('desk', { scopes: { 'tickets:write:all': 'Update every ticket' } }),
        plugin('noc', { scopes: { 'noc:read:all': 'Read alerts', 'tickets:write:all': 'Write' } }),
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServiceDeskError);
    expect((thrown as ServiceDeskError).code).toBe('SCOPE_DEFINED_TWICE');
    expect((thrown as ServiceDeskError).message).toContain(
      'scope "tickets:write:all" is defined by plugin "desk" and by plugin "noc"',
    );
    expect((thrown as ServiceDeskError).message).toMatch(/list the other in its requires/);
  });

  it('stops the server at startup', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          plugin('desk', { scopes: { 'kb:read': 'Read articles' } }),
          plugin('knowledge', { requires: ['desk'], scopes: { 'kb:read': 'Read the KB' } }),
        ],
        collections: [],
      },
      'SCOPE_DEFINED_TWICE',
    );
    expect(error.message).toContain(
      'scope "kb:read" is defined by plugin "desk" and by plugin "knowledge"',
    );
  });
});
