import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import { type UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import type { PromptDefinition } from '../prompt/define-prompt.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { Scope } from '../scope/scope.js';
import type { CompiledTool } from '../tool/compile-tool.js';
import type { UnavailableTool } from '../tool/unavailable-tool.js';
import type { CollectionDefinition } from './define-collection.js';
import { listedFor } from '../view/tool-ui.js';

/** A resource template with its compiled matcher. */
export interface CompiledTemplate {
  readonly definition: ResourceTemplateDefinition;
  readonly pluginId: string;
  readonly matcher: UriTemplate;
}

/** What one collection serves, frozen at startup except for runtime tools (see `tools`). */
export interface CollectionRegistry {
  readonly collection: CollectionDefinition;
  /** The public URL of this endpoint, which is also the default token audience. */
  readonly url: string;
  readonly audience: string;
  /** Scopes defined by the listed plugins (the universe effective scopes are drawn from). */
  readonly definedScopes: ReadonlyMap<Scope, string>;
  /**
   * The tools served now. Fixed at startup, unless a listed plugin declares `dynamicTools`: then
   * each read returns the current map (a new map after every change), so read it per request.
   */
  readonly tools: ReadonlyMap<string, CompiledTool>;
  /**
   * A runtime tool that this collection would serve but whose plugin says it cannot be served
   * now (`setDynamicTools(…, { unavailable })`); undefined for every other name.
   */
  unavailableTool(name: string): UnavailableTool | undefined;
  readonly resources: ReadonlyMap<
    string,
    { readonly definition: ResourceDefinition; readonly pluginId: string }
  >;
  readonly templates: readonly CompiledTemplate[];
  readonly prompts: ReadonlyMap<
    string,
    { readonly definition: PromptDefinition; readonly pluginId: string }
  >;
}

/** True when every scope in `required` is in `scopes`. */
export function permits(scopes: ReadonlySet<Scope>, required: readonly Scope[]): boolean {
  for (const scope of required) if (!scopes.has(scope)) return false;
  return true;
}

function cacheKey(scopes: ReadonlySet<Scope>): string {
  return [...scopes].sort().join(' ');
}

/**
 * Lists, per effective scope set, what a caller may see. Results are cached by scope set: a
 * deployment has few distinct sets, and `tools/list` is then a map lookup.
 */
export class CollectionView {
  readonly #registry: CollectionRegistry;
  readonly #toolLists = new Map<string, readonly Tool[]>();
  /** The tool map the cached lists were built from; a new one means runtime tools changed. */
  #listedFrom: ReadonlyMap<string, CompiledTool> | undefined;

  constructor(registry: CollectionRegistry) {
    this.#registry = registry;
  }

  /**
   * The tools a caller with `scopes` may list. App-only tools (`ui.visibility: ['app']`) are
   * listed only to a client that declares MCP Apps (`apps`), whose host keeps them from the model.
   */
  tools(scopes: ReadonlySet<Scope>, client: { apps: boolean } = { apps: false }): readonly Tool[] {
    const current = this.#registry.tools;
    if (current !== this.#listedFrom) {
      this.#toolLists.clear();
      this.#listedFrom = current;
    }
    const key = client.apps ? `apps ${cacheKey(scopes)}` : cacheKey(scopes);
    let list = this.#toolLists.get(key);
    if (!list) {
      list = Object.freeze(
        [...current.values()]
          .filter((t) => permits(scopes, t.definition.scopes) && listedFor(t.definition.ui, client))
          .map((t) => t.listing),
      );
      if (this.#toolLists.size < 1024) this.#toolLists.set(key, list);
    }
    return list;
  }

  resources(scopes: ReadonlySet<Scope>): Resource[] {
    return [...this.#registry.resources.values()]
      .filter((r) => permits(scopes, r.definition.scopes))
      .map(({ definition: d }) => ({
        uri: d.uri,
        name: d.name,
        ...(d.title !== undefined && { title: d.title }),
        ...(d.description !== undefined && { description: d.description }),
        ...(d.mimeType !== undefined && { mimeType: d.mimeType }),
        ...(d.meta !== undefined && { _meta: { ...d.meta } }),
      }));
  }

  templates(scopes: ReadonlySet<Scope>): ResourceTemplate[] {
    return this.#registry.templates
      .filter((t) => permits(scopes, t.definition.scopes))
      .map(({ definition: d }) => ({
        uriTemplate: d.uriTemplate,
        name: d.name,
        ...(d.title !== undefined && { title: d.title }),
        ...(d.description !== undefined && { description: d.description }),
        ...(d.mimeType !== undefined && { mimeType: d.mimeType }),
      }));
  }

  prompts(scopes: ReadonlySet<Scope>): Prompt[] {
    return [...this.#registry.prompts.values()]
      .filter((p) => permits(scopes, p.definition.scopes))
      .map(({ definition: d }) => ({
        name: d.name,
        ...(d.title !== undefined && { title: d.title }),
        ...(d.description !== undefined && { description: d.description }),
        ...(d.arguments && {
          arguments: d.arguments.map((a) => ({
            name: a.name,
            ...(a.description !== undefined && { description: a.description }),
            ...(a.required !== undefined && { required: a.required }),
          })),
        }),
      }));
  }
}
