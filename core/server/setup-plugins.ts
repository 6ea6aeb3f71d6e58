import type { z } from 'zod';
import { pluginMessages } from '../coordination/plugin-messages.js';
import type { SharedState } from '../coordination/shared-state.js';
import { pluginMetrics } from '../metrics/plugin-metrics.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import type { PluginCollectionSettings } from '../collection/collection-settings.js';
import type { PluginDefinition, PluginInstance } from '../plugin/define-plugin.js';
import { ExtensionPointRegistry } from '../plugin/extension-point.js';
import type { PluginContributions } from '../plugin/plugin-contributions.js';
import { pluginScopes, type PluginScopes } from '../plugin/plugin-scopes.js';
import type { ServiceRegistry } from '../plugin/service-ref.js';
import { ServiceDeskError } from '../errors/servicedesk-error.js';
import type { Logger } from '../log/logger.js';
import type { PromptDefinition } from '../prompt/define-prompt.js';
import type {
  ResourceDefinition,
  ResourceTemplateDefinition,
} from '../resource/define-resource.js';
import type { Database, DatabaseEngine } from '../storage/database.js';
import { compileTool } from '../tool/compile-tool.js';
import type { AnyToolDefinition } from '../tool/define-tool.js';
import type { DynamicTools } from '../tool/dynamic-tools.js';
import type { ReadinessCheck } from '../http/create-app.js';

/** What setting plugins up produced. */
export interface SetUpPlugins {
  readonly contributions: ReadonlyMap<string, PluginContributions>;
  /** Close functions, in the order they must run (reverse of setup). */
  readonly closers: readonly { pluginId: string; close: () => Promise<void> | void }[];
}

/**
 * Runs each plugin's setup in dependency order and compiles what it contributed. A failing
 * setup closes the plugins already set up and throws PLUGIN_SETUP_FAILED naming the plugin.
 */
