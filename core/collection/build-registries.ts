import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import { checkWriteConfirmations } from './write-confirmations.js';
import { addViewResources } from './view-resources.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { PluginDefinition } from '../plugin/define-plugin.js';
import { isKebabId } from '../plugin/plugin-order.js';
import { scopeOwner, scopesVisibleTo } from '../plugin/plugin-scopes.js';
import type { PluginContributions } from '../plugin/plugin-contributions.js';
import { dynamicOwnerOf } from '../plugin/dynamic-prefixes.js';
import type { CompiledTool } from '../tool/compile-tool.js';
import type { AnyToolDefinition } from '../tool/define-tool.js';
import type { DynamicTools } from '../tool/dynamic-tools.js';
import type { CollectionRegistry, CompiledTemplate } from './collection-registry.js';
import type { CollectionDefinition } from './define-collection.js';

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function checkCollection(
  collection: CollectionDefinition,
  options: { byId: ReadonlyMap<string, PluginDefinition>; loopback: boolean },
): Map<string, string> {
  const name = `collection "${collection.id}"`;
  if (!isKebabId(collection.id)) {
    throw new ServiceDeskError(
      'COLLECTION_INVALID_ID',
      `collection id "${collection.id}" must be kebab-case: lower-case letters, digits and single dashes, starting with a letter`,
    );
  }
  if (!/^\/[A-Za-z0-9/_-]*$/.test(collection.path) || collection.path.startsWith('/.well-known')) {
    throw new ServiceDeskError(
      'COLLECTION_INVALID_PATH',
      `${name} has path "${collection.path}", which must start with / and use only letters, digits, / _ and -`,
    );
  }
  if (collection.auth === 'none' && !options.loopback) {
    throw new ServiceDeskError(
      'COLLECTION_UNAUTHENTICATED_PUBLIC',
      `${name} has auth "none" but the server is not bound to loopback; bind HOST to 127.0.0.1 or require authentication`,
    );
  }
  const defined = new Map<string, string>();
  for (const pluginId of collection.plugins) {
    if (!options.byId.has(pluginId)) {
      throw new ServiceDeskError(
        'COLLECTION_UNKNOWN_PLUGIN',
        `${name} lists plugin "${pluginId}", which is not in the config's plugins; add it there or remove it here`,
      );
    }
    for (const scope of scopesVisibleTo(pluginId, options.byId)) {
      const owner = [...options.byId.values()].find((p) => scope in p.scopes);
      defined.set(scope, owner?.scopes[scope] ?? scope);
    }
  }
  for (const scope of collection.grant) {
    if (!defined.has(scope)) {
      const listed = collection.plugins.join(', ') || 'none';
      const owner = scopeOwner(scope, options.byId);
      throw new ServiceDeskError(
        'SCOPE_UNDEFINED',
        owner === undefined
          ? `${name} grants scope "${scope}", which none of its plugins (${listed}) defines, nor any other plugin ` +
              'in the config; fix the spelling, or declare it in the "scopes" of the plugin whose tools need it'
          : `${name} grants scope "${scope}", which is defined by plugin "${owner.id}": neither listed in the ` +
              `collection (${listed}) nor required by a plugin it lists; add "${owner.id}" to the requires of ` +
              `the plugin whose tools need it, or to the collection's plugins`,
      );
    }
  }
  return defined;
}

/**
 * The tools a collection names in `tools` (all of `offered` when it names none). A name no
 * static tool has is accepted when it starts with a dynamic prefix of a listed plugin: that
 * tool appears while its plugin offers it.
 */
