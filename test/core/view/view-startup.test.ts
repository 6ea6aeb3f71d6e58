import { describe, expect, it } from 'vitest';
import { defineResource, defineView, definePlugin } from '../../../core/index.js';
import { appsPlugin, startAppsServer } from './support/apps-plugin.js';

describe('views at startup', () => {
  it('refuses a view URI that is not ui://<server>/<view>', () => {
    expect(() => defineView({ uri: 'https://example.test/x', name: 'x', html: '' })).toThrow(
      /VIEW_INVALID: view "x" has URI "https:\/\/example.test\/x"/,
    );
  });

  it('stops the start naming the collection, view, tool and plugin when the HTML cannot be read', async () => {
    const broken = defineView({
      uri: 'ui://apps-test/broken',
      name: 'broken',
      html: () => {
        throw new Error('no such file');
      },
    });
    await expect(startAppsServer(appsPlugin({ view: broken }))).rejects.toThrow(
      'VIEW_UNAVAILABLE: collection "apps": view "broken" of tool "show_thing" (plugin "apps") cannot be read: no such file',
    );
  });

  it('refuses an empty or unknown visibility', async () => {
    await expect(startAppsServer(appsPlugin({ showUi: { visibility: [] } }))).rejects.toThrow(
      /TOOL_INVALID_DEFINITION: tool "show_thing" of plugin "apps" has ui.visibility \[\]/,
    );
    await expect(
      startAppsServer(appsPlugin({ showUi: { visibility: ['user' as 'app'] } })),
    ).rejects.toThrow(/list one or both of "model" and "app"/);
  });

  it('refuses a view whose URI another resource of the collection uses', async () => {
    const base = appsPlugin();
    const clash = definePlugin({
      ...base,
      resources: [
        defineResource({ uri: 'ui://apps-test/thing', name: 'other', scopes: [], read: () => [] }),
      ],
    });
    await expect(startAppsServer(clash)).rejects.toThrow(
      /RESOURCE_DUPLICATE: collection "apps": view "thing" of tool "show_thing" \(plugin "apps"\) uses URI "ui:\/\/apps-test\/thing", which plugin "apps" already serves/,
    );
  });
});
