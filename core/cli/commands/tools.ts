import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { CollectionView } from '../../collection/collection-registry.js';
import { ServiceDeskError } from '../../errors/servicedesk-error.js';
import { defaultRolePolicy } from '../../scope/role-policy.js';
import { effectiveScopes } from '../../scope/effective-scopes.js';
import { roles, type Role } from '../../scope/scope.js';
import { createServer } from '../../server/create-server.js';
import type { CompiledTool } from '../../tool/compile-tool.js';
import type { CommandContext } from '../command.js';
import { checkedClients, printSchemaCheck } from './check-schemas.js';

/** What the annotations say a tool does to data: `read-only`, `destructive`, or nothing. */
function effectOf(tool: Tool): string {
  if (tool.annotations?.readOnlyHint === true) return 'read-only';
  return tool.annotations?.destructiveHint === true ? 'destructive' : '';
}

/** A tool as `tools/list` sends it, and the scopes a caller needs to see and call it. */
type ScopedTool = Tool & { readonly scopes: readonly string[] };

function withScopes(
  tools: readonly Tool[],
  compiled: ReadonlyMap<string, CompiledTool>,
): ScopedTool[] {
  return tools.map((tool) => ({
    ...tool,
    scopes: compiled.get(tool.name)?.definition.scopes ?? [],
  }));
}

/** One line per tool, in columns: name, effect, the scopes it needs (`-` for none), title. */
function toolLines(tools: readonly ScopedTool[]): string[] {
  const rows = tools.map((tool) => ({ tool, scopes: tool.scopes.join(',') || '-' }));
  const width = Math.max(0, ...rows.map((row) => row.scopes.length));
  const nameWidth = Math.max(32, ...rows.map((row) => row.tool.name.length));
  return rows.map(({ tool, scopes }) => {
    const columns = [tool.name.padEnd(nameWidth), effectOf(tool).padEnd(11), scopes.padEnd(width)];
    return `  ${columns.join(' ')} ${tool.title ?? ''}`.trimEnd();
  });
}

/**
 * `tools --collection <id> [--scopes a,b] [--role r] [--json] [--check [profile]]`: exactly the
 * tools a caller with those token scopes and role would see (by default: the collection's whole
 * grant, as an admin), each with the scopes it needs and whether it is read-only or destructive,
 * or with `--check` what clients would reject in their schemas. `--json` prints each tool as
 * `tools/list` sends it plus its `scopes`.
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
    const scoped = withScopes(tools, registry.tools);
    if (options['json'] === true) {
      out(JSON.stringify({ collection: id, scopes: [...scopes].sort(), tools: scoped }, null, 2));
      return 0;
    }
    out(
      `${registry.collection.title} (${id}) — effective scopes: ${[...scopes].sort().join(', ') || 'none'}`,
    );
    for (const line of toolLines(scoped)) out(line);
    out(`${tools.length} tool(s)`);
    return 0;
  } finally {
    await server.close();
  }
}
