import { describe, expect, it } from 'vitest';
import {
  defineCollection,
  definePlugin,
  definePrompt,
  defineResource,
  defineResourceTemplate,
  type PluginSpec,
  type ServerConfig,
} from '../../../core/index.js';
import { expectStartupError } from '../../helpers/startup-error.js';

const status = defineResource({
  uri: 'desk://status',
  name: 'status',
  scopes: [],
  read: ({ uri }) => [{ uri, text: 'ok' }],
});
const ticketTemplate = defineResourceTemplate({
  uriTemplate: 'desk://tickets/{id}',
  name: 'ticket',
  scopes: [],
  read: ({ uri }) => [{ uri, text: 'ticket' }],
});
const triage = definePrompt({
  name: 'triage',
  scopes: [],
  get: () => [{ role: 'user', content: { type: 'text', text: 'Triage it' } }],
});

function twoPlugins(contribution: Partial<PluginSpec>): ServerConfig {
  const plugin = (id: string) => definePlugin({ id, version: '1.0.0', ...contribution });
  return {
    plugins: [plugin('tickets'), plugin('kb')],
    collections: [
      defineCollection({ id: 'agent', title: 'Agent', plugins: ['tickets', 'kb'], grant: [] }),
    ],
  };
}

describe('duplicate contributions inside one collection', () => {
  it('RESOURCE_DUPLICATE for two plugins serving the same resource URI', async () => {
    const error = await expectStartupError(
      twoPlugins({ resources: [status] }),
      'RESOURCE_DUPLICATE',
    );
    expect(error.message).toContain('collection "agent": resource "desk://status"');
    expect(error.message).toContain('defined by plugin "tickets" and plugin "kb"');
  });

  it('RESOURCE_DUPLICATE for a resource template defined twice', async () => {
    const error = await expectStartupError(
      twoPlugins({ resourceTemplates: [ticketTemplate] }),
      'RESOURCE_DUPLICATE',
    );
    expect(error.message).toContain(
      'collection "agent": resource template "desk://tickets/{id}" is defined twice',
    );
  });

  it('RESOURCE_DUPLICATE for a resource a plugin adds in setup', async () => {
    const error = await expectStartupError(
      {
        plugins: [
          definePlugin({ id: 'tickets', version: '1.0.0', resources: [status] }),
          definePlugin({
            id: 'kb',
            version: '1.0.0',
            setup: (ctx) => ctx.addResource(status),
          }),
        ],
        collections: [
          defineCollection({ id: 'agent', title: 'Agent', plugins: ['tickets', 'kb'], grant: [] }),
        ],
      },
      'RESOURCE_DUPLICATE',
    );
    expect(error.message).toContain('plugin "tickets" and plugin "kb"');
  });

  it('PROMPT_DUPLICATE_NAME for two plugins with the same prompt', async () => {
    const error = await expectStartupError(
      twoPlugins({ prompts: [triage] }),
      'PROMPT_DUPLICATE_NAME',
    );
    expect(error.message).toContain('collection "agent": prompt "triage"');
    expect(error.message).toContain('defined by plugin "tickets" and plugin "kb"');
  });
});
