import { definePlugin, type PluginDefinition } from '../../core/index.js';
import { deskStoreRef } from '../desk/api.js';
import { getUserInfoTool } from './tools/get-user-info.js';

/** Options of {@link peoplePlugin} (none yet; kept so every plugin is called the same way). */
export type PeoplePluginOptions = Record<string, never>;

/**
 * People on the desk (DESIGN §7): `get_user_info`, a user's contact details, organisation, teams
 * and open tickets. End users see only themselves; the desk store enforces it.
 *
 * @example
 * defineConfig({
 *   plugins: [deskPlugin(), peoplePlugin()],
 *   collections: [defineCollection({ id: 'user', title: 'User Functions', plugins: ['people'],
 *     grant: ['users:read:own', 'tickets:read:own'], roles: ['end_user'] })],
 * })
 */
export function peoplePlugin(_options: PeoplePluginOptions = {}): PluginDefinition {
  return definePlugin({
    id: 'people',
    version: '0.1.0',
    description: 'Who is who on the service desk: get_user_info.',
    requires: ['desk'],
    setup(ctx) {
      ctx.addTool(getUserInfoTool(ctx.services.get(deskStoreRef)));
    },
  });
}
