import { describe, expect, it } from 'vitest';
import {
  definePlugin,
  definePrompt,
  defineResource,
  defineResourceTemplate,
  defaultRolePolicy,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';

describe('reserved ids, contributed scopes and role policies are checked at startup', () => {
  it('PLUGIN_INVALID_ID for the reserved id "core"', async () => {
    const error = await expectStartupError(
      { plugins: [definePlugin({ id: 'core', version: '1.0.0' })], collections: [] },
      'PLUGIN_INVALID_ID',
    );
    expect(error.message).toMatch(/"core" is reserved/);
  });

  it.each([
    [
      'resource "kb://index"',
      defineResource({ uri: 'kb://index', name: 'index', scopes: ['kb:read'], read: () => [] }),
    ],
    [
      'resource template "kb://articles/{id}"',
      defineResourceTemplate({
        uriTemplate: 'kb://articles/{id}',
        name: 'article',
        scopes: ['kb:read'],
        read: () => [],
      }),
    ],
    ['prompt "triage"', definePrompt({ name: 'triage', scopes: ['kb:read'], get: () => [] })],
  ])('SCOPE_UNDEFINED for a %s whose scope its plugin does not define', async (label, item) => {
    const contributions =
      item.kind === 'prompt'
        ? { prompts: [item] }
        : item.kind === 'resource'
          ? { resources: [item] }
          : { resourceTemplates: [item] };
    const desk = definePlugin({
      id: 'desk',
      version: '1.0.0',
      scopes: { 'desk:read': 'Read' },
      ...contributions,
    });
    const error = await expectStartupError({ plugins: [desk], collections: [] }, 'SCOPE_UNDEFINED');
    expect(error.message).toContain(`${label} of plugin "desk" requires scope "kb:read"`);
    expect(error.message).toContain('no plugin in the config defines');
    // When another plugin defines it, the advice is to require that plugin, not to declare it.
    const kb = definePlugin({ id: 'kb', version: '1.0.0', scopes: { 'kb:read': 'Read articles' } });
    const required = await expectStartupError(
      { plugins: [kb, desk], collections: [] },
      'SCOPE_UNDEFINED',
    );
    expect(required.message).toContain(
      `${label} of plugin "desk" requires scope "kb:read", which is defined by plugin "kb", ` +
        'which plugin "desk" does not require; add "kb" to plugin "desk"\'s requires',
    );
  });

  it('CONFIG_INVALID for a role policy that leaves a role out or has a malformed pattern', async () => {
    const { agent: _agent, ...withoutAgent } = defaultRolePolicy;
    const missing = await expectStartupError(
      { plugins: [], collections: [], roles: withoutAgent as typeof defaultRolePolicy },
      'CONFIG_INVALID',
    );
    expect(missing.message).toMatch(/roles\.agent is missing/);
    const malformed = await expectStartupError(
      { plugins: [], collections: [], roles: { ...defaultRolePolicy, end_user: ['tickets'] } },
      'CONFIG_INVALID',
    );
    expect(malformed.message).toMatch(/roles\.end_user has pattern "tickets"/);
  });
});
