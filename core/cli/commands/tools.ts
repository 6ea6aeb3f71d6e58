import { CollectionView } from '../../collection/collection-registry.js';
import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { defaultRolePolicy } from '../../scope/role-policy.js';
import { effectiveScopes } from '../../scope/effective-scopes.js';
import { roles, type Role } from '../../scope/scope.js';
import { createServer } from '../../server/create-server.js';
import type { CommandContext } from '../command.js';
import { checkedClients, printSchemaCheck } from './check-schemas.js';

/**
 * `tools --collection <id> [--scopes a,b] [--role r] [--json] [--check [profile]]`: exactly the
 * tools a caller with those token scopes and role would see (by default: the collection's whole
 * grant, as an admin), or with `--check` what clients would reject in their schemas.
 */
export async function toolsCommand({ config, options, out, env }: CommandContext): Promise<number> {
  const id = options['collection'];
  if (typeof id !== 'string')
    throw new ServiceDeskError('CONFIG_INVALID', 'tools needs --collection <id>');
  const role = (typeof options['role'] === 'string' ? options['role'] : 'admin') as Role;
  if (!roles.includes(role))
    throw new ServiceDeskError('CONFIG_INVALID', `--role must be one of ${roles.join(', ')}`);
  const server = await createServer(
    { ...config, log: { level: 'silent' } },
    { env, purpose: 'command' },
  );
  try {
    const registry = server.registries().find((r) => r.collection.id === id);
    if (!registry) {
      throw new ServiceDeskError(
        'CONFIG_INVALID',
        `no collection "${id}"; collections: ${server
          .registries()
          .map((r) => r.collection.id)
          .join(', ')}`,
      );
    }
    const token =
      typeof options['scopes'] === 'string'
        ? options['scopes'].split(/[\s,]+/).filter(Boolean)
        : [...registry.collection.grant];
    const scopes = effectiveScopes({
      defined: registry.definedScopes.keys(),
      grant: registry.collection.grant,
      token,
      role,
      policy: config.roles ?? defaultRolePolicy,
    });
    const tools = new CollectionView(registry).tools(scopes);
    if (typeof options['check'] === 'string') {
      return printSchemaCheck({
        title: `${registry.collection.title} (${id})`,
        tools,
        clients: checkedClients(options['check']),
        json: options['json'] === true,
        out,
      });
    }
    if (options['json'] === true) {
      out(JSON.stringify({ collection: id, scopes: [...scopes].sort(), tools }, null, 2));
      return 0;
    }
    out(
      `${registry.collection.title} (${id}) — effective scopes: ${[...scopes].sort().join(', ') || 'none'}`,
    );
    for (const tool of tools) out(`  ${tool.name.padEnd(32)} ${tool.title ?? ''}`);
    out(`${tools.length} tool(s)`);
    return 0;
  } finally {
    await server.close();
  }
}