function selectTools<T>(
  collection: CollectionDefinition,
  offered: ReadonlyMap<string, T>,
  byId: ReadonlyMap<string, PluginDefinition>,
): ReadonlyMap<string, T> {
  if (collection.tools === undefined) return offered;
  const selected = new Map<string, T>();
  for (const toolName of collection.tools) {
    const tool = offered.get(toolName);
    if (tool === undefined && dynamicOwnerOf(toolName, collection.plugins, byId) !== undefined)
      continue;
    if (tool === undefined) {
      throw new ServiceDeskError(
        'COLLECTION_UNKNOWN_TOOL',
        `collection "${collection.id}" lists tool "${toolName}", which none of its plugins ` +
          `(${collection.plugins.join(', ') || 'none'}) defines; its plugins' tools are: ` +
          `${[...offered.keys()].sort().join(', ') || 'none'}`,
      );
    }
    selected.set(toolName, tool);
  }
  return selected;
}

/**
 * Refuses a collection that offers a tool without the tools it calls (`calls`). A called name
 * under a listed plugin's dynamic prefix (and in the collection's `tools`, when it has that
 * list) is accepted; while that tool is absent, `ctx.callTool` answers "not found".
 */
function checkCalledTools(
  collection: CollectionDefinition,
  tools: ReadonlyMap<string, { readonly definition: AnyToolDefinition; readonly pluginId: string }>,
  byId: ReadonlyMap<string, PluginDefinition>,
): void {
  const mayAppear = (name: string): boolean =>
    dynamicOwnerOf(name, collection.plugins, byId) !== undefined &&
    (collection.tools === undefined || collection.tools.includes(name));
  for (const { definition, pluginId } of tools.values()) {
    const missing = (definition.calls ?? []).filter(
      (called) => !tools.has(called) && !mayAppear(called),
    );
    if (missing.length > 0) {
      throw new ServiceDeskError(
        'COLLECTION_MISSING_TOOL',
        `collection "${collection.id}" offers tool "${definition.name}" of plugin "${pluginId}", which calls ` +
          `${missing.map((m) => `"${m}"`).join(', ')}; this collection does not offer ${missing.length === 1 ? 'it' : 'them'}. ` +
          'List the plugin (and tool) that defines it in the collection, or remove the tool that calls it',
      );
    }
  }
}

/**
 * The collection's tools now: its static selection plus the runtime tools of the plugins it
 * lists (only those named in `tools`, when it has that list). Rebuilt only after a change.
 */
function liveTools(
  collection: CollectionDefinition,
  offered: ReadonlyMap<string, CompiledTool>,
  dynamic: DynamicTools,
): () => ReadonlyMap<string, CompiledTool> {
  let seen = -1;
  let current = offered;
  return () => {
    if (seen === dynamic.version) return current;
    seen = dynamic.version;
    const merged = new Map<string, CompiledTool>();
    if (collection.tools === undefined) {
      for (const [name, tool] of offered) merged.set(name, tool);
      for (const pluginId of collection.plugins)
        for (const [name, tool] of dynamic.toolsOf(pluginId)) merged.set(name, tool);
    } else {
      for (const name of collection.tools) {
        const tool =
          offered.get(name) ??
          collection.plugins.map((id) => dynamic.toolsOf(id).get(name)).find(Boolean);
        if (tool) merged.set(name, tool);
      }
    }
    current = merged;
    return current;
  };
}

/**
 * Checks every collection and builds its registry from the plugins it lists. Everything is
 * frozen but `tools`, which follows the runtime tools of listed plugins that declare
 * `dynamicTools` (given `dynamic`).
 */
