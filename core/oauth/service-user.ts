import type { Database } from '../storage/database.js';
import type { BuiltInAuthSettings } from './built-in-auth-settings.js';
import { readStoredClient } from './stored-clients.js';

/**
 * The user id a client-credentials client acts as: from config for static clients, from the
 * stored client for those added with `servicedesk-mcp clients add`.
 *
 * @example
 * await serviceUserOf({ settings, db }, 'nightly-report') // 'service:nightly-report'
 */
export async function serviceUserOf(
  context: { settings: BuiltInAuthSettings; db: Database },
  clientId: string,
): Promise<string | undefined> {
  const configured = context.settings.clients?.find((c) => c.clientId === clientId);
  if (configured) {
    return configured.serviceAccount
      ? (configured.serviceAccount.userId ?? `service:${clientId}`)
      : undefined;
  }
  return (await readStoredClient(context.db, clientId))?.serviceUser;
}
