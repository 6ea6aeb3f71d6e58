import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { ResourceDefinition } from '../resource/define-resource.js';
import type { CompiledTool } from '../tool/compile-tool.js';
import { viewMimeType, viewResourceMeta, type ViewDefinition } from '../view/define-view.js';
import type { CollectionRegistry } from './collection-registry.js';

type ResourceEntry =
  CollectionRegistry['resources'] extends ReadonlyMap<string, infer T> ? T : never;

/** Built once per view, so every collection serving it shares one definition. */
const resourceOf = new WeakMap<ViewDefinition, ResourceDefinition>();

/**
 * The resource that serves a view: its HTML as `text/html;profile=mcp-app`, with `_meta.ui`
 * (CSP, border) on the listing and on the content, where hosts look first. The HTML is static
 * and carries no desk data, so any caller of the collection may read it.
 */
function viewResource(view: ViewDefinition): ResourceDefinition {
  let resource = resourceOf.get(view);
  if (resource) return resource;
  const meta = viewResourceMeta(view);
  resource = Object.freeze({
    kind: 'resource' as const,
    uri: view.uri,
    name: view.name,
    ...(view.title !== undefined && { title: view.title }),
    ...(view.description !== undefined && { description: view.description }),
    mimeType: viewMimeType,
    meta,
    scopes: [],
    read: ({ uri }: { uri: string }): ReadResourceResult['contents'] => [
      { uri, mimeType: viewMimeType, text: view.html(), _meta: meta },
    ],
  });
  resourceOf.set(view, resource);
  return resource;
}

/**
 * Adds to a collection's resources the view of every tool it offers. The HTML is read here, at
 * startup: a view that cannot be read stops the start (VIEW_UNAVAILABLE) naming the collection,
 * the tool and its plugin; another resource at the same URI is RESOURCE_DUPLICATE.
 *
 * @example
 * addViewResources('collection "agent"', offered, resources);
 */
export function addViewResources(
  collectionName: string,
  offered: ReadonlyMap<string, CompiledTool>,
  resources: Map<string, ResourceEntry>,
): void {
  for (const tool of offered.values()) {
    const view = tool.definition.ui?.view;
    if (!view) continue;
    const owner = `${collectionName}: view "${view.name}" of tool "${tool.definition.name}" (plugin "${tool.pluginId}")`;
    const existing = resources.get(view.uri);
    if (existing) {
      if (existing.definition === resourceOf.get(view)) continue; // another tool's same view
      throw new ServiceDeskError(
        'RESOURCE_DUPLICATE',
        `${owner} uses URI "${view.uri}", which plugin "${existing.pluginId}" already serves; give the view its own URI`,
      );
    }
    try {
      view.html();
    } catch (error) {
      throw new ServiceDeskError(
        'VIEW_UNAVAILABLE',
        `${owner} cannot be read: ${(error as Error).message}`,
      );
    }
    resources.set(view.uri, { definition: viewResource(view), pluginId: tool.pluginId });
  }
}