export async function setupPlugins(
  ordered: readonly PluginDefinition[],
  env: {
    db: Database;
    engine: DatabaseEngine;
    log: Logger;
    services: ServiceRegistry;
    readiness: Map<string, ReadinessCheck>;
    notifyResourceUpdated: (uri: string) => void;
    /** Where plugins' messages to their copies on other instances go. */
    shared: SharedState;
    /** Where `setDynamicTools` puts each plugin's runtime tools. */
    dynamic: DynamicTools;
    purpose: 'serve' | 'command';
    /** Each plugin's per-collection settings, parsed at startup (checkCollectionSettings). */
    collectionSettings: PluginCollectionSettings;
    /** Where `ctx.metrics` declares each plugin's series. */
    metrics: ServerMetrics;
  },
): Promise<SetUpPlugins> {
  const byId = new Map(ordered.map((p) => [p.id, p]));
  const contributions = new Map<string, PluginContributions>();
  const instances: { pluginId: string; instance: PluginInstance }[] = [];
  const extensionPoints = new ExtensionPointRegistry();
  for (const plugin of ordered) {
    const tools: AnyToolDefinition[] = [...(plugin.tools ?? [])];
    const resources: ResourceDefinition[] = [...(plugin.resources ?? [])];
    const templates: ResourceTemplateDefinition[] = [...(plugin.resourceTemplates ?? [])];
    const prompts: PromptDefinition[] = [...(plugin.prompts ?? [])];
    const log = env.log.child({ plugin: plugin.id });
    let settled = false;
    const addTool = (tool: AnyToolDefinition): void => {
      // A tool added once setup has returned would be dropped without a word.
      if (settled) {
        throw new ServiceDeskError(
          'PLUGIN_SETUP_FAILED',
          `plugin "${plugin.id}" added tool "${tool.name}" after its setup had returned; add tools in setup() and await what adds them`,
        );
      }
      tools.push(tool);
    };
    try {
      const instance = await plugin.setup?.({
        pluginId: plugin.id,
        db: env.db,
        engine: env.engine,
        log,
        services: {
          get: (ref) => {
            if (env.services.has(ref)) return env.services.get(ref);
            throw new ServiceDeskError(
              'PLUGIN_SERVICE_MISSING',
              `plugin "${plugin.id}" uses service "${ref.id}", which no plugin set up before it provides; ` +
                'list the plugin that provides it in "requires" and in the config',
            );
          },
          has: (ref) => env.services.has(ref),
        },
        collectionSettings: <TSchema extends z.ZodType>(schema: TSchema) =>
          collectionSettingsOf(plugin, env.collectionSettings, schema),
        provide: (ref, value) => env.services.provide(ref, value, plugin.id),
        addTool,
        provideExtensionPoint: (point, factory) =>
          extensionPoints.provide(point, factory, plugin.id),
        extensionPoint: (point) =>
          extensionPoints.extend(point, {
            pluginId: plugin.id,
            requires: plugin.requires,
            log,
            addTool,
          }),
        addResource: (resource) => resources.push(resource),
        addResourceTemplate: (template) => templates.push(template),
        addPrompt: (prompt) => prompts.push(prompt),
        setDynamicTools: (dynamicTools, options) =>
          env.dynamic.set(plugin.id, dynamicTools, options?.unavailable),
        addReadinessCheck: (name, check) => env.readiness.set(`${plugin.id}:${name}`, check),
        notifyResourceUpdated: env.notifyResourceUpdated,
        messages: pluginMessages(env.shared, plugin.id),
        metrics: pluginMetrics(env.metrics, plugin.id),
        purpose: env.purpose,
      });
      settled = true;
      if (instance) instances.push({ pluginId: plugin.id, instance });
      // Compiled inside the try so a bad tool also closes the plugins already set up.
      const scopes = pluginScopes(plugin.id, byId);
      for (const item of [...resources, ...templates, ...prompts]) checkScopes(item, scopes);
      contributions.set(plugin.id, {
        pluginId: plugin.id,
        tools: tools.map((tool) => compileTool(tool, plugin.id, scopes)),
        resources,
        resourceTemplates: templates,
        prompts,
      });
    } catch (error) {
      await closePlugins(
        instances
          .reverse()
          .flatMap(({ pluginId, instance }) =>
            instance.close ? [{ pluginId, close: () => instance.close?.() }] : [],
          ),
        env.log,
      );
      if (error instanceof ServiceDeskError) throw error;
      throw new ServiceDeskError(
        'PLUGIN_SETUP_FAILED',
        `plugin "${plugin.id}" failed in setup: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  env.services.freeze();
  extensionPoints.freeze();
  const closers = instances
    .reverse()
    .flatMap(({ pluginId, instance }) =>
      instance.close ? [{ pluginId, close: () => instance.close?.() }] : [],
    );
  return { contributions, closers };
}

/** A plugin's per-collection settings, read with the schema it declared (so typed by it). */
function collectionSettingsOf<TSchema extends z.ZodType>(
  plugin: PluginDefinition,
  parsed: PluginCollectionSettings,
  schema: TSchema,
): ReadonlyMap<string, z.output<TSchema>> {
  if (schema !== plugin.collectionSettings) {
    throw new Error(
      "ctx.collectionSettings was given a schema other than the plugin's collectionSettings; pass that one",
    );
  }
  // Checked against this very schema at startup, so the values are its output.
  return (parsed.get(plugin.id) ?? new Map()) as ReadonlyMap<string, z.output<TSchema>>;
}

/** Runs plugin close functions in order; one failing does not stop the others. */
export async function closePlugins(closers: SetUpPlugins['closers'], log: Logger): Promise<void> {
  for (const { pluginId, close } of closers) {
    try {
      await close();
    } catch (error) {
      log.error('plugin close failed', { plugin: pluginId, error: (error as Error).message });
    }
  }
}

/** Resources, templates and prompts, like tools, may use only scopes their plugin can see. */
function checkScopes(
  item: ResourceDefinition | ResourceTemplateDefinition | PromptDefinition,
  scopes: PluginScopes,
): void {
  const label =
    item.kind === 'prompt'
      ? `prompt "${item.name}"`
      : item.kind === 'resource'
        ? `resource "${item.uri}"`
        : `resource template "${item.uriTemplate}"`;
  for (const scope of item.scopes) {
    if (!scopes.has(scope)) {
      throw new ServiceDeskError(
        'SCOPE_UNDEFINED',
        `${label} of plugin "${scopes.pluginId}" requires scope "${scope}", which ${scopes.missing(scope)}`,
      );
    }
  }
}