export function buildRegistries(options: {
  collections: readonly CollectionDefinition[];
  plugins: readonly PluginDefinition[];
  contributions: ReadonlyMap<string, PluginContributions>;
  baseUrl: string;
  loopback: boolean;
  /** False before plugins are set up: tools added in `setup` are not known yet. */
  toolsKnown?: boolean;
  /** The plugins' runtime tools, merged into each listing collection's `tools`. */
  dynamic?: DynamicTools;
}): readonly CollectionRegistry[] {
  const byId = new Map(options.plugins.map((p) => [p.id, p]));
  const paths = new Map<string, string>();
  const ids = new Set<string>();
  return Object.freeze(
    options.collections.map((collection) => {
      const definedScopes = checkCollection(collection, { byId, loopback: options.loopback });
      const name = `collection "${collection.id}"`;
      if (ids.has(collection.id)) {
        throw new ServiceDeskError(
          'COLLECTION_DUPLICATE_ID',
          `${name} is declared twice; collection ids must be unique`,
        );
      }
      ids.add(collection.id);
      const other = paths.get(collection.path);
      if (other !== undefined) {
        throw new ServiceDeskError(
          'COLLECTION_DUPLICATE_PATH',
          `${name} and collection "${other}" both use path "${collection.path}"; give each its own path`,
        );
      }
      paths.set(collection.path, collection.id);
      const tools = new Map<
        string,
        CollectionRegistry['tools'] extends ReadonlyMap<string, infer T> ? T : never
      >();
      const resources = new Map<
        string,
        CollectionRegistry['resources'] extends ReadonlyMap<string, infer T> ? T : never
      >();
      const templates: CompiledTemplate[] = [];
      const prompts = new Map<
        string,
        CollectionRegistry['prompts'] extends ReadonlyMap<string, infer T> ? T : never
      >();
      for (const pluginId of collection.plugins) {
        const contributed = options.contributions.get(pluginId);
        if (!contributed) continue;
        for (const tool of contributed.tools) {
          const existing = tools.get(tool.definition.name);
          if (existing) {
            throw new ServiceDeskError(
              'TOOL_DUPLICATE_NAME',
              `${name}: tool "${tool.definition.name}" is defined by plugin "${existing.pluginId}" and plugin "${pluginId}"; ` +
                'rename one or list only one of the plugins',
            );
          }
          tools.set(tool.definition.name, tool);
        }
        for (const definition of contributed.resources) {
          const existing = resources.get(definition.uri);
          if (existing) {
            throw new ServiceDeskError(
              'RESOURCE_DUPLICATE',
              `${name}: resource "${definition.uri}" is defined by plugin "${existing.pluginId}" and plugin "${pluginId}"`,
            );
          }
          resources.set(definition.uri, { definition, pluginId });
        }
        for (const definition of contributed.resourceTemplates) {
          if (templates.some((t) => t.definition.uriTemplate === definition.uriTemplate)) {
            throw new ServiceDeskError(
              'RESOURCE_DUPLICATE',
              `${name}: resource template "${definition.uriTemplate}" is defined twice`,
            );
          }
          templates.push({
            definition,
            pluginId,
            matcher: new UriTemplate(definition.uriTemplate),
          });
        }
        for (const definition of contributed.prompts) {
          const existing = prompts.get(definition.name);
          if (existing) {
            throw new ServiceDeskError(
              'PROMPT_DUPLICATE_NAME',
              `${name}: prompt "${definition.name}" is defined by plugin "${existing.pluginId}" and plugin "${pluginId}"`,
            );
          }
          prompts.set(definition.name, { definition, pluginId });
        }
      }
      const url = new URL(collection.path, options.baseUrl).href;
      const offered = options.toolsKnown === false ? tools : selectTools(collection, tools, byId);
      if (options.toolsKnown !== false) {
        checkCalledTools(collection, offered, byId);
        checkWriteConfirmations(collection, offered);
        addViewResources(name, offered, resources);
      }
      const dynamic = options.dynamic;
      const changing =
        dynamic !== undefined && collection.plugins.some((id) => byId.get(id)?.dynamicTools);
      const current = changing ? liveTools(collection, offered, dynamic) : () => offered;
      return Object.freeze({
        collection,
        url,
        audience: collection.audience ?? url,
        definedScopes,
        get tools() {
          return current();
        },
        unavailableTool: (toolName: string) => {
          if (!changing || (collection.tools && !collection.tools.includes(toolName)))
            return undefined;
          const owner = dynamicOwnerOf(toolName, collection.plugins, byId);
          return owner === undefined ? undefined : dynamic.unavailableOf(owner).get(toolName);
        },
        resources,
        templates: Object.freeze(templates),
        prompts,
      });
    }),
  );
}
