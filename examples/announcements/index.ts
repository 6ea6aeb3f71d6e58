import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { announcementMigrations } from './schema.js';
import { getAnnouncementTool } from './tools/get-announcement.js';
import { listAnnouncementsTool } from './tools/list-announcements.js';
import { postAnnouncementTool } from './tools/post-announcement.js';

/**
 * An example custom plugin: its own table (with migrations and demo rows), read tools for
 * everyone and a write tool for agents. Copy it to start a plugin of your own.
 *
 * @example
 * defineConfig({ plugins: [announcementsPlugin()], collections: [...] })
 */
export function announcementsPlugin(): PluginDefinition {
  return definePlugin({
    id: 'announcements',
    version: '0.1.0',
    description: 'Service-desk announcements: outages, maintenance windows, warnings.',
    scopes: {
      'announcements:read': 'Read service-desk announcements',
      'announcements:write:all': 'Publish announcements',
    },
    migrations: announcementMigrations,
    tools: [getAnnouncementTool, listAnnouncementsTool, postAnnouncementTool],
  });
}
