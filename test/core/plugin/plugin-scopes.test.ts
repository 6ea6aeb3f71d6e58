import { describe, expect, it } from 'vitest';
import { definePlugin, type PluginDefinition } from '../../../core/index.js';
import { pluginScopes, scopeOwner } from '../../../core/plugin/plugin-scopes.js';

const byId = (...plugins: PluginDefinition[]): ReadonlyMap<string, PluginDefinition> =>
  new Map(plugins.map((p) => [p.id, p]));

const desk = definePlugin({
  id: 'desk',
  version: '1.0.0',
  scopes: { 'tickets:write:all': 'Update every ticket' },
});
const triage = definePlugin({
  id: 'ai-assist',
  version: '1.0.0',
  scopes: { 'ai:triage': 'Triage tickets' },
});

describe('pluginScopes', () => {
  it('sees its own scopes and those of the plugins it requires, transitively', () => {
    const tickets = definePlugin({ id: 'tickets', version: '1.0.0', requires: ['desk'] });
    const noc = definePlugin({
      id: 'noc',
      version: '1.0.0',
      requires: ['tickets'],
      scopes: { 'noc:read:all': 'Read alerts' },
    });
    const scopes = pluginScopes('noc', byId(desk, tickets, noc));
    expect([...scopes.visible].sort()).toEqual(['noc:read:all', 'tickets:write:all']);
    expect(scopes.has('tickets:write:all')).toBe(true);
  });

  it('names the plugin that defines a scope and the requires to add, not "declare it"', () => {
    const noc = definePlugin({ id: 'noc', version: '1.0.0' });
    const advice = pluginScopes('noc', byId(desk, noc)).missing('tickets:write:all');
    expect(advice).toContain(
      'is defined by plugin "desk", which plugin "noc" does not require; add "desk" to plugin "noc"\'s requires',
    );
    expect(advice).not.toMatch(/declare it/);
  });

  it('says to move an optional dependency to requires to use its scopes', () => {
    const tickets = definePlugin({
      id: 'tickets',
      version: '1.0.0',
      optionalRequires: ['ai-assist'],
    });
    const scopes = pluginScopes('tickets', byId(triage, tickets));
    expect(scopes.has('ai:triage')).toBe(false);
    expect(scopes.missing('ai:triage')).toContain(
      'move "ai-assist" from plugin "tickets"\'s optionalRequires to its requires',
    );
  });

  it('says to declare a scope only when no plugin in the config defines it', () => {
    const noc = definePlugin({ id: 'noc', version: '1.0.0' });
    expect(pluginScopes('noc', byId(desk, noc)).missing('noc:raed:all')).toMatch(
      /^no plugin in the config defines; fix the spelling, or declare it in the plugin's "scopes"/,
    );
  });

  it('finds the owner of a scope', () => {
    expect(scopeOwner('tickets:write:all', byId(desk, triage))?.id).toBe('desk');
    expect(scopeOwner('toString', byId(desk))).toBeUndefined();
  });
});
